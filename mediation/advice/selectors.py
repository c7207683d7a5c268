from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from mediation.advice.models import FamilyDecision, InformationCall


def calls_for_case(*, case: Any) -> QuerySet[InformationCall]:
    return InformationCall.objects.filter(case=case).select_related("adviser")


def decisions_for_case(*, case: Any) -> QuerySet[FamilyDecision]:
    return FamilyDecision.objects.filter(case=case).select_related("recorded_by")


def call_get(*, call_id: UUID) -> InformationCall | None:
    return InformationCall.objects.select_related("case", "adviser").filter(pk=call_id).first()
