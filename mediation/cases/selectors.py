"""Reading cases: the work queue, one case, its timeline and deadlines."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter as CountOf
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case as Choose
from django.db.models import F, Q, QuerySet, Value, When

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
        qs = qs.filter(held_by(user))
    if filters.search.strip():
        qs = qs.filter(text_matches(filters.search))
    qs = qs.select_related(*NEXT_STEP_RELATED).prefetch_related(*NEXT_STEP_PREFETCH)
    return qs.order_by(F("next_deadline_on").asc(nulls_last=True), "received_at")[:QUEUE_LIMIT]


# ---------------------------------------------------------------------------------------------
# Finding any case, open or closed
# ---------------------------------------------------------------------------------------------

# A reference as people type or read it out: "LDN-2026-00007", "ldn 2026 7", "LDN/2026/7",
# "ldn2026-7"; a service's prefix with digits in it ("S01") needs the separators.
_REFERENCES_TYPED = (
    re.compile(r"^([A-Za-z]{1,6})[\s\-_/.]*(\d{4})[\s\-_/.]*(\d{1,6})$"),
    re.compile(r"^([A-Za-z][A-Za-z0-9]{0,5})[\s\-_/.]+(\d{4})[\s\-_/.]+(\d{1,6})$"),
)
_SEPARATORS = re.compile(r"[\s\-_/.]+")


def reference_normalise(term: str) -> str:
    """The case reference a typed term means ("ldn 2026 7" is LDN-2026-00007), or "" if the
    term is not shaped like one."""
    for shape in _REFERENCES_TYPED:
        found = shape.match(term.strip())
        if found is not None:
            prefix, year, number = found.groups()
            return f"{prefix.upper()}-{year}-{int(number):05d}"
    return ""


def text_matches(term: str) -> Q:
    """Cases a typed term finds: by reference (however it is spaced or cased), or with every
    word of it in the reference, the child's or applicant's name or the local authority's."""
    reference = reference_normalise(term)
    if reference:
        spaced = _SEPARATORS.sub("-", term.strip())
        return Q(reference__iexact=reference) | Q(reference__icontains=spaced)
    matches = Q()
    for word in term.split():
        matches &= (
            Q(reference__icontains=word)
            | Q(child_first_name__icontains=word)
            | Q(child_last_name__icontains=word)
            | Q(applicant_name__icontains=word)
            | Q(local_authority__name__icontains=word)
        )
    return matches


def held_by(user: Actor) -> Q:
    """Cases this person holds: assigned to them, advised by them, or allocated to them as the
    mediator now."""
    allocated = Case.objects.filter(
        mediator_allocations__mediator=user, mediator_allocations__ended_at__isnull=True
    ).values("pk")
    return Q(assigned_to=user) | Q(adviser=user) | Q(pk__in=allocated)


# Nobody is assigned to the case (the "assigned to" filter's other answer).
NOBODY = "nobody"
# The stage filter's groups of stages.
ANY_OPEN = "open"


@dataclass(frozen=True)
class CaseSearch:
    """What to find: a reference or name, and filters. Empty ones do not narrow the search."""

    text: str = ""
    stage: str = ""  # a Stage, ANY_OPEN, or "" for any
    service_id: str = ""
    local_authority_id: str = ""
    mediator_id: str = ""  # the mediator allocated to the case now
    assigned_to_id: str = ""  # a person, or NOBODY
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    closed_from: dt.date | None = None
    closed_to: dt.date | None = None


def _stage_matches(stage: str) -> Q:
    if stage == ANY_OPEN:
        return Q(stage__in=OPEN_STAGES)
    return Q(stage=stage) if stage else Q()


def _dates_match(criteria: CaseSearch) -> Q:
    """The received and closed date ranges, each day in full (in the service's time zone)."""
    bounds = {
        "received_at__date__gte": criteria.received_from,
        "received_at__date__lte": criteria.received_to,
        "closed_at__date__gte": criteria.closed_from,
        "closed_at__date__lte": criteria.closed_to,
    }
    return Q(**{lookup: day for lookup, day in bounds.items() if day is not None})


def _filters_match(criteria: CaseSearch) -> Q:
    matches = _stage_matches(criteria.stage) & _dates_match(criteria)
    if criteria.service_id:
        matches &= Q(service__pk=criteria.service_id)
    if criteria.local_authority_id:
        matches &= Q(local_authority__pk=criteria.local_authority_id)
    if criteria.mediator_id:
        allocated = Case.objects.filter(
            mediator_allocations__mediator__pk=criteria.mediator_id,
            mediator_allocations__ended_at__isnull=True,
        ).values("pk")
        matches &= Q(pk__in=allocated)
    if criteria.assigned_to_id == NOBODY:
        matches &= Q(assigned_to__isnull=True)
    elif criteria.assigned_to_id:
        matches &= Q(assigned_to__pk=criteria.assigned_to_id)
    return matches


def _with_what_rows_show(qs: QuerySet[Case]) -> QuerySet[Case]:
    """A list of cases with what each row shows (and its next step reads) fetched together."""
    return qs.select_related(*NEXT_STEP_RELATED).prefetch_related(*NEXT_STEP_PREFETCH)


def case_search(*, user: Actor, criteria: CaseSearch) -> QuerySet[Case]:
    """Open and closed cases of the services this person works in that match: a case whose
    reference is the one typed first, then the newest first."""
    qs = cases_visible_to_staff(user=user).filter(_filters_match(criteria))
    newest_first = ("-received_at", "-reference")
    text = criteria.text.strip()
    if not text:
        return _with_what_rows_show(qs.order_by(*newest_first))
    exact = Q(reference__iexact=reference_normalise(text) or text)
    qs = qs.filter(text_matches(text)).annotate(
        reference_typed=Choose(When(exact, then=Value(0)), default=Value(1))
    )
    return _with_what_rows_show(qs.order_by("reference_typed", *newest_first))


def cases_held(*, user: Actor) -> QuerySet[Case]:
    """The cases this person holds (`held_by`): the open ones first, then the newest first."""
    qs = cases_visible_to_staff(user=user).filter(held_by(user))
    qs = qs.annotate(
        closed_last=Choose(When(stage=Stage.CLOSED, then=Value(1)), default=Value(0))
    ).order_by("closed_last", "-received_at", "-reference")
    return _with_what_rows_show(qs)


def open_cases_held_count(*, user: Actor) -> int:
    return cases_visible_to_staff(user=user).filter(held_by(user), stage__in=OPEN_STAGES).count()


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
