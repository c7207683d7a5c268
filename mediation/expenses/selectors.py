from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from mediation.expenses.models import ExpenseClaim, Receipt


def claims_for_case(*, case: Any) -> QuerySet[ExpenseClaim]:
    return ExpenseClaim.objects.filter(case=case).prefetch_related("receipts")


def claim_get(*, case: Any, claim_id: UUID | str) -> ExpenseClaim | None:
    try:
        return ExpenseClaim.objects.filter(case=case, pk=claim_id).first()
    except (ValueError, TypeError):
        return None


def receipt_get(*, case: Any, receipt_id: UUID | str) -> Receipt | None:
    try:
        return Receipt.objects.filter(claim__case=case, pk=receipt_id).first()
    except (ValueError, TypeError):
        return None
