"""Reading the information calls and the family's decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mediation.accounts import selectors as account_selectors
from mediation.advice.models import CallStatus, FamilyDecision, InformationCall
from mediation.policy.roles import Role

if TYPE_CHECKING:
    from uuid import UUID

    from django.db.models import QuerySet

    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case

# Who gives the mediation information: the service's advisers and mediators.
ADVISER_ROLES = frozenset({Role.MEDIATION_ADVISER, Role.MEDIATOR})


def calls_for_case(*, case: Case) -> QuerySet[InformationCall]:
    return InformationCall.objects.filter(case=case).select_related("adviser")


def last_call_given(*, case: Case) -> InformationCall | None:
    """The latest call in which the family was given the information (None if none yet)."""
    return calls_for_case(case=case).filter(status=CallStatus.GIVEN).first()


def decisions_for_case(*, case: Case) -> QuerySet[FamilyDecision]:
    return FamilyDecision.objects.filter(case=case).select_related("created_by")


def call_get(*, call_id: UUID) -> InformationCall | None:
    return InformationCall.objects.select_related("case", "adviser").filter(pk=call_id).first()


def advisers_for_case(*, case: Case) -> list[Actor]:
    """Who may give the family the information: advisers and mediators of the case's service."""
    return [
        person
        for person in account_selectors.staff_of_service(service=case.service)
        if person.role in ADVISER_ROLES
    ]
