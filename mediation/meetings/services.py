"""Writing meetings: arranging, rescheduling, cancelling, recording that one was held; the
invitations (with a calendar file) and reminders; and the LA saying it cannot arrange mediation in
time."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from mediation.cases import services as case_services
from mediation.cases.choices import EventKind, Stage
from mediation.cases.lifecycle import MoveName
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.formatting import weekday_date
from mediation.meetings import calendar, presenters, selectors, tasks
from mediation.meetings.choices import (
    LONDON,
    InvitationKind,
    MeetingFormat,
    MeetingStatus,
    ReminderKind,
    ReminderStatus,
)
from mediation.meetings.models import Invitation, Meeting, MeetingChange, Reminder, place_label
from mediation.notifications import services as notifications
from mediation.rules import statutory_calendar

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case
    from mediation.meetings.presenters import ArrangementCheck
    from mediation.meetings.selectors import Recipient

logger = logging.getLogger(__name__)

MIN_DURATION = 30
MAX_DURATION = 8 * 60
LONGEST_AHEAD = dt.timedelta(days=366)
REMINDER_TIMES = {
    # Reminders go at these London times; the morning one goes earlier for an early meeting.
    ReminderKind.TWO_WORKING_DAYS: dt.time(9, 0),
    ReminderKind.MORNING: dt.time(8, 0),
}
TEMPLATES = {
    InvitationKind.INVITATION: "meeting_invitation",
    InvitationKind.UPDATE: "meeting_changed",
    InvitationKind.CANCELLATION: "meeting_cancelled",
}


@dataclass(frozen=True)
class MeetingPlan:
    """What staff enter to arrange (or move) a meeting. Validated by the services."""

    format: str
    starts_at: dt.datetime
    duration_minutes: int = 180
    venue_name: str = ""
    venue_address: str = ""
    video_link: str = ""
    dial_in: str = ""
    arrangements: str = ""
    notice_given_on: dt.date | None = None
    short_notice_agreed: bool = False
    short_notice_note: str = ""

    def cleaned(self) -> MeetingPlan:
        return MeetingPlan(
            format=self.format,
            starts_at=self.starts_at,
            duration_minutes=self.duration_minutes,
            venue_name=self.venue_name.strip() if self.format == MeetingFormat.IN_PERSON else "",
            venue_address=self.venue_address.strip()
            if self.format == MeetingFormat.IN_PERSON
            else "",
            video_link=self.video_link.strip() if self.format == MeetingFormat.VIDEO else "",
            dial_in=self.dial_in.strip() if self.format == MeetingFormat.PHONE else "",
            arrangements=self.arrangements.strip(),
            notice_given_on=self.notice_given_on or timezone.localdate(),
            short_notice_agreed=self.short_notice_agreed,
            short_notice_note=self.short_notice_note.strip(),
        )

    @property
    def place(self) -> str:
        return place_label(
            format=self.format,
            venue_name=self.venue_name,
            venue_address=self.venue_address,
            video_link=self.video_link,
            dial_in=self.dial_in,
        )


# ---------------------------------------------------------------------------------------------
# Checking a plan against the rules
# ---------------------------------------------------------------------------------------------

# What meeting in person or by phone needs, and what to say when it is missing.
PLACE_NEEDS: dict[str, tuple[tuple[str, str], ...]] = {
    MeetingFormat.IN_PERSON: (
        ("venue_name", "Enter the name of the venue"),
        ("venue_address", "Enter the address of the venue"),
    ),
    MeetingFormat.PHONE: (("dial_in", "Enter the phone number to call and any PIN"),),
}


def _check_place(plan: MeetingPlan) -> None:
    for name, message in PLACE_NEEDS.get(plan.format, ()):
        if not getattr(plan, name):
            raise ApplicationError(message, field=name)
    if plan.format == MeetingFormat.VIDEO and not plan.video_link.startswith("https://"):
        raise ApplicationError(
            "Enter the video call link, starting with https://", field="video_link"
        )


def _check_time(plan: MeetingPlan) -> None:
    if timezone.is_naive(plan.starts_at):
        raise ValueError("starts_at must be an aware datetime")
    now = timezone.now()
    if plan.starts_at <= now:
        raise ApplicationError("The meeting must start in the future", field="starts_at")
    if plan.starts_at > now + LONGEST_AHEAD:
        raise ApplicationError("The meeting must be within the next 12 months", field="starts_at")
    if not MIN_DURATION <= plan.duration_minutes <= MAX_DURATION:
        raise ApplicationError(
            f"The meeting must last between {MIN_DURATION} minutes and {MAX_DURATION // 60} hours",
            field="duration_minutes",
        )


def _check_notice(plan: MeetingPlan, check: ArrangementCheck) -> MeetingPlan:
    """The family must be told 5 working days before, unless they agreed to less (recorded)."""
    assert plan.notice_given_on is not None
    if plan.notice_given_on > timezone.localdate():
        raise ApplicationError(
            "The date the family was told cannot be in the future", field="notice_given_on"
        )
    if plan.notice_given_on > check.meeting_date:
        raise ApplicationError(
            "The family must be told the date and place before the meeting",
            field="notice_given_on",
        )
    if not check.notice_is_short:
        # Enough notice: an agreement to shorter notice is not needed, so none is recorded.
        return replace(plan, short_notice_agreed=False, short_notice_note="")
    if not plan.short_notice_agreed:
        raise ApplicationError(
            "The family must be given the date and place at least 5 working days before the "
            f"meeting, so by {weekday_date(check.notice_due)}. Choose a later date, or record "
            "that the family agreed to shorter notice",
            field="short_notice_agreed",
        )
    if not plan.short_notice_note:
        raise ApplicationError(
            "Say who in the family agreed to shorter notice, when, and how they said so",
            field="short_notice_note",
        )
    return plan


def _validate(*, case: Case, plan: MeetingPlan) -> tuple[MeetingPlan, ArrangementCheck]:
    """Check a plan against the rules; return it tidied, with what the check page shows."""
    if plan.format not in MeetingFormat.values:
        raise ApplicationError(
            "Choose how the meeting will happen: in person, by video or by phone", field="format"
        )
    plan = plan.cleaned()
    _check_place(plan)
    _check_time(plan)
    assert plan.notice_given_on is not None
    check = presenters.arrangement_check(
        case=case, starts_at=plan.starts_at, notice_given_on=plan.notice_given_on
    )
    return _check_notice(plan, check), check


def meeting_plan_check(*, case: Case, plan: MeetingPlan) -> ArrangementCheck:
    """Validate a plan without saving it (for the check page). Raises ApplicationError."""
    return _validate(case=case, plan=plan)[1]


# ---------------------------------------------------------------------------------------------
# Arranging, changing, cancelling, holding
# ---------------------------------------------------------------------------------------------


def _notice_line(meeting: Meeting, check: ArrangementCheck) -> str:
    text = f"The family was given the date and place on {weekday_date(meeting.notice_given_on)}"
    if meeting.short_notice_agreed:
        return (
            f"{text}, less than 5 working days before. The family agreed to shorter notice: "
            f"{meeting.short_notice_note}"
        )
    return f"{text} ({check.working_days_notice} working days before)."


def _sync_meeting_date(case: Case) -> None:
    """The clock's meeting date, and when the family was given it: the meeting arranged now, or
    else the last one held."""
    meeting = selectors.current_meeting(case=case)
    on = timezone.localtime(meeting.starts_at, LONDON).date() if meeting else None
    notice_on = meeting.notice_given_on if meeting else None
    if case.meeting_notice_on != notice_on:
        case_services.case_record_clock_event(case=case, event="meeting_notice_given", on=notice_on)
    if case.meeting_on != on:
        case_services.case_record_clock_event(case=case, event="meeting_date", on=on)


def _arranging_stage(case: Case) -> str:
    if case.is_disagreement_resolution:
        return Stage.ARRANGING_DR
    return Stage.ARRANGING_MEDIATION


def _set_plan(meeting: Meeting, plan: MeetingPlan) -> None:
    """Copy the plan's when, where and how onto the meeting (not saved)."""
    assert plan.notice_given_on is not None
    meeting.format = plan.format
    meeting.starts_at = plan.starts_at
    meeting.duration_minutes = plan.duration_minutes
    meeting.venue_name = plan.venue_name
    meeting.venue_address = plan.venue_address
    meeting.video_link = plan.video_link
    meeting.dial_in = plan.dial_in
    meeting.arrangements = plan.arrangements
    meeting.notice_given_on = plan.notice_given_on
    meeting.short_notice_agreed = plan.short_notice_agreed
    meeting.short_notice_note = plan.short_notice_note


def _check_can_arrange(case: Case) -> None:
    if not case.is_open:
        raise ConflictError("This case is closed")
    if selectors.arranged_meeting(case=case) is not None:
        raise ConflictError("A meeting is already arranged for this case. Change it instead")
    if not selectors.can_arrange(case=case):
        raise ConflictError(
            "A meeting can be arranged once the family has asked for mediation or "
            "disagreement resolution"
        )


def _meeting_create(case: Case, plan: MeetingPlan, actor: Actor | None) -> Meeting:
    meeting = Meeting(case=case, stage_before=case.stage, created_by=actor, updated_by=actor)
    _set_plan(meeting, plan)
    try:
        with transaction.atomic():
            meeting.save(force_insert=True)
    except IntegrityError as exc:
        raise ConflictError(
            "A meeting was arranged for this case just now. Check the case before trying again"
        ) from exc
    return meeting


@transaction.atomic
def meeting_arrange(*, case: Case, plan: MeetingPlan, actor: Actor | None) -> Meeting:
    """Arrange the meeting: record it, set the clock's meeting date, invite everyone with an
    e-mail address (with a calendar file), and schedule the reminders.

    Refuses a start in the past, and notice of less than 5 working days unless the family agreed
    to it (recorded with a note). A meeting after the 30-day date is allowed: the timeline and
    `presenters.arrangement_check` say so.
    """
    _check_can_arrange(case)
    plan, check = _validate(case=case, plan=plan)
    meeting = _meeting_create(case, plan, actor)
    _sync_meeting_date(case)
    lines = [
        meeting.place + ".",
        f"Length: {presenters.duration_label(meeting.duration_minutes)}.",
        _notice_line(meeting, check),
        *check.warnings,
    ]
    case_services.case_move(
        case=case,
        move=MoveName.MEETING_ARRANGED,
        actor=actor,
        title=f"Meeting arranged: {presenters.meeting_when(meeting)}",
        description=" ".join(lines),
    )
    invitations_send(meeting=meeting, actor=actor)
    reminders_schedule(meeting=meeting)
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    """The meeting, read again and locked for this transaction."""
    return Meeting.objects.select_for_update().select_related("case").get(pk=meeting.pk)


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise ConflictError("This case is closed")


def _require_arranged(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.ARRANGED:
        raise ConflictError(f"This meeting is {meeting.get_status_display().lower()}")


def _change_record(
    meeting: Meeting, plan: MeetingPlan, reason: str, actor: Actor | None
) -> MeetingChange:
    return MeetingChange.objects.create(
        meeting=meeting,
        from_starts_at=meeting.starts_at,
        to_starts_at=plan.starts_at,
        from_duration_minutes=meeting.duration_minutes,
        to_duration_minutes=plan.duration_minutes,
        from_place=meeting.place,
        to_place=plan.place,
        reason=reason.strip(),
        created_by=actor,
        updated_by=actor,
    )


@transaction.atomic
def meeting_reschedule(
    *, meeting: Meeting, plan: MeetingPlan, reason: str, actor: Actor | None
) -> Meeting:
    """Move the meeting (date, time, length or place), keeping the history; send everyone invited
    the update (same UID, SEQUENCE + 1) and reschedule the reminders. Same notice rule."""
    meeting = _locked(meeting)
    case = meeting.case
    _require_open(case)
    _require_arranged(meeting)
    if not reason.strip():
        raise ApplicationError("Say why the meeting is changing", field="reason")
    plan, check = _validate(case=case, plan=plan)
    if (meeting.starts_at, meeting.duration_minutes, meeting.place) == (
        plan.starts_at,
        plan.duration_minutes,
        plan.place,
    ):
        raise ApplicationError(
            "Change the date, time, length or place of the meeting, or cancel it instead"
        )
    change = _change_record(meeting, plan, reason, actor)
    lines = [f"Was {presenters.meeting_when(meeting)}."]
    _set_plan(meeting, plan)
    meeting.sequence += 1
    meeting.updated_by = actor
    meeting.save()
    _sync_meeting_date(case)
    _reminders_supersede(meeting)
    if change.place_changed:
        lines.append(f"Was: {change.from_place}. Now: {meeting.place}.")
    lines += [f"Reason: {change.reason}", _notice_line(meeting, check), *check.warnings]
    case_services.event_record(
        case=case,
        kind=EventKind.MEETING_RESCHEDULED,
        title=f"Meeting moved to {presenters.meeting_when(meeting)}",
        description=" ".join(lines),
        actor=actor,
    )
    invitations_send(meeting=meeting, actor=actor, change=change)
    reminders_schedule(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, actor: Actor | None) -> Meeting:
    """Cancel the meeting: tell everyone invited (a calendar cancellation, METHOD:CANCEL), stop
    the reminders, clear the clock's meeting date and put the case back to arranging."""
    meeting = _locked(meeting)
    case = meeting.case
    _require_arranged(meeting)
    if not reason.strip():
        raise ApplicationError("Say why the meeting is cancelled", field="reason")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.cancellation_reason = reason.strip()
    meeting.sequence += 1
    meeting.updated_by = actor
    meeting.save()
    _reminders_supersede(meeting)
    _sync_meeting_date(case)
    if case.is_open and case.stage == Stage.MEETING_ARRANGED:
        back_to = meeting.stage_before or _arranging_stage(case)
        if back_to in {Stage.MEETING_ARRANGED, ""}:
            back_to = _arranging_stage(case)
        case_services.case_move(
            case=case, move=MoveName.MEETING_CANCELLED, to=Stage(back_to), actor=actor
        )
    case_services.event_record(
        case=case,
        kind=EventKind.MEETING_CANCELLED,
        title=f"Meeting cancelled ({presenters.meeting_when(meeting)})",
        description=f"Reason: {meeting.cancellation_reason}",
        actor=actor,
    )
    invitations_send(meeting=meeting, actor=actor, cancellation=True)
    return meeting


@transaction.atomic
def meeting_mark_held(
    *, meeting: Meeting, actor: Actor | None, concluded: bool = True, note: str = ""
) -> Meeting:
    """Record that the meeting took place.

    `concluded`: the mediation ended at this meeting. For mediation that starts the 3-working-day
    clock for the certificate after mediation (the clock's `mediation_concluded`); disagreement
    resolution has no certificate. Otherwise the parties agreed to meet again, and the case goes
    back to arranging the next meeting.
    """
    meeting = _locked(meeting)
    case = meeting.case
    _require_open(case)
    _require_arranged(meeting)
    if meeting.starts_at > timezone.now():
        raise ApplicationError("The meeting has not started yet")
    held_on = timezone.localtime(meeting.starts_at, LONDON).date()
    if concluded and case.la_cannot_arrange_on and case.la_cannot_arrange_on > held_on:
        raise ApplicationError(
            "The local authority is recorded as saying it could not arrange mediation after this "
            "meeting took place. Check the dates on the case"
        )
    meeting.status = MeetingStatus.HELD
    meeting.held_recorded_at = timezone.now()
    meeting.updated_by = actor
    meeting.save(update_fields=["status", "held_recorded_at", "updated_at", "updated_by"])
    _reminders_supersede(meeting)
    _sync_meeting_date(case)
    if concluded and not case.is_disagreement_resolution:
        # The certificate after mediation is due within 3 working days of this.
        case_services.case_record_clock_event(case=case, event="mediation_concluded", on=held_on)
    case_services.case_move(
        case=case,
        move=MoveName.MEETING_HELD,
        to=Stage.AFTER_MEETING if concluded else Stage(_arranging_stage(case)),
        actor=actor,
        title=_held_title(case, held_on, concluded=concluded),
        description=note,
    )
    return meeting


def _held_title(case: Case, held_on: dt.date, *, concluded: bool) -> str:
    held = f"Meeting held on {weekday_date(held_on)}"
    if not concluded:
        return f"{held}: the parties will meet again"
    if case.is_disagreement_resolution:
        return f"{held}: disagreement resolution concluded"
    due = statutory_calendar().add_working_days(held_on, 3)
    return f"{held}: mediation concluded, certificate due by {weekday_date(due)}"


# ---------------------------------------------------------------------------------------------
# Invitations
# ---------------------------------------------------------------------------------------------


def _who_to_send(
    meeting: Meeting, *, cancellation: bool
) -> tuple[list[Recipient], list[Recipient]]:
    """(who is sent the meeting now, who must be told another way)."""
    if cancellation:
        return selectors.recipients_invited(meeting=meeting), []
    _require_arranged(meeting)
    rows = selectors.meeting_invitees(meeting=meeting)
    return (
        [r.recipient for r in rows if r.recipient.email and not r.up_to_date],
        [r.recipient for r in rows if not r.recipient.email],
    )


def _invitation_kind(person: Recipient, sent_before: set[str], cancellation: bool) -> str:
    if cancellation:
        return InvitationKind.CANCELLATION
    if person.key in sent_before:
        return InvitationKind.UPDATE
    return InvitationKind.INVITATION


def _invitation_send(
    meeting: Meeting,
    person: Recipient,
    *,
    kind: str,
    attendees: list[Recipient],
    change: MeetingChange | None,
    actor: Actor | None,
) -> Invitation:
    """E-mail one person the meeting with its calendar file, and keep a record of it."""
    cancellation = kind == InvitationKind.CANCELLATION
    content = calendar.meeting_ics(
        meeting=meeting,
        method="CANCEL" if cancellation else "REQUEST",
        recipient=person,
        attendees=attendees,
    )
    who = person.key.replace(":", "-")
    path = default_storage.save(
        f"meetings/{meeting.pk}/{meeting.sequence:03d}-{kind}-{who}.ics", ContentFile(content)
    )
    email = notifications.email_queue(
        template=TEMPLATES[InvitationKind(kind)],
        to=[person.email],
        context=presenters.meeting_email_context(
            meeting, person, change=change if kind == InvitationKind.UPDATE else None
        ),
        case=meeting.case,
        attachments=[
            {
                "name": "cancelled-meeting.ics" if cancellation else "meeting.ics",
                "path": path,
                "mimetype": "text/calendar",
            }
        ],
    )
    return Invitation.objects.create(
        meeting=meeting,
        participant=person.participant,
        user=person.user,
        name=person.name,
        kind=kind,
        sequence=meeting.sequence,
        email_address=person.email,
        sent_at=timezone.now(),
        email_id=email.pk if email is not None else None,
        created_by=actor,
        updated_by=actor,
    )


def _invitations_title(
    sent: list[Invitation], *, cancellation: bool, change: MeetingChange | None
) -> str:
    if cancellation:
        return "Meeting cancellation sent"
    if not sent:
        return "Meeting invitations not sent: no email addresses"
    if change is not None:
        return "Meeting update sent"
    return "Meeting invitations sent"


def _invitations_description(sent: list[Invitation], no_email: list[Recipient]) -> str:
    parts = []
    if sent:
        parts.append("Sent to " + ", ".join(f"{i.name} ({i.email_address})" for i in sent) + ".")
    if no_email:
        names = ", ".join(p.name for p in no_email)
        parts.append(f"No email address for {names}: tell them another way.")
    return " ".join(parts)


@transaction.atomic
def invitations_send(
    *,
    meeting: Meeting,
    actor: Actor | None,
    change: MeetingChange | None = None,
    cancellation: bool = False,
) -> list[Invitation]:
    """E-mail the meeting, with a calendar file, to everyone who does not have it as it is now.

    A person who had an earlier version gets an update; one added since gets the invitation; on
    cancellation, everyone who was sent the meeting gets the cancellation. Those without an
    e-mail address are named on the timeline so that someone tells them another way.
    """
    recipients, no_email = _who_to_send(meeting, cancellation=cancellation)
    # Each calendar file lists everyone sent the meeting, including those sent it just now.
    attendees = selectors.recipients_invited(meeting=meeting)
    attendees += [r for r in recipients if r not in attendees]
    sent_before = selectors.keys_ever_sent(meeting=meeting)
    sent = [
        _invitation_send(
            meeting,
            person,
            kind=_invitation_kind(person, sent_before, cancellation),
            attendees=attendees,
            change=change,
            actor=actor,
        )
        for person in recipients
    ]
    if sent or no_email:
        case_services.event_record(
            case=meeting.case,
            kind=EventKind.MEETING_INVITATIONS,
            title=_invitations_title(sent, cancellation=cancellation, change=change),
            description=_invitations_description(sent, no_email),
            actor=actor,
        )
    return sent


# ---------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------


def reminder_times(*, starts_at: dt.datetime) -> dict[str, dt.datetime]:
    """When each reminder goes: 9am 2 working days before, and 8am on the day (or an hour
    before an earlier start)."""
    start = timezone.localtime(starts_at, LONDON)
    day = start.date()
    two_before = statutory_calendar().add_working_days(day, -2)
    morning = dt.datetime.combine(day, REMINDER_TIMES[ReminderKind.MORNING], tzinfo=LONDON)
    return {
        ReminderKind.TWO_WORKING_DAYS: dt.datetime.combine(
            two_before, REMINDER_TIMES[ReminderKind.TWO_WORKING_DAYS], tzinfo=LONDON
        ),
        ReminderKind.MORNING: min(morning, start - dt.timedelta(hours=1)),
    }


def _enqueue_reminder(reminder_id: str, send_at: dt.datetime) -> None:
    backend = tasks.meeting_reminder_task.get_backend()
    if not backend.supports_defer:
        # A backend that cannot wait (the test suite's immediate one) would send the reminder
        # now; leave the row scheduled for `reminders_send_due` instead.
        logger.warning(
            "Task backend cannot defer: reminder %s left for reminders_send_due", reminder_id
        )
        return
    result = tasks.meeting_reminder_task.using(run_after=send_at).enqueue(reminder_id)
    Reminder.objects.filter(pk=reminder_id).update(task_result_id=str(result.id))


@transaction.atomic
def reminders_schedule(*, meeting: Meeting) -> list[Reminder]:
    """Schedule the reminders still ahead for the meeting as it is now (none in the past)."""
    now = timezone.now()
    made = []
    for kind, send_at in reminder_times(starts_at=meeting.starts_at).items():
        if send_at <= now:
            continue
        reminder = Reminder.objects.create(
            meeting=meeting, kind=kind, send_at=send_at, for_starts_at=meeting.starts_at
        )
        reminder_id = str(reminder.pk)
        transaction.on_commit(
            lambda rid=reminder_id, at=send_at: _enqueue_reminder(rid, at)  # type: ignore[misc]
        )
        made.append(reminder)
    return made


def _reminders_supersede(meeting: Meeting) -> None:
    meeting.reminders.filter(status=ReminderStatus.SCHEDULED).update(
        status=ReminderStatus.SUPERSEDED, updated_at=timezone.now()
    )


@transaction.atomic
def reminder_send(*, reminder_id: str) -> Reminder | None:
    """Send a reminder to everyone invited, if the meeting still starts when it did when the
    reminder was scheduled (otherwise do nothing: the rescheduled meeting has its own)."""
    reminder = (
        Reminder.objects.select_for_update()
        .select_related("meeting", "meeting__case")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or reminder.status != ReminderStatus.SCHEDULED:
        return reminder
    meeting = reminder.meeting
    if _reminder_outdated(reminder, now=timezone.now()):
        reminder.status = ReminderStatus.SUPERSEDED
        reminder.save(update_fields=["status", "updated_at"])
        return reminder
    sent_to = []
    for person in selectors.recipients_invited(meeting=meeting):
        notifications.email_queue(
            template="meeting_reminder",
            to=[person.email],
            context=presenters.meeting_email_context(meeting, person, reminder=reminder),
            case=meeting.case,
        )
        sent_to.append(person.email)
    reminder.status = ReminderStatus.SENT
    reminder.sent_at = timezone.now()
    reminder.sent_to = sent_to
    reminder.save(update_fields=["status", "sent_at", "sent_to", "updated_at"])
    case_services.event_record(
        case=meeting.case,
        kind=EventKind.MEETING_REMINDER_SENT,
        title=f"Meeting reminder sent ({reminder.get_kind_display().lower()})",
        description=f"Sent to {', '.join(sent_to)}." if sent_to else "Nobody to send it to.",
        actor_label="The service",
    )
    return reminder


def _reminder_outdated(reminder: Reminder, *, now: dt.datetime) -> bool:
    """The meeting moved, was cancelled or held, or has started; or a later reminder is due as
    well (this one is late), and only the later one goes."""
    meeting = reminder.meeting
    return (
        meeting.status != MeetingStatus.ARRANGED
        or meeting.starts_at != reminder.for_starts_at
        or meeting.starts_at <= now
        or meeting.reminders.filter(
            status=ReminderStatus.SCHEDULED, send_at__gt=reminder.send_at, send_at__lte=now
        ).exists()
    )


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Send every scheduled reminder whose time has come (the deferred task normally does it; this
    catches any whose task was lost). Returns how many were sent."""
    sent = 0
    for reminder_id in selectors.reminders_due(now=now or timezone.now()).values_list(
        "pk", flat=True
    ):
        reminder = reminder_send(reminder_id=str(reminder_id))
        if reminder is not None and reminder.status == ReminderStatus.SENT:
            sent += 1
    return sent


# ---------------------------------------------------------------------------------------------
# The LA cannot arrange mediation within 30 days
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def la_cannot_arrange_record(*, case: Case, on: dt.date, note: str, actor: Actor | None) -> Case:
    """The LA says it cannot arrange mediation within 30 days: the family is then entitled to a
    certificate within 3 working days (and may still mediate later)."""
    if not case.is_open:
        raise ConflictError("This case is closed")
    if case.la_cannot_arrange_on is not None:
        raise ConflictError(
            f"This is already recorded: the local authority said so on "
            f"{weekday_date(case.la_cannot_arrange_on)}"
        )
    if case.mediation_requested_on is None:
        raise ApplicationError(
            "Record when the local authority was told the family wants mediation first"
        )
    if case.mediation_concluded_on is not None:
        raise ConflictError("Mediation has already concluded for this case")
    if on > timezone.localdate():
        raise ApplicationError(
            "The date the local authority said so cannot be in the future", field="on"
        )
    if on < case.mediation_requested_on:
        raise ApplicationError(
            "The local authority cannot have said so before it was told the family wants "
            f"mediation ({weekday_date(case.mediation_requested_on)})",
            field="on",
        )
    if not note.strip():
        raise ApplicationError("Say who at the local authority said so, and how", field="note")
    case_services.case_record_clock_event(case=case, event="la_cannot_arrange", on=on)
    due = statutory_calendar().add_working_days(on, 3)
    case_services.case_move(
        case=case,
        move=MoveName.LA_CANNOT_ARRANGE,
        actor=actor,
        title="The local authority cannot arrange mediation within 30 days: certificate due by "
        f"{weekday_date(due)}",
        description=f"Said on {weekday_date(on)}. {note.strip()} The family may appeal now or "
        "still go to mediation later.",
    )
    return case
