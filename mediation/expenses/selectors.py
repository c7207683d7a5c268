from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from mediation.expenses.models import ExpenseClaim, Receipt

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.cases.models import Case


def claims_for_case(*, case: Case) -> QuerySet[ExpenseClaim]:
    return ExpenseClaim.objects.filter(case=case).prefetch_related("receipts")


def claim_get(*, case: Case, claim_id: UUID | str) -> ExpenseClaim | None:
    try:
        return ExpenseClaim.objects.filter(case=case, pk=claim_id).first()
    except (ValueError, TypeError):
        return None


def receipt_get(*, case: Case, receipt_id: UUID | str) -> Receipt | None:
    try:
        return Receipt.objects.filter(claim__case=case, pk=receipt_id).first()
    except (ValueError, TypeError):
        return None
