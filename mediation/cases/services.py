"""Writing cases: creating them from referrals, routing, consent, assignment, the timeline."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mediation.cases import clock, lifecycle
from mediation.cases.choices import (
    ApplicantRole,
    Channel,
    ConsentKind,
    ConsentMethod,
    EHCStatus,
    EventKind,
    ParticipantRole,
    PartyKind,
    Route,
    Stage,
    Wants,
)
from mediation.cases.lifecycle import MoveName
from mediation.cases.models import (
    Case,
    CaseEvent,
    ConsentRecord,
    FamilyAccess,
    FamilyMember,
    Matter,
    Participant,
    Party,
)
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.sequences import counter_next
from mediation.directory import selectors as directory_selectors
from mediation.notifications import services as notifications
from mediation.rules import RulesInputError, check_certificate

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.accounts.actors import Actor
    from mediation.directory.models import Organisation, Service


@dataclass(frozen=True)
class MatterInput:
    decision: str
    sections: Sequence[str] = ()
    involves_education: bool = True
    involves_health: bool = False
    involves_social_care: bool = False
    details: str = ""


@dataclass(frozen=True)
class ReferralInput:
    """Everything a referral tells us, however it arrived (online, phone, email, letter)."""

    channel: str
    applicant_role: str
    applicant_name: str
    child_first_name: str
    child_last_name: str
    child_date_of_birth: dt.date
    local_authority_id: UUID | str
    ehc_status: str
    matters: Sequence[MatterInput]
    decision_date: dt.date | None = None
    decision_summary: str = ""
    wants: str = Wants.NOT_SURE
    applicant_relationship: str = ""
    applicant_email: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""
    applicant_postcode: str = ""
    contact_method: str = "email"
    contact_times: str = ""
    child_setting: str = ""
    is_third_party: bool = False
    referrer_name: str = ""
    referrer_organisation: str = ""
    referrer_role: str = ""
    referrer_email: str = ""
    referrer_phone: str = ""
    family_consent_confirmed: bool = False
    interpreter_language: str = ""
    needs_bsl: bool = False
    needs_easy_read: bool = False
    needs_large_print: bool = False
    other_adjustments: str = ""
    safeguarding_concern: bool = False
    safeguarding_notes: str = ""
    received_at: dt.datetime | None = None
    family_members: Sequence[dict[str, str]] = field(default_factory=tuple)


def event_record(
    *,
    case: Case,
    kind: EventKind,
    title: str,
    description: str = "",
    actor: Actor | None = None,
    actor_label: str = "",
    restricted: bool = False,
) -> CaseEvent:
    """Append to the case's timeline (never edited, never deleted)."""
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        title=title,
        description=description,
        actor=actor,
        actor_label=actor_label,
        restricted=restricted,
    )


def _proposed_route(
    matters: Iterable[MatterInput | Matter], ehc_status: str, la_in_england: bool = True
) -> tuple[str, str]:
    """The route the clock's certificate checker suggests, and why (in plain English)."""
    decisions = {m.decision for m in matters}
    if not decisions:
        return "", ""
    try:
        advice = check_certificate(decisions, plan_status=ehc_status, la_in_england=la_in_england)
    except RulesInputError as exc:
        return "", str(exc)
    route = {
        "certificate_needed": Route.MEDIATION_INFORMATION,
        "certificate_not_needed": Route.OPTIONAL_MEDIATION,
        "disagreement_resolution": Route.DISAGREEMENT_RESOLUTION,
        "out_of_scope": Route.OUT_OF_SCOPE,
    }[advice.outcome]
    return route, " ".join(advice.reasons)


def case_refresh_deadlines(*, case: Case, today: dt.date | None = None) -> Case:
    """Recompute the case's next statutory date (kept on the row for sorting the work queue)."""
    nxt = clock.next_service_deadline(case, clock.case_clock(case, today=today).deadlines)
    key, title, due = nxt if nxt else ("", "", None)
    if (case.next_deadline_key, case.next_deadline_title, case.next_deadline_on) != (
        key,
        title,
        due,
    ):
        case.next_deadline_key, case.next_deadline_title, case.next_deadline_on = key, title, due
        case.save(
            update_fields=[
                "next_deadline_key",
                "next_deadline_title",
                "next_deadline_on",
                "updated_at",
            ]
        )
    return case


def _reference(service: Service, year: int) -> tuple[int, str]:
    sequence = counter_next(key=f"case:{service.reference_prefix}:{year}")
    return sequence, f"{service.reference_prefix}-{year}-{sequence:05d}"


# The referral's answers a case keeps as they are (everything else is worked out).
REFERRAL_FIELDS = (
    "channel",
    "wants",
    "applicant_role",
    "applicant_name",
    "applicant_relationship",
    "applicant_email",
    "applicant_phone",
    "applicant_address",
    "applicant_postcode",
    "contact_method",
    "contact_times",
    "is_third_party",
    "referrer_name",
    "referrer_organisation",
    "referrer_role",
    "referrer_email",
    "referrer_phone",
    "child_first_name",
    "child_last_name",
    "child_date_of_birth",
    "child_setting",
    "ehc_status",
    "decision_date",
    "decision_summary",
    "interpreter_language",
    "needs_bsl",
    "needs_easy_read",
    "needs_large_print",
    "other_adjustments",
    "safeguarding_concern",
    "safeguarding_notes",
)

# (the referral's answer, its allowed values, what to say when it is not one of them)
REFERRAL_CHOICES = (
    ("ehc_status", EHCStatus, "Say whether there is an EHC plan."),
    ("applicant_role", ApplicantRole, "Say who the applicant is."),
    ("channel", Channel, "Say how the referral arrived."),
)


def _serving(referral: ReferralInput) -> tuple[Organisation, Service]:
    """The local authority the referral names, and our service that covers it."""
    local_authority = directory_selectors.organisation_get(
        organisation_id=referral.local_authority_id
    )
    if local_authority is None or local_authority.kind != "local_authority":
        raise ApplicationError(
            "Choose the local authority that made the decision.", field="local_authority_id"
        )
    service = directory_selectors.service_for_local_authority(local_authority=local_authority)
    if service is None:
        raise ApplicationError(
            f"We do not provide mediation for {local_authority.name}. The local authority's "
            "Local Offer names its mediation service.",
            field="local_authority_id",
        )
    return local_authority, service


def _check_referral(referral: ReferralInput) -> None:
    for name, choices, message in REFERRAL_CHOICES:
        if getattr(referral, name) not in choices.values:
            raise ApplicationError(message, field=name)
    if referral.is_third_party and not referral.referrer_name:
        raise ApplicationError(
            "A referral on the family's behalf needs the referrer's name.", field="referrer_name"
        )


def _case_from(
    referral: ReferralInput, *, local_authority: Organisation, service: Service, proposed: str
) -> Case:
    """The new case's row, numbered in its service's sequence for the year it arrived."""
    received_at = referral.received_at or timezone.now()
    year = timezone.localtime(received_at).year
    sequence, reference = _reference(service, year)
    awaiting_consent = referral.is_third_party and not referral.family_consent_confirmed
    case = Case(
        **{name: getattr(referral, name) for name in REFERRAL_FIELDS},
        service=service,
        reference=reference,
        year=year,
        sequence=sequence,
        received_at=received_at,
        stage=Stage.AWAITING_CONSENT if awaiting_consent else Stage.NEW,
        proposed_route=proposed,
        route_reason="",
        local_authority=local_authority,
    )
    case.full_clean()
    case.save()
    return case


def _family_record(case: Case, referral: ReferralInput) -> None:
    """What the disagreement is about, who is in the family, and the family's side."""
    for matter in referral.matters:
        Matter.objects.create(
            case=case,
            decision=matter.decision,
            sections=",".join(matter.sections),
            involves_education=matter.involves_education,
            involves_health=matter.involves_health,
            involves_social_care=matter.involves_social_care,
            details=matter.details,
        )
    for member in referral.family_members:
        FamilyMember.objects.create(case=case, **member)
    family_party_ensure(case=case)


def _referral_description(referral: ReferralInput) -> str:
    if referral.is_third_party:
        return (
            f"From {referral.referrer_name}, {referral.referrer_organisation}, "
            "on the family's behalf."
        )
    return f"From {referral.applicant_name} ({ApplicantRole(referral.applicant_role).label})."


def _arrival_record(
    case: Case,
    referral: ReferralInput,
    *,
    route: tuple[str, str],
    actor: Actor | None,
    actor_label: str,
) -> None:
    """The timeline's first entries: the referral, the family's permission, the route, any
    safeguarding concern. ``route`` is the proposed route and why."""
    who = actor_label or (
        referral.referrer_name if referral.is_third_party else referral.applicant_name
    )
    label = "" if actor is not None else who
    event_record(
        case=case,
        kind=EventKind.REFERRAL_RECEIVED,
        title=f"Referral received ({Channel(referral.channel).label.lower()})",
        description=_referral_description(referral),
        actor=actor,
        actor_label=label,
    )
    if referral.is_third_party and referral.family_consent_confirmed:
        consent_record(
            case=case,
            kind=ConsentKind.THIRD_PARTY_REFERRAL,
            given=True,
            given_by=referral.applicant_name,
            method=ConsentMethod.REFERRER,
            notes=f"{referral.referrer_name} confirmed the family agreed to this referral.",
            actor=actor,
            actor_label=who,
        )
    proposed, reason = route
    if proposed:
        event_record(
            case=case,
            kind=EventKind.ROUTE_PROPOSED,
            title=f"Route proposed: {Route(proposed).label}",
            description=reason,
            actor_label="Statutory clock",
        )
    if referral.safeguarding_concern:
        event_record(
            case=case,
            kind=EventKind.SAFEGUARDING_FLAGGED,
            title="Safeguarding concern recorded",
            description=referral.safeguarding_notes,
            actor=actor,
            actor_label=label,
            restricted=True,
        )


@transaction.atomic
def case_create(
    *, referral: ReferralInput, actor: Actor | None = None, actor_label: str = ""
) -> Case:
    """Open a case from a referral: reference, matters, consent, proposed route, timeline."""
    local_authority, service = _serving(referral)
    _check_referral(referral)
    route = _proposed_route(referral.matters, referral.ehc_status)
    case = _case_from(referral, local_authority=local_authority, service=service, proposed=route[0])
    _family_record(case, referral)
    _arrival_record(case, referral, route=route, actor=actor, actor_label=actor_label)
    case_refresh_deadlines(case=case)
    return case


APPLICANT_PARTICIPANT_ROLE = {
    ApplicantRole.PARENT_CARER: ParticipantRole.PARENT,
    ApplicantRole.YOUNG_PERSON: ParticipantRole.YOUNG_PERSON,
    ApplicantRole.ALTERNATIVE_PERSON: ParticipantRole.ALTERNATIVE_PERSON,
}


@transaction.atomic
def family_party_ensure(*, case: Case) -> Party:
    """The family's side, with the applicant as its first participant (created once)."""
    party = case.parties.filter(kind=PartyKind.FAMILY).first()
    if party is not None:
        return party
    party = Party.objects.create(case=case, kind=PartyKind.FAMILY)
    Participant.objects.create(
        case=case,
        party=party,
        name=case.applicant_name,
        role=APPLICANT_PARTICIPANT_ROLE[ApplicantRole(case.applicant_role)],
        email=case.applicant_email,
        phone=case.applicant_phone,
        language=case.interpreter_language,
    )
    return party


@transaction.atomic
def consent_record(
    *,
    case: Case,
    kind: str,
    given: bool,
    given_by: str,
    method: str,
    notes: str = "",
    actor: Actor | None = None,
    actor_label: str = "",
) -> ConsentRecord:
    """Record a permission the family gave, refused or withdrew (the latest record counts)."""
    if kind not in ConsentKind.values:
        raise ApplicationError("Choose which permission this is.", field="kind")
    if not given_by.strip():
        raise ApplicationError("Say who gave or refused permission.", field="given_by")
    record = ConsentRecord.objects.create(
        case=case,
        kind=kind,
        given=given,
        given_by=given_by.strip(),
        method=method,
        notes=notes,
        created_by=actor,
        updated_by=actor,
    )
    state = "given" if given else "refused"
    event_record(
        case=case,
        kind=EventKind.CONSENT,
        title=f"Permission {state}: {ConsentKind(kind).label.lower()}",
        description=(
            f"By {record.given_by} ({ConsentMethod(method).label.lower()}). {notes}".strip()
        ),
        actor=actor,
        actor_label=actor_label,
    )
    if kind == ConsentKind.THIRD_PARTY_REFERRAL and case.stage == Stage.AWAITING_CONSENT and given:
        lifecycle.move(case, MoveName.CONSENT_GIVEN)
        case.save(update_fields=["stage", "updated_at"])
    return record


@transaction.atomic
def case_confirm_route(*, case: Case, route: str, reason: str, actor: Actor | None) -> Case:
    """Staff confirm the proposed route, or choose another one and say why."""
    if not case.is_open:
        raise ConflictError("This case is closed.")
    if case.stage == Stage.AWAITING_CONSENT:
        raise ConflictError(
            "The family has not yet agreed to this referral. Record their permission first."
        )
    if route not in Route.values:
        raise ApplicationError("Choose a route.", field="route")
    changed = bool(case.proposed_route) and route != case.proposed_route
    if changed and not reason.strip():
        raise ApplicationError("Give a reason for choosing a different route.", field="reason")
    if route == Route.OUT_OF_SCOPE:
        lifecycle.move(case, MoveName.OUT_OF_SCOPE)
        case.closed_at = timezone.now()
        case.closure_reason = reason.strip() or "Out of scope."
    elif case.stage == Stage.NEW:
        lifecycle.move(case, MoveName.ROUTE_CONFIRMED, lifecycle.ROUTE_TARGETS[Route(route)])
    case.route = route
    case.route_reason = reason.strip()
    case.route_confirmed_at = timezone.now()
    case.route_confirmed_by = actor
    case.save()
    title = f"Route {'changed to' if changed else 'confirmed'}: {Route(route).label}"
    event_record(
        case=case,
        kind=EventKind.ROUTE_CONFIRMED,
        title=title,
        description=case.route_reason,
        actor=actor,
    )
    if route == Route.OUT_OF_SCOPE:
        event_record(
            case=case,
            kind=EventKind.CLOSED,
            title="Case closed: out of scope",
            description=case.closure_reason,
            actor=actor,
        )
    return case_refresh_deadlines(case=case)


@transaction.atomic
def case_assign(*, case: Case, assignee: Actor | None, actor: Actor | None) -> Case:
    """Give the case to a member of staff (or take it back with None)."""
    if assignee is not None and assignee.role not in {
        "coordinator",
        "service_manager",
        "mediation_adviser",
        "mediator",
    }:
        raise ApplicationError(
            "Cases can only be assigned to the service's staff.", field="assignee"
        )
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to", "updated_at"])
    event_record(
        case=case,
        kind=EventKind.ASSIGNED,
        title=f"Assigned to {assignee.full_name}" if assignee else "Unassigned",
        actor=actor,
    )
    return case


# The timeline's kind for a move that records its own entry (others: "stage changed").
MOVE_EVENTS: dict[MoveName, EventKind] = {
    MoveName.MEETING_ARRANGED: EventKind.MEETING_ARRANGED,
    MoveName.MEETING_HELD: EventKind.MEETING_HELD,
    MoveName.LA_CANNOT_ARRANGE: EventKind.LA_CANNOT_ARRANGE,
    MoveName.WITHDRAWN: EventKind.WITHDRAWN,
    MoveName.CLOSED: EventKind.CLOSED,
}


@transaction.atomic
def case_move(
    *,
    case: Case,
    move: MoveName,
    to: Stage | None = None,
    actor: Actor | None = None,
    title: str = "",
    description: str = "",
) -> Case:
    """Move the case on, as the lifecycle allows (`mediation.cases.lifecycle`), or refuse saying
    why; with a title, the timeline says so. The other apps' services call it as work happens."""
    stage = lifecycle.move(case, move, to)
    if stage == Stage.CLOSED and case.closed_at is None:
        case.closed_at = timezone.now()
    case.save(update_fields=["stage", "closed_at", "updated_at"])
    if title:
        kind = MOVE_EVENTS.get(move, EventKind.STAGE_CHANGED)
        event_record(case=case, kind=kind, title=title, description=description, actor=actor)
    return case_refresh_deadlines(case=case)


# The case's dates staff record: the clock's events, and when the family asked for a certificate
# (kept for the certificate itself: the rules take no such event).
CLOCK_FIELDS = {
    **clock.EVENT_FIELDS,
    "certificate_requested": "certificate_requested_on",
    "meeting_notice_given": "meeting_notice_on",
}


@transaction.atomic
def case_record_clock_event(*, case: Case, event: str, on: dt.date | None) -> Case:
    """Set (or clear) one of the dates the statutory clock counts from, and recompute."""
    field_name = CLOCK_FIELDS.get(event)
    if field_name is None:
        raise ValueError(f"Unknown clock event {event!r}")
    setattr(case, field_name, on)
    case.save(update_fields=[field_name, "updated_at"])
    return case_refresh_deadlines(case=case)


@transaction.atomic
def case_update_safeguarding(
    *, case: Case, concern: bool, notes: str, actor: Actor | None, keep_earlier_notes: bool = False
) -> Case:
    """Raise or clear the concern. ``keep_earlier_notes``: someone who may not read the notes
    adds to them and cannot overwrite them."""
    notes = notes.strip()
    if keep_earlier_notes and case.safeguarding_notes:
        notes = f"{case.safeguarding_notes}\n\n{notes}".strip()
    case.safeguarding_concern = concern
    case.safeguarding_notes = notes
    case.save(update_fields=["safeguarding_concern", "safeguarding_notes", "updated_at"])
    event_record(
        case=case,
        kind=EventKind.SAFEGUARDING_FLAGGED if concern else EventKind.SAFEGUARDING_CLEARED,
        title="Safeguarding concern recorded" if concern else "Safeguarding concern cleared",
        description=notes,
        actor=actor,
        restricted=True,
    )
    return case


@transaction.atomic
def case_close(*, case: Case, reason: str, actor: Actor | None, tell_family: bool = True) -> Case:
    """Close the case: the service steps back. The family is told where to turn next, and keeps
    a private link to its dates, certificates and agreement."""
    if not case.is_open:
        raise ConflictError("This case is already closed.")
    if not reason.strip():
        raise ApplicationError("Say why the case is closing.", field="reason")
    lifecycle.move(case, MoveName.CLOSED)
    case.closed_at = timezone.now()
    case.closure_reason = reason.strip()
    case.save(update_fields=["stage", "closed_at", "closure_reason", "updated_at"])
    event_record(
        case=case,
        kind=EventKind.CLOSED,
        title="Case closed",
        description=case.closure_reason,
        actor=actor,
    )
    if tell_family and case.applicant_email:
        link = family_link_create(case=case, actor=actor)
        notifications.email_queue(
            template="case_closed",
            to=[case.applicant_email],
            context={"case": case, "link": link, "signposts": signposts(case=case)},
            case=case,
        )
    return case_refresh_deadlines(case=case)


# ---------------------------------------------------------------------------------------------
# The family's private link, withdrawal and closure
# ---------------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def family_link_create(*, case: Case, actor: Actor | None = None) -> str:
    """Make a new private link for the family (earlier ones stop working); returns its URL path."""
    FamilyAccess.objects.filter(case=case, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = secrets.token_urlsafe(32)
    FamilyAccess.objects.create(case=case, token_hash=_token_hash(token))
    event_record(
        case=case,
        kind=EventKind.FAMILY_LINK,
        title="A private link to the case was sent to the family",
        actor=actor,
        actor_label="" if actor else "The service",
    )
    return reverse("family:case", kwargs={"token": token})


def family_access_case(*, token: str) -> Case | None:
    """The case a family link opens, if the link is live (and note that it was used)."""
    if not token or len(token) > 100:
        return None
    access = (
        FamilyAccess.objects.select_related("case")
        .filter(token_hash=_token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if access is None:
        return None
    FamilyAccess.objects.filter(pk=access.pk).update(last_used_at=timezone.now())
    return access.case


SIGNPOSTS = [
    (
        "Your local SEND Information, Advice and Support Service (SENDIASS): free, impartial "
        "advice",
        "https://councilfordisabledchildren.org.uk/about-us-0/networks/"
        "information-advice-and-support-services-network/find-your-local",
    ),
    ("IPSEA: free legally based advice about SEND", "https://www.ipsea.org.uk/"),
    ("SOS!SEN: free, independent helpline about SEND", "https://www.sossen.org.uk/"),
]


def signposts(*, case: Case) -> list[tuple[str, str]]:
    """Where the family can turn once the service steps back (it stays impartial)."""
    items = list(SIGNPOSTS)
    la = case.local_authority
    complaints = la.complaints_url or la.local_offer_url
    if complaints:
        items.append(
            (f"{la.name}'s complaints procedure, if agreed actions do not happen", complaints)
        )
    else:
        items.append(
            (
                f"{la.name}'s complaints procedure (on its website), if agreed actions do "
                "not happen",
                "",
            )
        )
    return items


@transaction.atomic
def case_withdraw(*, case: Case, reason: str, wants_certificate: bool, actor: Actor | None) -> Case:
    """The family withdraws. With a certificate asked for, it is due in 3 working days."""
    if not case.is_open:
        raise ConflictError("This case is already closed.")
    if not reason.strip():
        raise ApplicationError("Say why the family is withdrawing.", field="reason")
    event_record(
        case=case,
        kind=EventKind.WITHDRAWN,
        title="The family withdrew",
        description=reason,
        actor=actor,
    )
    if wants_certificate:
        case_record_clock_event(case=case, event="certificate_requested", on=timezone.localdate())
        return case_move(
            case=case,
            move=MoveName.WITHDRAWN,
            to=Stage.CERTIFICATE_DUE,
            actor=actor,
            title="The family asked for its certificate",
        )
    return case_close(case=case, reason=f"The family withdrew. {reason}".strip(), actor=actor)
