"""Reading cases: the work queue, one case, its timeline and deadlines."""

from __future__ import annotations

import datetime as dt
from collections import Counter as CountOf
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet

from mediation.cases.choices import OPEN_STAGES, Stage
from mediation.cases.models import Case, CaseEvent, ConsentRecord, Participant, Party

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.accounts.actors import Actor
    from mediation.directory.models import Organisation

# The most rows the work queue shows.
QUEUE_LIMIT = 500


def cases_visible_to_staff(*, user: Actor) -> QuerySet[Case]:
    """Cases in the services this member of staff works in (managers see every service)."""
    qs = Case.objects.select_related("service", "local_authority", "assigned_to")
    if user.role == "service_manager":
        return qs
    return qs.filter(service__in=user.services.all())


def case_get(*, case_id: UUID | str) -> Case | None:
    try:
        return (
            Case.objects.select_related("service", "local_authority", "assigned_to", "adviser")
            .prefetch_related("matters", "family_members", "consents")
            .filter(pk=case_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def case_by_reference(*, reference: str) -> Case | None:
    return Case.objects.filter(reference__iexact=reference.strip()).first()


@dataclass(frozen=True)
class QueueFilters:
    local_authority_id: str = ""
    stage: str = ""
    assigned_to_me: bool = False
    search: str = ""


# What `lifecycle.next_step` reads of each case, fetched once for a list of cases.
NEXT_STEP_PREFETCH = (
    "calls__adviser",
    "mediator_allocations",
    "meetings",
    "parties__organisation",
    "matters",
)
NEXT_STEP_RELATED = ("outcome", "agreement", "local_authority")


def work_queue(*, user: Actor, filters: QueueFilters) -> QuerySet[Case]:
    """Open cases needing action, the nearest statutory date first (cases without one last)."""
    qs = cases_visible_to_staff(user=user).filter(stage__in=OPEN_STAGES)
    if filters.local_authority_id:
        qs = qs.filter(local_authority__pk=filters.local_authority_id)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.assigned_to_me:
        qs = qs.filter(Q(assigned_to=user) | Q(adviser=user))
    if filters.search:
        term = filters.search.strip()
        qs = qs.filter(
            Q(reference__icontains=term)
            | Q(child_first_name__icontains=term)
            | Q(child_last_name__icontains=term)
            | Q(applicant_name__icontains=term)
        )
    qs = qs.select_related(*NEXT_STEP_RELATED).prefetch_related(*NEXT_STEP_PREFETCH)
    return qs.order_by(F("next_deadline_on").asc(nulls_last=True), "received_at")[:QUEUE_LIMIT]


def stage_counts(*, user: Actor) -> dict[str, int]:
    """How many open cases are at each stage (for the queue's summary)."""
    counts = CountOf(
        cases_visible_to_staff(user=user)
        .filter(stage__in=OPEN_STAGES)
        .values_list("stage", flat=True)
    )
    return {stage.value: counts.get(stage.value, 0) for stage in Stage if stage != Stage.CLOSED}


def case_timeline(*, case: Case, include_restricted: bool) -> QuerySet[CaseEvent]:
    qs = case.events.select_related("actor")
    if not include_restricted:
        qs = qs.filter(restricted=False)
    return qs


def open_duplicates(
    *,
    child_first_name: str,
    child_last_name: str,
    child_date_of_birth: dt.date,
    local_authority_id: UUID | str,
    exclude_id: UUID | str | None = None,
) -> QuerySet[Case]:
    """Open cases for the same child and local authority (a possible duplicate referral)."""
    qs = Case.objects.filter(
        child_first_name__iexact=child_first_name.strip(),
        child_last_name__iexact=child_last_name.strip(),
        child_date_of_birth=child_date_of_birth,
        local_authority__pk=local_authority_id,
        stage__in=OPEN_STAGES,
    )
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    return qs


def latest_consents(*, case: Case) -> dict[str, ConsentRecord]:
    """The latest record of each kind of permission (the one that counts)."""
    latest: dict[str, ConsentRecord] = {}
    for record in case.consents.all().order_by("-created_at"):
        latest.setdefault(record.kind, record)
    return latest


def cases_for_child(*, first_name: str, last_name: str, date_of_birth: dt.date) -> QuerySet[Case]:
    return Case.objects.filter(
        child_first_name__iexact=first_name,
        child_last_name__iexact=last_name,
        child_date_of_birth=date_of_birth,
    )


def parties_for_case(*, case: Case) -> QuerySet[Party]:
    return case.parties.select_related("organisation").prefetch_related("participants")


def party_get(*, case: Case, party_id: UUID | str) -> Party | None:
    try:
        return case.parties.select_related("organisation").filter(pk=party_id).first()
    except (ValueError, TypeError):
        return None


def participant_get(*, case: Case, participant_id: UUID | str) -> Participant | None:
    try:
        return case.participants.select_related("party").filter(pk=participant_id).first()
    except (ValueError, TypeError):
        return None


def participants_without_party(*, case: Case) -> QuerySet[Participant]:
    return case.participants.filter(party__isnull=True, removed_at__isnull=True)


def active_participants(*, case: Case) -> QuerySet[Participant]:
    return case.participants.filter(removed_at__isnull=True).select_related("party")


def dr_ready(*, case: Case) -> bool:
    """Disagreement resolution can be arranged once every other party has agreed to take part."""
    others = [p for p in case.parties.all() if not p.is_family]
    return bool(others) and all(p.dr_answer == "agrees" for p in others)


def parties_of_organisation(*, organisation: Organisation) -> QuerySet[Party]:
    """The parties an organisation is (for the partner side)."""
    return Party.objects.filter(organisation=organisation).select_related("case")
