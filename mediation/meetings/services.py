"""Writing meetings: arranging, rescheduling, cancelling, recording that one was held; the
invitations (with a calendar file) and reminders; and the LA saying it cannot arrange mediation in
time."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from mediation.cases import services as case_services
from mediation.cases.choices import Stage
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.formatting import govuk_time, weekday_date
from mediation.meetings import selectors
from mediation.meetings.choices import (
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
    from mediation.cases.models import Case

logger = logging.getLogger(__name__)

LONDON = selectors.LONDON
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


def _user(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


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


def _validate(*, case: Case, plan: MeetingPlan) -> tuple[MeetingPlan, selectors.ArrangementCheck]:
    """Check a plan against the rules; return it tidied, with what the check page shows."""
    if plan.format not in MeetingFormat.values:
        raise ApplicationError(
            "Choose how the meeting will happen: in person, by video or by phone"
        )
    plan = plan.cleaned()
    if plan.format == MeetingFormat.IN_PERSON:
        if not plan.venue_name:
            raise ApplicationError("Enter the name of the venue")
        if not plan.venue_address:
            raise ApplicationError("Enter the address of the venue")
    elif plan.format == MeetingFormat.VIDEO:
        if not plan.video_link.startswith("https://"):
            raise ApplicationError("Enter the video call link, starting with https://")
    elif not plan.dial_in:
        raise ApplicationError("Enter the phone number to call and any PIN")
    if timezone.is_naive(plan.starts_at):
        raise ValueError("starts_at must be an aware datetime")
    now = timezone.now()
    if plan.starts_at <= now:
        raise ApplicationError("The meeting must start in the future")
    if plan.starts_at > now + LONGEST_AHEAD:
        raise ApplicationError("The meeting must be within the next 12 months")
    if not MIN_DURATION <= plan.duration_minutes <= MAX_DURATION:
        raise ApplicationError(
            f"The meeting must last between {MIN_DURATION} minutes and {MAX_DURATION // 60} hours"
        )
    assert plan.notice_given_on is not None
    check = selectors.arrangement_check(
        case=case, starts_at=plan.starts_at, notice_given_on=plan.notice_given_on
    )
    if plan.notice_given_on > timezone.localdate():
        raise ApplicationError("The date the family was told cannot be in the future")
    if plan.notice_given_on > check.meeting_date:
        raise ApplicationError("The family must be told the date and place before the meeting")
    if check.notice_is_short:
        if not plan.short_notice_agreed:
            raise ApplicationError(
                "The family must be given the date and place at least 5 working days before the "
                f"meeting, so by {weekday_date(check.notice_due)}. Choose a later date, or record "
                "that the family agreed to shorter notice"
            )
        if not plan.short_notice_note:
            raise ApplicationError(
                "Say who in the family agreed to shorter notice, when, and how they said so"
            )
    else:
        # Enough notice: an agreement to shorter notice is not needed, so none is recorded.
        plan = replace(plan, short_notice_agreed=False, short_notice_note="")
    return plan, check


def meeting_plan_check(*, case: Case, plan: MeetingPlan) -> selectors.ArrangementCheck:
    """Validate a plan without saving it (for the check page). Raises ApplicationError."""
    return _validate(case=case, plan=plan)[1]


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at, LONDON)
    end = timezone.localtime(meeting.ends_at, LONDON)
    return f"{weekday_date(start)}, {govuk_time(start)} to {govuk_time(end)}"


def _notice_line(meeting: Meeting, check: selectors.ArrangementCheck) -> str:
    text = f"The family was given the date and place on {weekday_date(meeting.notice_given_on)}"
    if meeting.short_notice_agreed:
        return (
            f"{text}, less than 5 working days before. The family agreed to shorter notice: "
            f"{meeting.short_notice_note}"
        )
    return f"{text} ({check.working_days_notice} working days before)."


def _sync_meeting_date(case: Case) -> None:
    """The clock's meeting date: the meeting arranged now, or else the last one held."""
    meeting = selectors.current_meeting(case=case)
    on = timezone.localtime(meeting.starts_at, LONDON).date() if meeting else None
    if case.meeting_on != on:
        case_services.case_record_clock_event(case=case, event="meeting_date", on=on)


def _arranging_stage(case: Case) -> str:
    if case.is_disagreement_resolution:
        return Stage.ARRANGING_DR
    return Stage.ARRANGING_MEDIATION


# ---------------------------------------------------------------------------------------------
# Arranging, changing, cancelling, holding
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def meeting_arrange(*, case: Case, plan: MeetingPlan, actor: Any) -> Meeting:
    """Arrange the meeting: record it, set the clock's meeting date, invite everyone with an
    e-mail address (with a calendar file), and schedule the reminders.

    Refuses a start in the past, and notice of less than 5 working days unless the family agreed
    to it (recorded with a note). A meeting after the 30-day date is allowed: the timeline and
    `selectors.arrangement_check` say so.
    """
    if not case.is_open:
        raise ConflictError("This case is closed")
    if selectors.meetings_for_case(case=case).filter(status=MeetingStatus.ARRANGED).exists():
        raise ConflictError("A meeting is already arranged for this case. Change it instead")
    if not selectors.can_arrange(case=case):
        raise ConflictError(
            "A meeting can be arranged once the family has asked for mediation or "
            "disagreement resolution"
        )
    plan, check = _validate(case=case, plan=plan)
    assert plan.notice_given_on is not None
    stage_before = case.stage
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                case=case,
                format=plan.format,
                starts_at=plan.starts_at,
                duration_minutes=plan.duration_minutes,
                venue_name=plan.venue_name,
                venue_address=plan.venue_address,
                video_link=plan.video_link,
                dial_in=plan.dial_in,
                arrangements=plan.arrangements,
                notice_given_on=plan.notice_given_on,
                short_notice_agreed=plan.short_notice_agreed,
                short_notice_note=plan.short_notice_note,
                stage_before=stage_before,
                created_by=_user(actor),
            )
    except IntegrityError as exc:
        raise ConflictError(
            "A meeting was arranged for this case just now. Check the case before trying again"
        ) from exc
    _sync_meeting_date(case)
    lines = [meeting.place + ".", f"Length: {selectors.duration_label(meeting.duration_minutes)}."]
    lines.append(_notice_line(meeting, check))
    lines.extend(check.warnings)
    case_services.case_set_stage(
        case=case,
        stage=Stage.MEETING_ARRANGED,
        actor=_user(actor),
        title=f"Meeting arranged: {_when(meeting)}",
        description=" ".join(lines),
    )
    invitations_send(meeting=meeting, actor=actor)
    reminders_schedule(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_reschedule(*, meeting: Meeting, plan: MeetingPlan, reason: str, actor: Any) -> Meeting:
    """Move the meeting (date, time, length or place), keeping the history; send everyone invited
    the update (same UID, SEQUENCE + 1) and reschedule the reminders. Same notice rule."""
    meeting = Meeting.objects.select_for_update().select_related("case").get(pk=meeting.pk)
    case = meeting.case
    if not case.is_open:
        raise ConflictError("This case is closed")
    if meeting.status != MeetingStatus.ARRANGED:
        raise ConflictError(f"This meeting is {meeting.get_status_display().lower()}")
    if not reason.strip():
        raise ApplicationError("Say why the meeting is changing")
    plan, check = _validate(case=case, plan=plan)
    assert plan.notice_given_on is not None
    before = (meeting.starts_at, meeting.duration_minutes, meeting.place)
    after = (plan.starts_at, plan.duration_minutes, plan.place)
    if before == after:
        raise ApplicationError(
            "Change the date, time, length or place of the meeting, or cancel it instead"
        )
    change = MeetingChange.objects.create(
        meeting=meeting,
        from_starts_at=meeting.starts_at,
        to_starts_at=plan.starts_at,
        from_duration_minutes=meeting.duration_minutes,
        to_duration_minutes=plan.duration_minutes,
        from_place=meeting.place,
        to_place=plan.place,
        reason=reason.strip(),
        changed_by=_user(actor),
    )
    old_when = _when(meeting)
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
    meeting.sequence += 1
    meeting.save()
    _sync_meeting_date(case)
    _reminders_supersede(meeting)
    lines = [f"Was {old_when}."]
    if change.place_changed:
        lines.append(f"Was: {change.from_place}. Now: {meeting.place}.")
    lines.append(f"Reason: {change.reason}")
    lines.append(_notice_line(meeting, check))
    lines.extend(check.warnings)
    case_services.event_record(
        case=case,
        kind="meeting_rescheduled",
        title=f"Meeting moved to {_when(meeting)}",
        description=" ".join(lines),
        actor=_user(actor),
    )
    invitations_send(meeting=meeting, actor=actor, change=change)
    reminders_schedule(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, actor: Any) -> Meeting:
    """Cancel the meeting: tell everyone invited (a calendar cancellation, METHOD:CANCEL), stop
    the reminders, clear the clock's meeting date and put the case back to arranging."""
    meeting = Meeting.objects.select_for_update().select_related("case").get(pk=meeting.pk)
    case = meeting.case
    if meeting.status != MeetingStatus.ARRANGED:
        raise ConflictError(f"This meeting is {meeting.get_status_display().lower()}")
    if not reason.strip():
        raise ApplicationError("Say why the meeting is cancelled")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.cancellation_reason = reason.strip()
    meeting.sequence += 1
    meeting.save()
    _reminders_supersede(meeting)
    _sync_meeting_date(case)
    when = _when(meeting)
    if case.is_open and case.stage == Stage.MEETING_ARRANGED:
        back_to = meeting.stage_before or _arranging_stage(case)
        if back_to in {Stage.MEETING_ARRANGED, ""}:
            back_to = _arranging_stage(case)
        case_services.case_set_stage(case=case, stage=back_to, actor=_user(actor))
    case_services.event_record(
        case=case,
        kind="meeting_cancelled",
        title=f"Meeting cancelled ({when})",
        description=f"Reason: {meeting.cancellation_reason}",
        actor=_user(actor),
    )
    invitations_send(meeting=meeting, actor=actor, cancellation=True)
    return meeting


@transaction.atomic
def meeting_mark_held(
    *, meeting: Meeting, actor: Any, concluded: bool = True, note: str = ""
) -> Meeting:
    """Record that the meeting took place.

    `concluded`: the mediation ended at this meeting. For mediation that starts the 3-working-day
    clock for the certificate after mediation (the clock's `mediation_concluded`); disagreement
    resolution has no certificate. Otherwise the parties agreed to meet again, and the case goes
    back to arranging the next meeting.
    """
    meeting = Meeting.objects.select_for_update().select_related("case").get(pk=meeting.pk)
    case = meeting.case
    if not case.is_open:
        raise ConflictError("This case is closed")
    if meeting.status != MeetingStatus.ARRANGED:
        raise ConflictError(f"This meeting is {meeting.get_status_display().lower()}")
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
    meeting.save(update_fields=["status", "held_recorded_at", "updated_at"])
    _reminders_supersede(meeting)
    _sync_meeting_date(case)
    dr = case.is_disagreement_resolution
    if concluded:
        if not dr:
            case_services.case_record_clock_event(
                case=case, event="mediation_concluded", on=held_on
            )
            due = statutory_calendar().add_working_days(held_on, 3)
            title = (
                f"Meeting held on {weekday_date(held_on)}: mediation concluded, certificate due "
                f"by {weekday_date(due)}"
            )
        else:
            title = f"Meeting held on {weekday_date(held_on)}: disagreement resolution concluded"
        case_services.case_set_stage(
            case=case, stage=Stage.AFTER_MEETING, actor=_user(actor), title=title, description=note
        )
    else:
        case_services.case_set_stage(
            case=case,
            stage=_arranging_stage(case),
            actor=_user(actor),
            title=f"Meeting held on {weekday_date(held_on)}: the parties will meet again",
            description=note,
        )
    return meeting


# ---------------------------------------------------------------------------------------------
# Invitations
# ---------------------------------------------------------------------------------------------


def _email_context(
    meeting: Meeting,
    person: selectors.Recipient,
    *,
    change: MeetingChange | None = None,
    reminder: Reminder | None = None,
) -> dict[str, Any]:
    case = meeting.case
    shared = person.may_see_family_details
    start = timezone.localtime(meeting.starts_at, LONDON)
    end = timezone.localtime(meeting.ends_at, LONDON)
    context: dict[str, Any] = {
        "recipient_name": person.name,
        "is_family": person.is_family,
        "is_mediator": person.user is not None,
        "reference": case.reference,
        "child": case.child_first_name
        if person.is_family
        else f"the child or young person with the initials {case.child_initials}",
        "kind": selectors.meeting_kind_label(case),
        "is_mediation": not case.is_disagreement_resolution,
        "local_authority_name": case.local_authority.name,
        "meeting": meeting,
        "day": weekday_date(start),
        "start_time": govuk_time(start),
        "end_time": govuk_time(end),
        "duration": selectors.duration_label(meeting.duration_minutes),
        "venue_address_lines": [
            line.strip() for line in meeting.venue_address.splitlines() if line.strip()
        ],
        "dial_in": " ".join(meeting.dial_in.split()),
        "attending": selectors.attendance_lines(case=case, show_family_names=shared),
        "arrangements": meeting.arrangements if shared else "",
        "contact_phone": case.service.phone or settings.SERVICE_PHONE,
        "contact_email": selectors.organiser_email(case),
        "service_label": f"{case.service.name} service",
    }
    if change is not None:
        was = timezone.localtime(change.from_starts_at, LONDON)
        context["change"] = change
        context["was"] = f"{weekday_date(was)} at {govuk_time(was)}"
        context["place_changed"] = change.place_changed
        context["was_place"] = selectors.lower_first(change.from_place)
    if reminder is not None:
        context["reminder"] = reminder
        context["is_today"] = reminder.kind == ReminderKind.MORNING
    return context


@transaction.atomic
def invitations_send(
    *,
    meeting: Meeting,
    actor: Any,
    change: MeetingChange | None = None,
    cancellation: bool = False,
) -> list[Invitation]:
    """E-mail the meeting, with a calendar file, to everyone who does not have it as it is now.

    A person who had an earlier version gets an update; one added since gets the invitation; on
    cancellation, everyone who was sent the meeting gets the cancellation. Those without an
    e-mail address are named on the timeline so that someone tells them another way.
    """
    case = meeting.case
    if cancellation:
        recipients = selectors.recipients_invited(meeting=meeting)
        no_email: list[selectors.Recipient] = []
    else:
        if meeting.status != MeetingStatus.ARRANGED:
            raise ConflictError(f"This meeting is {meeting.get_status_display().lower()}")
        rows = selectors.meeting_invitees(meeting=meeting)
        recipients = [r.recipient for r in rows if r.recipient.email and not r.up_to_date]
        no_email = [r.recipient for r in rows if not r.recipient.email]
    # Each calendar file lists everyone sent the meeting, including those sent it just now.
    attendees = selectors.recipients_invited(meeting=meeting)
    attendees += [r for r in recipients if r not in attendees]
    previously = {
        f"participant:{p}" if p else f"user:{u}"
        for p, u in meeting.invitations.values_list("participant_id", "user_id")
    }
    sent: list[Invitation] = []
    for person in recipients:
        if cancellation:
            kind = InvitationKind.CANCELLATION
        elif person.key in previously:
            kind = InvitationKind.UPDATE
        else:
            kind = InvitationKind.INVITATION
        method = "CANCEL" if cancellation else "REQUEST"
        content = selectors.meeting_ics(
            meeting=meeting, method=method, recipient=person, attendees=attendees
        )
        who = person.key.replace(":", "-")
        path = default_storage.save(
            f"meetings/{meeting.pk}/{meeting.sequence:03d}-{kind}-{who}.ics", ContentFile(content)
        )
        email = notifications.email_queue(
            template=TEMPLATES[InvitationKind(kind)],
            to=[person.email],
            context=_email_context(
                meeting, person, change=change if kind == InvitationKind.UPDATE else None
            ),
            case=case,
            attachments=[
                {
                    "name": "cancelled-meeting.ics" if cancellation else "meeting.ics",
                    "path": path,
                    "mimetype": "text/calendar",
                }
            ],
        )
        sent.append(
            Invitation.objects.create(
                meeting=meeting,
                participant=person.participant,
                user=person.user,
                name=person.name,
                kind=kind,
                sequence=meeting.sequence,
                email_address=person.email,
                sent_at=timezone.now(),
                email_id=email.pk if email is not None else None,
                sent_by=_user(actor),
            )
        )
    if sent or no_email:
        parts = []
        if sent:
            parts.append(
                "Sent to " + ", ".join(f"{i.name} ({i.email_address})" for i in sent) + "."
            )
        if no_email:
            names = ", ".join(p.name for p in no_email)
            parts.append(f"No email address for {names}: tell them another way.")
        if cancellation:
            title = "Meeting cancellation sent"
        elif not sent:
            title = "Meeting invitations not sent: no email addresses"
        elif change is not None:
            title = "Meeting update sent"
        else:
            title = "Meeting invitations sent"
        case_services.event_record(
            case=case,
            kind="meeting_invitations",
            title=title,
            description=" ".join(parts),
            actor=_user(actor),
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
    from mediation.meetings.tasks import meeting_reminder_task

    backend = meeting_reminder_task.get_backend()
    if not backend.supports_defer:
        # A backend that cannot wait (the test suite's immediate one) would send the reminder
        # now; leave the row scheduled for `reminders_send_due` instead.
        logger.warning(
            "Task backend cannot defer: reminder %s left for reminders_send_due", reminder_id
        )
        return
    result = meeting_reminder_task.using(run_after=send_at).enqueue(reminder_id)
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
    now = timezone.now()
    if (
        meeting.status != MeetingStatus.ARRANGED
        or meeting.starts_at != reminder.for_starts_at
        or meeting.starts_at <= now
        # A later reminder is due as well (this one is late): send only the later one.
        or meeting.reminders.filter(
            status=ReminderStatus.SCHEDULED, send_at__gt=reminder.send_at, send_at__lte=now
        ).exists()
    ):
        reminder.status = ReminderStatus.SUPERSEDED
        reminder.save(update_fields=["status", "updated_at"])
        return reminder
    sent_to = []
    for person in selectors.recipients_invited(meeting=meeting):
        notifications.email_queue(
            template="meeting_reminder",
            to=[person.email],
            context=_email_context(meeting, person, reminder=reminder),
            case=meeting.case,
        )
        sent_to.append(person.email)
    reminder.status = ReminderStatus.SENT
    reminder.sent_at = timezone.now()
    reminder.sent_to = sent_to
    reminder.save(update_fields=["status", "sent_at", "sent_to", "updated_at"])
    case_services.event_record(
        case=meeting.case,
        kind="meeting_reminder_sent",
        title=f"Meeting reminder sent ({reminder.get_kind_display().lower()})",
        description=f"Sent to {', '.join(sent_to)}." if sent_to else "Nobody to send it to.",
        actor_label="The service",
    )
    return reminder


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
def la_cannot_arrange_record(*, case: Case, on: dt.date, note: str, actor: Any) -> Case:
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
        raise ApplicationError("The date the local authority said so cannot be in the future")
    if on < case.mediation_requested_on:
        raise ApplicationError(
            "The local authority cannot have said so before it was told the family wants "
            f"mediation ({weekday_date(case.mediation_requested_on)})"
        )
    if not note.strip():
        raise ApplicationError("Say who at the local authority said so, and how")
    case_services.case_record_clock_event(case=case, event="la_cannot_arrange", on=on)
    due = statutory_calendar().add_working_days(on, 3)
    case_services.case_set_stage(
        case=case,
        stage=Stage.CERTIFICATE_DUE,
        actor=_user(actor),
        title="The local authority cannot arrange mediation within 30 days: certificate due by "
        f"{weekday_date(due)}",
        description=f"Said on {weekday_date(on)}. {note.strip()} The family may appeal now or "
        "still go to mediation later.",
    )
    return case
