"""Mediation information: booking and recording the call, and what the family decided."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from mediation.advice.models import CallMethod, CallStatus, FamilyDecision, InformationCall, Outcome
from mediation.cases import services as case_services
from mediation.cases.choices import EventKind, PartyKind, Stage
from mediation.cases.lifecycle import MoveName
from mediation.cases.parties import party_add
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.formatting import govuk_datetime, weekday_date
from mediation.notifications import services as notifications

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case
    from mediation.directory.models import Organisation

BOOKABLE_STAGES = {Stage.NEW, Stage.MIAS_TO_BOOK, Stage.MIAS_BOOKED, Stage.FOLLOW_UP}
DECIDABLE_STAGES = {Stage.MIAS_TO_BOOK, Stage.MIAS_BOOKED, Stage.FOLLOW_UP}


def _family_addresses(case: Case) -> list[str]:
    return [case.applicant_email] if case.applicant_email else []


@transaction.atomic
def call_book(
    *,
    case: Case,
    scheduled_for: dt.datetime,
    adviser: Actor,
    method: str,
    phone_number: str = "",
    video_link: str = "",
    notes: str = "",
    actor: Actor | None,
) -> InformationCall:
    """Book the information call at a time that suits the family, and tell them."""
    if not case.is_open:
        raise ConflictError("This case is closed.")
    if case.stage == Stage.AWAITING_CONSENT:
        raise ConflictError("The family has not yet agreed to this referral.")
    if case.stage not in BOOKABLE_STAGES:
        raise ConflictError("The information call has already happened for this case.")
    if method not in CallMethod.values:
        raise ApplicationError("Choose phone or video.", field="method")
    if method == CallMethod.PHONE and not phone_number.strip():
        raise ApplicationError("Enter the phone number to call.", field="phone_number")
    if method == CallMethod.VIDEO and not video_link.strip():
        raise ApplicationError("Enter the video call link.", field="video_link")
    if scheduled_for < timezone.now() - dt.timedelta(days=1):
        raise ApplicationError(
            "The call must be booked for a time that has not passed.", field="scheduled_for"
        )
    InformationCall.objects.filter(case=case, status=CallStatus.BOOKED).update(
        status=CallStatus.CANCELLED, updated_at=timezone.now(), updated_by=actor
    )
    call = InformationCall.objects.create(
        case=case,
        scheduled_for=scheduled_for,
        adviser=adviser,
        method=method,
        phone_number=phone_number.strip(),
        video_link=video_link.strip(),
        booking_notes=notes,
        created_by=actor,
        updated_by=actor,
    )
    case.adviser = adviser
    case.save(update_fields=["adviser", "updated_at"])
    case_services.case_move(
        case=case,
        move=MoveName.CALL_BOOKED,
        actor=actor,
        title=f"Information call booked for {govuk_datetime(scheduled_for)}",
        description=f"{CallMethod(method).label} with {adviser.full_name}.",
    )
    notifications.email_queue(
        template="mias_booked",
        to=_family_addresses(case),
        context={"case": case, "call": call, "when": govuk_datetime(scheduled_for)},
        case=case,
    )
    return call


@transaction.atomic
def call_record(
    *,
    call: InformationCall,
    given: bool,
    given_at: dt.datetime | None = None,
    duration_minutes: int | None = None,
    notes: str = "",
    actor: Actor | None,
) -> InformationCall:
    """Record that the information was given (when, by whom, how long), or the call was missed."""
    if call.status != CallStatus.BOOKED:
        raise ConflictError("This call has already been recorded.")
    case = call.case
    if given:
        if given_at is None or not duration_minutes:
            raise ApplicationError("Enter when the call happened and how long it took.")
        if given_at > timezone.now() + dt.timedelta(minutes=5):
            raise ApplicationError("The call cannot have happened in the future.", field="given_at")
        call.status = CallStatus.GIVEN
        call.given_at = given_at
        call.duration_minutes = duration_minutes
        call.notes = notes
        call.updated_by = actor
        call.save()
        case_services.event_record(
            case=case,
            kind=EventKind.MIAS_GIVEN,
            title="Mediation information given",
            description=f"By {call.adviser.full_name}, {duration_minutes} minutes. {notes}".strip(),
            actor=actor,
        )
    else:
        call.status = CallStatus.MISSED
        call.notes = notes
        call.updated_by = actor
        call.save()
        case_services.case_move(
            case=case,
            move=MoveName.CALL_NOT_GIVEN,
            actor=actor,
            title="Information call missed: book another",
            description=notes,
        )
    return call


def _decision_check(
    *,
    case: Case,
    outcome: str,
    decided_on: dt.date,
    follow_up_on: dt.date | None,
    icb: Organisation | None,
) -> None:
    if not case.is_open:
        raise ConflictError("This case is closed.")
    if case.stage not in DECIDABLE_STAGES:
        raise ConflictError("The family's decision about mediation is already recorded.")
    if outcome not in Outcome.values:
        raise ApplicationError("Choose what the family decided.", field="outcome")
    today = timezone.localdate()
    if decided_on > today:
        raise ApplicationError(
            "The date the family decided cannot be in the future.", field="decided_on"
        )
    if case.decision_date and decided_on < case.decision_date:
        raise ApplicationError(
            "The family cannot have decided before the decision letter was sent.",
            field="decided_on",
        )
    if outcome == Outcome.UNDECIDED and (follow_up_on is None or follow_up_on < today):
        raise ApplicationError(
            "Enter a follow-up date that is today or later.", field="follow_up_on"
        )
    if outcome == Outcome.WANTS_MEDIATION and case.health_issues and icb is None:
        raise ApplicationError(
            "Choose the integrated care board, as health is involved.", field="icb"
        )


def _declined(
    case: Case, decision: FamilyDecision, icb: Organisation | None, actor: Actor | None
) -> None:
    case_services.case_record_clock_event(
        case=case, event="mediation_declined", on=decision.decided_on
    )
    case_services.case_move(
        case=case,
        move=MoveName.MEDIATION_DECLINED,
        actor=actor,
        title="The family does not want mediation: certificate due",
        description=(
            f"Told the adviser on {weekday_date(decision.decided_on)}. {decision.notes}".strip()
        ),
    )


def _undecided(
    case: Case, decision: FamilyDecision, icb: Organisation | None, actor: Actor | None
) -> None:
    case_services.case_move(
        case=case,
        move=MoveName.FAMILY_DECIDING,
        actor=actor,
        title=f"The family has not decided yet: follow up on {weekday_date(decision.follow_up_on)}",
        description=decision.notes,
    )


def _out_of_scope(
    case: Case, decision: FamilyDecision, icb: Organisation | None, actor: Actor | None
) -> None:
    case_services.case_close(
        case=case, reason=f"Out of scope. {decision.notes}".strip(), actor=actor
    )


def _wants_mediation(
    case: Case, decision: FamilyDecision, icb: Organisation | None, actor: Actor | None
) -> None:
    if icb is not None and case.health_issues:
        case.icb = icb
        case.save(update_fields=["icb", "updated_at"])
    case_services.case_move(
        case=case,
        move=MoveName.MEDIATION_WANTED,
        actor=actor,
        title="The family wants mediation",
        description=decision.notes,
    )
    mediation_request_send(case=case, actor=actor)


type AfterDecision = Callable[[Case, FamilyDecision, Organisation | None, Actor | None], None]

# What each decision sets going on the case.
AFTER_DECISION: dict[str, AfterDecision] = {
    Outcome.DECLINES: _declined,
    Outcome.UNDECIDED: _undecided,
    Outcome.OUT_OF_SCOPE: _out_of_scope,
    Outcome.WANTS_MEDIATION: _wants_mediation,
}


@transaction.atomic
def decision_record(
    *,
    case: Case,
    outcome: str,
    decided_on: dt.date,
    follow_up_on: dt.date | None = None,
    notes: str = "",
    icb: Organisation | None = None,
    call: InformationCall | None = None,
    actor: Actor | None,
) -> FamilyDecision:
    """What the family decided. Declining starts the 3-working-day certificate clock."""
    _decision_check(
        case=case, outcome=outcome, decided_on=decided_on, follow_up_on=follow_up_on, icb=icb
    )
    decision = FamilyDecision.objects.create(
        case=case,
        call=call,
        outcome=outcome,
        decided_on=decided_on,
        follow_up_on=follow_up_on if outcome == Outcome.UNDECIDED else None,
        notes=notes,
        created_by=actor,
        updated_by=actor,
    )
    AFTER_DECISION[outcome](case, decision, icb, actor)
    case_services.event_record(
        case=case,
        kind=EventKind.FAMILY_DECISION,
        title=f"Family's decision recorded: {Outcome(outcome).label}",
        actor=actor,
    )
    return decision


@transaction.atomic
def mediation_request_send(*, case: Case, actor: Actor | None) -> bool:
    """Tell the LA (and the ICB, where health is involved) that the family wants mediation.

    The 30-day clock runs from the day the LA is told, so the date is recorded only when the
    message actually goes; without an address, staff tell the LA another way and record the date.
    """
    la = case.local_authority
    party_add(case=case, kind=PartyKind.LOCAL_AUTHORITY, organisation=la, actor=actor)
    if case.health_issues and case.icb is not None:
        party_add(case=case, kind=PartyKind.ICB, organisation=case.icb, actor=actor)
    context = {"case": case, "matters": list(case.matters.all())}
    if not la.email:
        case_services.event_record(
            case=case,
            kind=EventKind.LA_NOT_EMAILED,
            title=f"No email address for {la.name}: tell them another way and record the date",
            actor=actor,
        )
        return False
    notifications.email_queue(
        template="mediation_requested_la", to=[la.email], context=context, case=case
    )
    today = timezone.localdate()
    case_services.case_record_clock_event(case=case, event="mediation_requested", on=today)
    case_services.event_record(
        case=case,
        kind=EventKind.LA_TOLD,
        title=f"{la.name} told that the family wants mediation",
        description=f"Email sent to {la.email}.",
        actor=actor,
    )
    icb = case.icb
    if case.health_issues and icb is not None and icb.email:
        notifications.email_queue(
            template="mediation_requested_icb", to=[icb.email], context=context, case=case
        )
        case_services.event_record(
            case=case,
            kind=EventKind.ICB_TOLD,
            title=f"{icb.name} told that the mediation involves health",
            description=f"Email sent to {icb.email}.",
            actor=actor,
        )
    return True


@transaction.atomic
def la_told_record(*, case: Case, told_on: dt.date, how: str, actor: Actor | None) -> Case:
    """Record the day the LA was told another way (phone, letter)."""
    if told_on > timezone.localdate():
        raise ApplicationError("The date cannot be in the future.", field="told_on")
    case_services.case_record_clock_event(case=case, event="mediation_requested", on=told_on)
    case_services.event_record(
        case=case,
        kind=EventKind.LA_TOLD,
        title=f"{case.local_authority.name} told that the family wants mediation",
        description=f"On {weekday_date(told_on)}, by {how}.",
        actor=actor,
    )
    return case
