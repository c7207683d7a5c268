"""Reading the mediator panel: profiles, conflicts, caseloads, and who may mediate a case.

What the panel's pages show (and their wording) is in `presenters`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from mediation.cases import clock as case_clock
from mediation.cases.choices import ParticipantRole, PartyKind, Stage
from mediation.core.formatting import govuk_date
from mediation.directory import selectors as directory_selectors
from mediation.panel.choices import EXPIRY_WARNING_DAYS, LANGUAGE_ALIASES, Exclusion
from mediation.panel.models import Allocation, ConflictDeclaration, MediatorProfile
from mediation.policy.roles import Role

if TYPE_CHECKING:
    from mediation.accounts.models import User
    from mediation.cases.models import Case
    from mediation.directory.models import Organisation, Service

# ---------------------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------------------


def language_normalise(name: str) -> str:
    """One spelling per language: trimmed, capitalised, and "BSL" as British Sign Language."""
    cleaned = " ".join(name.split())
    if not cleaned:
        return ""
    alias = LANGUAGE_ALIASES.get(cleaned.casefold())
    if alias:
        return alias
    return cleaned[:1].upper() + cleaned[1:]


def family_languages(*, case: Case) -> list[str]:
    """The languages the family needs beyond English: its interpreter's, and BSL."""
    found: list[str] = []
    candidates = [case.interpreter_language]
    candidates += [
        p.language
        for p in case.participants.filter(role=ParticipantRole.INTERPRETER, removed_at__isnull=True)
        if p.language
    ]
    if case.needs_bsl:
        candidates.append("British Sign Language")
    for raw in candidates:
        language = language_normalise(raw or "")
        if language and language.casefold() not in {f.casefold() for f in found}:
            found.append(language)
    return [f for f in found if f.casefold() != "english"]


# ---------------------------------------------------------------------------------------------
# Mediators and their profiles
# ---------------------------------------------------------------------------------------------


def _mediators() -> QuerySet[User]:
    return get_user_model().objects.filter(role=Role.MEDIATOR)


def mediator_get(*, user_id: UUID | str) -> User | None:
    """A mediator (active or not) by user id; None for anyone who is not a mediator."""
    try:
        return (
            _mediators()
            .select_related("mediator_profile")
            .prefetch_related("services", "mediator_profile__areas")
            .filter(pk=user_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def profile_of(*, mediator: User) -> MediatorProfile | None:
    return MediatorProfile.objects.filter(user=mediator).prefetch_related("areas").first()


def loaded_profile(mediator: User) -> MediatorProfile | None:
    """The profile read with the mediator (`mediator_get` reads it), or None if they have none."""
    return getattr(mediator, "mediator_profile", None)


def mediator_caseload(*, mediator: User) -> int:
    """How many open cases the mediator is currently allocated to."""
    return (
        Allocation.objects.filter(mediator=mediator, ended_at__isnull=True)
        .exclude(case__stage=Stage.CLOSED)
        .count()
    )


def caseloads(mediator_ids: Iterable[UUID]) -> dict[UUID, int]:
    """How many open cases each mediator is currently allocated to (absent: none)."""
    rows = (
        Allocation.objects.filter(mediator_id__in=list(mediator_ids), ended_at__isnull=True)
        .exclude(case__stage=Stage.CLOSED)
        .values("mediator_id")
        .annotate(n=Count("id"))
    )
    return {row["mediator_id"]: row["n"] for row in rows}


def accreditation_state(
    profile: MediatorProfile | None, *, today: dt.date | None = None
) -> tuple[str, str]:
    """("missing" | "expired" | "expiring" | "current", a label for a tag)."""
    today = today or timezone.localdate()
    if profile is None or not profile.register or profile.accredited_until is None:
        return "missing", "Not recorded"
    until = profile.accredited_until
    if until < today:
        return "expired", "Expired"
    if until <= today + dt.timedelta(days=EXPIRY_WARNING_DAYS):
        return "expiring", "Expires soon"
    return "current", "Current"


@dataclass(frozen=True)
class PanelMember:
    """A mediator on the panel, with their open cases and current conflicts counted."""

    mediator: User
    profile: MediatorProfile | None
    caseload: int
    conflicts: int


def panel_members(*, include_inactive: bool = False) -> list[PanelMember]:
    """Every mediator (active ones only, unless asked), by name."""
    mediators = _mediators().select_related("mediator_profile").order_by("full_name")
    if not include_inactive:
        mediators = mediators.filter(is_active=True)
    counted = mediators.prefetch_related("mediator_profile__areas").annotate(
        current_conflicts=Count(
            "conflict_declarations",
            filter=Q(conflict_declarations__withdrawn_at__isnull=True),
        )
    )
    people = list(counted)
    loads = caseloads(p.pk for p in people)
    return [
        PanelMember(
            mediator=person,
            profile=loaded_profile(person),
            caseload=loads.get(person.pk, 0),
            conflicts=person.current_conflicts,
        )
        for person in people
    ]


def area_choices(*, profile: MediatorProfile | None) -> list[Organisation]:
    """The local authorities a profile may cover: those the services serve, and any it covers
    already (a service may have stopped serving one), by name."""
    served = list(
        directory_selectors.local_authorities_served(services=directory_selectors.service_list())
    )
    if profile is None:
        return served
    extra = [a for a in profile.areas.all() if a not in served]
    return sorted(served + extra, key=lambda la: la.name)


# ---------------------------------------------------------------------------------------------
# Conflicts of interest
# ---------------------------------------------------------------------------------------------


def conflicts_of(
    *, mediator: User, include_withdrawn: bool = True
) -> QuerySet[ConflictDeclaration]:
    qs = ConflictDeclaration.objects.filter(mediator=mediator).select_related(
        "organisation", "created_by", "withdrawn_by"
    )
    if not include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    return qs


def conflict_get(*, conflict_id: UUID | str) -> ConflictDeclaration | None:
    try:
        return (
            ConflictDeclaration.objects.select_related("mediator", "organisation")
            .filter(pk=conflict_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


CONFLICT_ORGANISATION_KINDS = (
    "local_authority",
    "icb",
    "school",
    "college",
    "early_years",
    "social_care",
    "iass",
    "other",
)


def conflict_organisations() -> list[Organisation]:
    """Organisations a conflict can be declared with (all but the provider), current ones only."""
    organisation_model = ConflictDeclaration._meta.get_field("organisation").related_model
    organisations = cast("type[Organisation]", organisation_model)._default_manager
    return list(
        organisations.filter(kind__in=CONFLICT_ORGANISATION_KINDS, valid_to__isnull=True).order_by(
            "name"
        )
    )


def _surname(full_name: str) -> str:
    parts = full_name.split()
    return parts[-1] if parts else ""


# The part each kind of party plays in a case, as a conflict's reason names it.
PARTY_ROLES: dict[str, str] = {
    PartyKind.LOCAL_AUTHORITY: "the local authority",
    PartyKind.ICB: "the integrated care board",
    PartyKind.SCHOOL: "the school or college",
    PartyKind.SOCIAL_CARE: "social care",
    PartyKind.OTHER: "a party",
}


def case_organisations(*, case: Case) -> dict[UUID, str]:
    """The organisations a case involves, by id, with the part each plays ("the school")."""
    roles: dict[UUID, str] = {case.local_authority_id: "the local authority"}
    if case.icb_id:
        roles.setdefault(case.icb_id, "the integrated care board")
    for party in case.parties.exclude(organisation__isnull=True):
        if party.organisation_id is not None:
            roles.setdefault(party.organisation_id, PARTY_ROLES.get(party.kind, "a party"))
    return roles


def _setting_name(case: Case) -> str:
    return " ".join((case.child_setting or "").split()).casefold()


def family_surnames(*, case: Case) -> set[str]:
    """The surnames the family may be known by: the child's, the applicant's, other members'."""
    names = {case.child_last_name, _surname(case.applicant_name)}
    names |= {_surname(m.name) for m in case.family_members.all()}
    return {n.strip().casefold() for n in names if n and n.strip()}


@dataclass(frozen=True)
class CaseParts:
    """What in a case a conflict of interest can touch."""

    case: Case
    organisations: dict[UUID, str]  # by id, with the part each plays
    surnames: set[str]  # the family's, casefolded

    @classmethod
    def of(cls, case: Case) -> CaseParts:
        return cls(
            case=case,
            organisations=case_organisations(case=case),
            surnames=family_surnames(case=case),
        )


def _conflict_matches(conflict: ConflictDeclaration, parts: CaseParts) -> str | None:
    """The part of the case this conflict touches (e.g. "the local authority"), or None."""
    case = parts.case
    if conflict.organisation_id is None:
        same_family = (
            conflict.family_child_date_of_birth == case.child_date_of_birth
            and conflict.family_surname.strip().casefold() in parts.surnames
        )
        return "the family" if same_family else None
    if conflict.organisation_id in parts.organisations:
        return parts.organisations[conflict.organisation_id]
    setting = _setting_name(case)
    organisation = conflict.organisation
    if (
        setting
        and organisation is not None
        and organisation.kind in {"school", "college", "early_years"}
        and " ".join(organisation.name.split()).casefold() == setting
    ):
        return "the child's school or setting"
    return None


def conflict_reason(conflict: ConflictDeclaration, part: str) -> str:
    if conflict.is_family:
        return f"Declared a conflict of interest with this family: {conflict.description}"
    name = conflict.organisation.name if conflict.organisation else ""
    return f"Declared a conflict of interest with {name}, {part}: {conflict.description}"


def conflicts_with_case(*, mediator: User, case: Case) -> list[tuple[ConflictDeclaration, str]]:
    """The mediator's current declarations that touch this case, with the part each touches."""
    parts = CaseParts.of(case)
    found = []
    for conflict in conflicts_of(mediator=mediator, include_withdrawn=False):
        part = _conflict_matches(conflict, parts)
        if part is not None:
            found.append((conflict, part))
    return found


# ---------------------------------------------------------------------------------------------
# Suggestions for a case
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """One mediator, assessed for one case."""

    mediator: User
    profile: MediatorProfile | None
    caseload: int
    languages: list[str]
    speaks_family_language: bool
    is_current: bool = False
    reasons: tuple[str, ...] = ()  # why not offered (empty when eligible)
    codes: tuple[str, ...] = ()  # the Exclusion of each reason
    notes: tuple[str, ...] = field(default=())  # worth knowing, but no bar

    @property
    def eligible(self) -> bool:
        return not self.reasons

    @property
    def hint(self) -> str:
        """For the radio button: caseload, languages, availability notes."""
        cases = "1 open case" if self.caseload == 1 else f"{self.caseload} open cases"
        if self.profile is not None:
            cases += f" (maximum {self.profile.max_open_cases})"
        parts = [cases]
        if self.languages:
            parts.append("Languages: " + ", ".join(self.languages))
        if self.profile is not None and self.profile.availability_notes:
            parts.append("Availability: " + self.profile.availability_notes)
        parts.extend(self.notes)
        return ". ".join(parts) + "."


def mediation_due_on(case: Case) -> dt.date | None:
    """The 30-day date (mediation to take place), when the case has one."""
    deadline = case_clock.case_clock(case).deadlines.get("mediation_due")
    return deadline.due if deadline is not None else None


@dataclass(frozen=True)
class _Assessing:
    """What every mediator is assessed against, read once for the case."""

    parts: CaseParts
    wanted_languages: set[str]  # casefolded
    mediation_due: dt.date | None
    today: dt.date
    current_id: UUID | None


@dataclass(frozen=True)
class _Candidate:
    """One mediator, with what is recorded about them."""

    mediator: User
    profile: MediatorProfile | None
    caseload: int
    conflicts: list[ConflictDeclaration]


type Reason = tuple[str, str]  # (the Exclusion, why, in words)


def _accreditation_check(
    candidate: _Candidate, assessing: _Assessing
) -> tuple[list[Reason], list[str]]:
    """(reasons against, notes): no profile, accreditation missing or expired, or ending before
    mediation is due."""
    profile = candidate.profile
    if profile is None:
        return [
            (Exclusion.NO_PROFILE, "No panel profile: accreditation and areas not recorded")
        ], []
    state, _ = accreditation_state(profile, today=assessing.today)
    until = profile.accredited_until
    if state == "missing":
        return [(Exclusion.ACCREDITATION_MISSING, "No accreditation recorded")], []
    if state == "expired":
        return [(Exclusion.ACCREDITATION_EXPIRED, f"Accreditation expired {govuk_date(until)}")], []
    due = assessing.mediation_due
    if due is not None and until and until < due:
        note = (
            f"Accreditation ends {govuk_date(until)}, before mediation is due ({govuk_date(due)})"
        )
        return [], [note]
    return [], []


def _conflict_reasons(candidate: _Candidate, assessing: _Assessing) -> list[Reason]:
    reasons: list[Reason] = []
    for conflict in candidate.conflicts:
        part = _conflict_matches(conflict, assessing.parts)
        if part is not None:
            reasons.append((Exclusion.CONFLICT, conflict_reason(conflict, part)))
    return reasons


def _capacity_reasons(candidate: _Candidate, assessing: _Assessing) -> list[Reason]:
    """Availability, capacity and area, from the profile. Availability and capacity are about new
    cases: the current mediator has this one."""
    profile = candidate.profile
    if profile is None:
        return []
    is_current = candidate.mediator.pk == assessing.current_id
    reasons: list[Reason] = []
    if not profile.available and not is_current:
        note = f" ({profile.availability_notes})" if profile.availability_notes else ""
        reasons.append((Exclusion.NOT_AVAILABLE, f"Not taking new cases{note}"))
    if candidate.caseload >= profile.max_open_cases and not is_current:
        reasons.append(
            (
                Exclusion.NO_CAPACITY,
                f"No capacity: {candidate.caseload} open cases (maximum {profile.max_open_cases})",
            )
        )
    case = assessing.parts.case
    if not profile.any_area and all(a.pk != case.local_authority_id for a in profile.areas.all()):
        reasons.append((Exclusion.AREA_NOT_COVERED, f"Does not cover {case.local_authority.name}"))
    return reasons


EXCLUSION_ORDER = list(Exclusion.values)


def _suggestion(candidate: _Candidate, assessing: _Assessing) -> Suggestion:
    """The mediator assessed: every reason against (in a fixed order), and notes."""
    reasons: list[Reason] = []
    if not candidate.mediator.is_active:
        reasons.append((Exclusion.NOT_AVAILABLE, "Account is not active"))
    accreditation, notes = _accreditation_check(candidate, assessing)
    reasons += accreditation
    reasons += _conflict_reasons(candidate, assessing)
    reasons += _capacity_reasons(candidate, assessing)
    reasons.sort(key=lambda r: EXCLUSION_ORDER.index(r[0]))
    languages = list(candidate.profile.languages) if candidate.profile is not None else []
    wanted = assessing.wanted_languages
    return Suggestion(
        mediator=candidate.mediator,
        profile=candidate.profile,
        caseload=candidate.caseload,
        languages=languages,
        speaks_family_language=bool(wanted) and bool(wanted & {x.casefold() for x in languages}),
        is_current=candidate.mediator.pk == assessing.current_id,
        reasons=tuple(text for _, text in reasons),
        codes=tuple(str(code) for code, _ in reasons),
        notes=tuple(notes),
    )


def _candidates(mediators: list[User]) -> list[_Candidate]:
    """The mediators with their profiles, caseloads and current conflicts (three queries)."""
    ids = [m.pk for m in mediators]
    loads = caseloads(ids)
    profiles = {
        p.user_id: p
        for p in MediatorProfile.objects.filter(user_id__in=ids).prefetch_related("areas")
    }
    conflicts: dict[UUID, list[ConflictDeclaration]] = {}
    for conflict in ConflictDeclaration.objects.filter(
        mediator_id__in=ids, withdrawn_at__isnull=True
    ).select_related("organisation"):
        conflicts.setdefault(conflict.mediator_id, []).append(conflict)
    return [
        _Candidate(
            mediator=m,
            profile=profiles.get(m.pk),
            caseload=loads.get(m.pk, 0),
            conflicts=conflicts.get(m.pk, []),
        )
        for m in mediators
    ]


def _assess(
    *, case: Case, mediators: list[User], today: dt.date, current_id: UUID | None
) -> list[Suggestion]:
    assessing = _Assessing(
        parts=CaseParts.of(case),
        wanted_languages={language.casefold() for language in family_languages(case=case)},
        mediation_due=mediation_due_on(case),
        today=today,
        current_id=current_id,
    )
    return [_suggestion(candidate, assessing) for candidate in _candidates(mediators)]


def mediators_for_service(*, service: Service) -> QuerySet[User]:
    """The active mediators who work in a service (the ones who may take its cases)."""
    return _mediators().filter(is_active=True, services=service).distinct().order_by("full_name")


def suggest_mediators(
    *, case: Case, today: dt.date | None = None
) -> tuple[list[Suggestion], list[Suggestion]]:
    """The service's mediators for this case: (eligible, excluded).

    Eligible ones come least loaded first; among equals, one who speaks the family's language
    (its interpreter's, or BSL) comes first, then by name. Excluded ones carry their reasons:
    accreditation expired or missing, a declared conflict with the LA, school, ICB, another
    party or the family, no capacity, not available, or the LA not among their areas. The current
    mediator is assessed too (`is_current`), so a conflict declared since allocation shows.
    """
    today = today or timezone.localdate()
    current = current_allocation(case=case)
    current_id = current.mediator_id if current else None
    mediators = list(mediators_for_service(service=case.service))
    if current is not None and all(m.pk != current_id for m in mediators):
        mediators.append(current.mediator)
    assessed = _assess(case=case, mediators=mediators, today=today, current_id=current_id)
    eligible = sorted(
        (s for s in assessed if s.eligible),
        key=lambda s: (s.caseload, not s.speaks_family_language, s.mediator.full_name.casefold()),
    )
    excluded = sorted(
        (s for s in assessed if not s.eligible), key=lambda s: s.mediator.full_name.casefold()
    )
    return eligible, excluded


def mediator_assess(*, case: Case, mediator: User, today: dt.date | None = None) -> Suggestion:
    """One mediator assessed for one case (whether or not they work in its service)."""
    today = today or timezone.localdate()
    current = current_allocation(case=case)
    current_id = current.mediator_id if current else None
    (assessed,) = _assess(case=case, mediators=[mediator], today=today, current_id=current_id)
    return assessed


# ---------------------------------------------------------------------------------------------
# Allocations
# ---------------------------------------------------------------------------------------------


def current_allocation(*, case: Case) -> Allocation | None:
    return (
        Allocation.objects.filter(case=case, ended_at__isnull=True)
        .select_related("mediator", "created_by")
        .first()
    )


def current_mediator(*, case: Case) -> User | None:
    """The mediator allocated to the case now, or None."""
    allocation = current_allocation(case=case)
    return allocation.mediator if allocation is not None else None


def allocation_history(*, case: Case) -> QuerySet[Allocation]:
    """Every allocation of the case, the latest first (ended ones keep their reason)."""
    return Allocation.objects.filter(case=case).select_related("mediator", "created_by", "ended_by")


def cases_allocated_to(*, mediator: User, include_closed: bool = False) -> QuerySet[Case]:
    """The cases the mediator is allocated to now (open ones only, unless asked)."""
    case_model = cast("type[Case]", Allocation._meta.get_field("case").related_model)
    qs = case_model._default_manager.filter(
        mediator_allocations__mediator=mediator,
        mediator_allocations__ended_at__isnull=True,
    ).select_related("service", "local_authority")
    if not include_closed:
        qs = qs.exclude(stage=Stage.CLOSED)
    return qs.order_by("reference")


@dataclass(frozen=True)
class CaseMediator:
    """What the case page shows about the mediator."""

    allocation: Allocation | None
    previous: int  # how many earlier allocations ended (reallocations)
    problems: tuple[str, ...]  # why the current mediator would not be offered now

    @property
    def mediator(self) -> User | None:
        return self.allocation.mediator if self.allocation else None


def case_mediator_summary(*, case: Case, today: dt.date | None = None) -> CaseMediator:
    """The current mediator (if any), how many came before, and any problem with them now."""
    allocation = current_allocation(case=case)
    previous = Allocation.objects.filter(case=case, ended_at__isnull=False).count()
    problems: tuple[str, ...] = ()
    if allocation is not None and case.is_open:
        problems = mediator_assess(case=case, mediator=allocation.mediator, today=today).reasons
    return CaseMediator(allocation=allocation, previous=previous, problems=problems)
