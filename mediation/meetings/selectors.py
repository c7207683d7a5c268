"""Reading meetings: a case's meetings, the checks before arranging one, its calendar file, and what
the case page (and the partner side) show about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from uuid import UUID
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from mediation.cases import clock as case_clock
from mediation.cases.choices import DRAnswer, PartyKind, Stage
from mediation.core.errors import ApplicationError
from mediation.core.formatting import weekday_date
from mediation.meetings.choices import (
    InvitationKind,
    MeetingFormat,
    MeetingStatus,
    ReminderStatus,
)
from mediation.meetings.models import Invitation, Meeting, MeetingChange, Reminder
from mediation.rules import (
    CaseFacts,
    Deadline,
    DeadlineStatus,
    RulesInputError,
    compute_deadlines,
    deadline_status,
    statutory_calendar,
)

if TYPE_CHECKING:
    from mediation.cases.models import Case, Participant, Party

LONDON = ZoneInfo("Europe/London")
PRODID = "-//SEND mediation and disagreement resolution//Meetings//EN"

# Stages from which a meeting may be arranged. After the LA has said it cannot arrange mediation
# in time (certificate due), the family may still mediate later, so arranging stays open then.
ARRANGING_STAGES = frozenset({Stage.ARRANGING_MEDIATION, Stage.ARRANGING_DR})


# ---------------------------------------------------------------------------------------------
# Meetings of a case
# ---------------------------------------------------------------------------------------------


def meeting_get(*, meeting_id: UUID | str) -> Meeting | None:
    try:
        return (
            Meeting.objects.select_related(
                "case", "case__service", "case__local_authority", "created_by"
            )
            .filter(pk=meeting_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def meetings_for_case(*, case: Case) -> QuerySet[Meeting]:
    """Every meeting of the case, the latest first (arranged, held and cancelled)."""
    return Meeting.objects.filter(case=case).select_related("created_by").order_by("-starts_at")


def current_meeting(*, case: Case) -> Meeting | None:
    """The meeting arranged now, or else the last one held (None if neither)."""
    meetings = meetings_for_case(case=case)
    arranged = meetings.filter(status=MeetingStatus.ARRANGED).first()
    if arranged is not None:
        return arranged
    return meetings.filter(status=MeetingStatus.HELD).first()


def meeting_changes(*, meeting: Meeting) -> QuerySet[MeetingChange]:
    return meeting.changes.select_related("changed_by").order_by("-created_at")


def meeting_reminders(*, meeting: Meeting) -> QuerySet[Reminder]:
    return meeting.reminders.order_by("send_at")


def reminders_due(*, now: dt.datetime) -> QuerySet[Reminder]:
    """Scheduled reminders whose time has come (a safety net if a deferred task was lost)."""
    return Reminder.objects.filter(status=ReminderStatus.SCHEDULED, send_at__lte=now)


def can_arrange(*, case: Case) -> bool:
    """Whether the case is at a point where a meeting can be arranged (no meeting arranged now)."""
    if not case.is_open:
        return False
    stage_ok = case.stage in ARRANGING_STAGES or (
        case.stage == Stage.CERTIFICATE_DUE and case.la_cannot_arrange_on is not None
    )
    return (
        stage_ok and not Meeting.objects.filter(case=case, status=MeetingStatus.ARRANGED).exists()
    )


def meeting_title(case: Case) -> str:
    """ "Mediation meeting (LDN-2026-00012)": names the case, never the child."""
    kind = meeting_kind_label(case)
    return f"{kind[:1].upper()}{kind[1:]} ({case.reference})"


def meeting_kind_label(case: Case) -> str:
    """ "mediation meeting" or "disagreement resolution meeting"."""
    if case.is_disagreement_resolution:
        return "disagreement resolution meeting"
    return "mediation meeting"


# ---------------------------------------------------------------------------------------------
# Checks before arranging or moving a meeting
# ---------------------------------------------------------------------------------------------


def notice_due_for(*, meeting_date: dt.date) -> dt.date:
    """The latest day the family can be given the date and place: 5 working days before.

    The statutory clock's `meeting_notice_due` deadline (statutory calendar for England, so bank
    holidays do not count).
    """
    try:
        deadline = compute_deadlines(CaseFacts({"meeting_date": meeting_date})).get(
            "meeting_notice_due"
        )
    except RulesInputError as exc:
        raise ApplicationError("Check the date of the meeting: it is too far ahead.") from exc
    assert deadline is not None  # the rules always give it for a meeting date
    return deadline.due


def mediation_due(*, case: Case, today: dt.date | None = None) -> Deadline | None:
    """The 30-day date (mediation to take place), when the case has one."""
    return case_clock.case_clock(case, today=today).deadlines.get("mediation_due")


@dataclass(frozen=True)
class ArrangementCheck:
    """What to tell the person arranging a meeting before they confirm it."""

    meeting_date: dt.date
    notice_given_on: dt.date
    notice_due: dt.date
    working_days_notice: int
    mediation_due: Deadline | None
    # Disagreement resolution is voluntary for every party: those that have not agreed.
    dr_declined: tuple[str, ...] = ()
    dr_not_agreed_yet: tuple[str, ...] = ()

    @property
    def notice_is_short(self) -> bool:
        """The family was told later than 5 working days before the meeting."""
        return self.notice_given_on > self.notice_due

    @property
    def after_mediation_due(self) -> bool:
        return self.mediation_due is not None and self.meeting_date > self.mediation_due.due

    @property
    def warnings(self) -> list[str]:
        out = []
        if self.after_mediation_due and self.mediation_due is not None:
            out.append(
                f"This is after the 30-day date: mediation should take place by "
                f"{weekday_date(self.mediation_due.due)}. If the local authority cannot "
                "arrange mediation by then, record that, and the family can have a certificate "
                "within 3 working days."
            )
        if self.dr_declined:
            out.append(
                f"{_and_list(self.dr_declined)} {'does' if len(self.dr_declined) == 1 else 'do'} "
                "not agree to take part in disagreement resolution."
            )
        if self.dr_not_agreed_yet:
            out.append(
                f"{_and_list(self.dr_not_agreed_yet)} "
                f"{'has' if len(self.dr_not_agreed_yet) == 1 else 'have'} not yet agreed to take "
                "part in disagreement resolution."
            )
        return out


def _and_list(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def arrangement_check(
    *, case: Case, starts_at: dt.datetime, notice_given_on: dt.date
) -> ArrangementCheck:
    meeting_date = timezone.localtime(starts_at, LONDON).date()
    notice_due = notice_due_for(meeting_date=meeting_date)
    calendar = statutory_calendar()
    declined: list[str] = []
    waiting: list[str] = []
    if case.is_disagreement_resolution:
        for party in case.parties.exclude(kind=PartyKind.FAMILY).select_related("organisation"):
            if party.dr_answer == DRAnswer.DECLINES:
                declined.append(party.name)
            elif party.dr_answer != DRAnswer.AGREES:
                waiting.append(party.name)
    return ArrangementCheck(
        meeting_date=meeting_date,
        notice_given_on=notice_given_on,
        notice_due=notice_due,
        working_days_notice=calendar.working_days_between(notice_given_on, meeting_date),
        mediation_due=mediation_due(case=case),
        dr_declined=tuple(declined),
        dr_not_agreed_yet=tuple(waiting),
    )


# ---------------------------------------------------------------------------------------------
# Who is invited
# ---------------------------------------------------------------------------------------------


def participants_taking_part(*, case: Case) -> list[Participant]:
    """Everyone taking part (not removed), the family first, then the other parties."""
    people = list(
        case.participants.filter(removed_at__isnull=True, attending=True)
        .select_related("party", "party__organisation")
        .order_by("created_at")
    )
    return sorted(people, key=lambda p: (0 if _is_family_side(p) else 1, p.created_at))


def _is_family_side(participant: Participant) -> bool:
    return participant.party is not None and participant.party.kind == PartyKind.FAMILY


def side_name(participant: Participant) -> str:
    if participant.party is None:
        return "For the service"
    return str(participant.party.name)


@dataclass(frozen=True)
class Recipient:
    """Someone the meeting is sent to: a participant of the case, or the allocated mediator."""

    key: str  # "participant:<id>" or "user:<id>": how invitations are matched to people
    name: str
    email: str
    side: str
    role: str
    participant: Any = None
    user: Any = None
    is_family: bool = False
    party: Any = None

    @property
    def may_see_family_details(self) -> bool:
        """The family's names and addresses go only to the family, the service's people and the
        mediator, and to a party the family has agreed to share its information with."""
        if self.party is None:
            return True
        return bool(self.party.may_receive_shared_information)


def _participant_recipient(person: Participant) -> Recipient:
    return Recipient(
        key=f"participant:{person.pk}",
        name=person.name,
        email=person.email,
        side=side_name(person),
        role=person.get_role_display(),
        participant=person,
        is_family=_is_family_side(person),
        party=person.party,
    )


def _mediator_recipient(case: Case) -> Recipient | None:
    from mediation.panel import selectors as panel_selectors

    mediator = panel_selectors.current_mediator(case=case)
    if mediator is None:
        return None
    return Recipient(
        key=f"user:{mediator.pk}",
        name=mediator.full_name,
        email=mediator.email,
        side="The mediator",
        role="Mediator",
        user=mediator,
    )


def meeting_recipients(*, case: Case) -> list[Recipient]:
    """Everyone the meeting is for: the allocated mediator, then each participant taking part."""
    people = [_participant_recipient(p) for p in participants_taking_part(case=case)]
    mediator = _mediator_recipient(case)
    return ([mediator] if mediator is not None else []) + people


def _invitation_key(invitation: Invitation) -> str:
    if invitation.participant_id is not None:
        return f"participant:{invitation.participant_id}"
    return f"user:{invitation.user_id}"


@dataclass(frozen=True)
class InviteeRow:
    recipient: Recipient
    last_invitation: Invitation | None
    up_to_date: bool  # has been sent the meeting as it is now

    @property
    def reason_not_invited(self) -> str:
        return "" if self.recipient.email else "No email address: tell them another way"


def meeting_invitees(*, meeting: Meeting) -> list[InviteeRow]:
    """Each person the meeting is for, and whether they have been sent it as it is now."""
    latest: dict[str, Invitation] = {}
    for invitation in meeting.invitations.order_by("-sent_at", "-sequence"):
        latest.setdefault(_invitation_key(invitation), invitation)
    rows = []
    for recipient in meeting_recipients(case=meeting.case):
        last = latest.get(recipient.key)
        rows.append(
            InviteeRow(
                recipient=recipient,
                last_invitation=last,
                up_to_date=last is not None and last.sequence == meeting.sequence,
            )
        )
    return rows


def recipients_to_invite(*, meeting: Meeting) -> list[Recipient]:
    """People with an e-mail address who do not yet have the meeting as it is now."""
    return [
        row.recipient
        for row in meeting_invitees(meeting=meeting)
        if row.recipient.email and not row.up_to_date
    ]


def recipients_invited(*, meeting: Meeting) -> list[Recipient]:
    """People the meeting is for who were sent an invitation or update for it."""
    invited = {
        _invitation_key(i) for i in meeting.invitations.exclude(kind=InvitationKind.CANCELLATION)
    }
    return [r for r in meeting_recipients(case=meeting.case) if r.key in invited and r.email]


def lower_first(text: str) -> str:
    """ "Parent or carer" -> "parent or carer", but "SENCo or teacher" stays as it is."""
    if len(text) > 1 and text[1].islower():
        return text[:1].lower() + text[1:]
    return text


def attendance_lines(*, case: Case, show_family_names: bool) -> list[tuple[str, str]]:
    """Who is taking part, side by side: [("The family", "Alex Morgan, parent or carer"), ...].

    Without `show_family_names` the family's side lists roles only.
    """
    sides: dict[str, list[str]] = {}
    mediator = _mediator_recipient(case)
    if mediator is not None:
        sides["The mediator"] = [mediator.name]
    for person in participants_taking_part(case=case):
        role = person.get_role_display()
        if _is_family_side(person) and not show_family_names:
            text = role
        else:
            text = f"{person.name}, {lower_first(role)}"
        sides.setdefault(side_name(person), []).append(text)
    return [(side, "; ".join(names)) for side, names in sides.items()]


# ---------------------------------------------------------------------------------------------
# The calendar file
# ---------------------------------------------------------------------------------------------


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the life of the meeting, so calendars update (or remove) the same event."""
    host = urlsplit(settings.SITE_URL).hostname or "mediation.invalid"
    return f"meeting-{meeting.pk}@{host}"


def organiser_email(case: Case) -> str:
    return str(case.service.email or settings.SERVICE_EMAIL)


def organiser_name(case: Case) -> str:
    return f"{settings.SERVICE_PROVIDER_NAME} ({case.service.name} service)"


def duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minutes")
    return " and ".join(parts)


def how_to_join(meeting: Meeting) -> str:
    if meeting.format == MeetingFormat.IN_PERSON:
        address = ", ".join(
            line.strip() for line in meeting.venue_address.splitlines() if line.strip()
        )
        return f"In person at {meeting.venue_name}" + (f", {address}" if address else "")
    if meeting.format == MeetingFormat.VIDEO:
        return f"By video. Join with this link: {meeting.video_link}"
    return f"By phone. {' '.join(meeting.dial_in.split())}"


def ics_location(meeting: Meeting) -> str:
    if meeting.format == MeetingFormat.IN_PERSON:
        lines = [meeting.venue_name] + [
            line.strip() for line in meeting.venue_address.splitlines() if line.strip()
        ]
        return ", ".join(lines)
    if meeting.format == MeetingFormat.VIDEO:
        return meeting.video_link
    return f"By phone: {' '.join(meeting.dial_in.split())}"


def _ics_description(meeting: Meeting, cancelled: bool) -> str:
    case = meeting.case
    kind = meeting_kind_label(case)
    phone = case.service.phone or settings.SERVICE_PHONE
    if cancelled:
        return (
            f"This {kind} has been cancelled. Case reference: {case.reference}.\n"
            f"Questions: phone {phone} or email {organiser_email(case)}."
        )
    return "\n".join(
        [
            f"SEND {kind} arranged by {settings.SERVICE_PROVIDER_NAME}.",
            f"Case reference: {case.reference}",
            f"How to join: {how_to_join(meeting)}",
            f"Length: about {duration_label(meeting.duration_minutes)}",
            "What to bring: your case summary (send it to us before the meeting if you have not "
            "already) and any papers you want to refer to.",
            "The meeting is confidential.",
            f"Questions or changes: phone {phone} or email {organiser_email(case)}.",
        ]
    )


def meeting_ics(
    *,
    meeting: Meeting,
    method: str = "REQUEST",
    recipient: Recipient | None = None,
    attendees: list[Recipient] | None = None,
) -> bytes:
    """The meeting as an iCalendar file (RFC 5545, with RFC 5546's METHOD).

    `method` is REQUEST (invitation or update) or CANCEL. Attendees are the people sent the
    meeting (or `attendees`), the mediator as CHAIR; in a file for a party the family has not
    agreed to share its information with, the family's names and addresses are left out. UID is
    stable per meeting and SEQUENCE is the meeting's, so a calendar replaces the earlier version.
    Without a `recipient` (staff downloading it), everyone is listed.
    """
    if method not in {"REQUEST", "CANCEL"}:
        raise ValueError(f"Unsupported iTIP method {method!r}")
    case = meeting.case
    cancelled = method == "CANCEL"
    people = recipients_invited(meeting=meeting) if attendees is None else attendees
    show_family = recipient is None or recipient.may_see_family_details

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(LONDON))
    event.add("dtend", meeting.ends_at.astimezone(LONDON))
    title = meeting_title(case)
    event.add("summary", title)
    event.add("location", ics_location(meeting))
    event.add("description", _ics_description(meeting, cancelled))
    if meeting.format == MeetingFormat.VIDEO and meeting.video_link:
        event.add("url", meeting.video_link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("class", "CONFIDENTIAL")

    organizer = icalendar.vCalAddress(f"mailto:{organiser_email(case)}")
    organizer.params["cn"] = organiser_name(case)
    event.add("organizer", organizer)
    for person in people:
        if not person.email:
            continue
        if person.is_family and not show_family and person != recipient:
            continue
        attendee = icalendar.vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = person.name
        attendee.params["role"] = "CHAIR" if person.user is not None else "REQ-PARTICIPANT"
        attendee.params["partstat"] = "NEEDS-ACTION"
        attendee.params["cutype"] = "INDIVIDUAL"
        event.add("attendee", attendee)

    if not cancelled:
        for minutes_before in (24 * 60, 60):
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", title)
            alarm.add("trigger", dt.timedelta(minutes=-minutes_before))
            event.add_component(alarm)

    calendar.add_component(event)
    year = meeting.starts_at.astimezone(LONDON).year
    # A VTIMEZONE for Europe/London covering the meeting's year either side, not 1970 to 2038.
    calendar.add_missing_timezones(
        first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 1, 12, 31)
    )
    return bytes(calendar.to_ical())


def meeting_ics_filename(meeting: Meeting) -> str:
    return f"{meeting.case.reference}-meeting.ics"


# ---------------------------------------------------------------------------------------------
# What the case page and the partner side show
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseMeetingPanel:
    """The meeting section of the case page.

    `meeting` is the arranged meeting (or the last one held); `mediation_due` the 30-day date
    with its status (None for disagreement resolution, which has no statutory date);
    `after_mediation_due` flags an arranged meeting later than it; `notice_due` is the latest day
    the family can be told the date and place; `can_arrange` says whether the case is at a point
    where a meeting can be arranged; `la_cannot_arrange_on` the day the LA said it cannot arrange
    mediation in time (if it has).
    """

    meeting: Meeting | None
    meetings: list[Meeting]
    mediation_due: Deadline | None
    mediation_due_status: DeadlineStatus | None
    after_mediation_due: bool
    notice_due: dt.date | None
    can_arrange: bool
    can_record_la_cannot_arrange: bool
    la_cannot_arrange_on: dt.date | None
    invitees_missing_email: int = 0
    invitees_to_send: int = 0
    changes: list[MeetingChange] = field(default_factory=list)


def case_meeting_panel(*, case: Case, today: dt.date | None = None) -> CaseMeetingPanel:
    today = today or timezone.localdate()
    meetings = list(meetings_for_case(case=case))
    meeting = next((m for m in meetings if m.status == MeetingStatus.ARRANGED), None) or next(
        (m for m in meetings if m.status == MeetingStatus.HELD), None
    )
    due = mediation_due(case=case, today=today)
    status = None
    if due is not None and due.done_on is None:
        status = deadline_status(due.due, today)
    after = bool(
        meeting is not None
        and meeting.is_arranged
        and due is not None
        and timezone.localtime(meeting.starts_at, LONDON).date() > due.due
    )
    notice_due = None
    missing = to_send = 0
    changes: list[MeetingChange] = []
    if meeting is not None and meeting.is_arranged:
        notice_due = notice_due_for(meeting_date=timezone.localtime(meeting.starts_at).date())
        rows = meeting_invitees(meeting=meeting)
        missing = sum(1 for r in rows if not r.recipient.email)
        to_send = sum(1 for r in rows if r.recipient.email and not r.up_to_date)
        changes = list(meeting_changes(meeting=meeting))
    return CaseMeetingPanel(
        meeting=meeting,
        meetings=meetings,
        mediation_due=due,
        mediation_due_status=status,
        after_mediation_due=after,
        notice_due=notice_due,
        can_arrange=can_arrange(case=case),
        can_record_la_cannot_arrange=la_cannot_arrange_allowed(case=case),
        la_cannot_arrange_on=case.la_cannot_arrange_on,
        invitees_missing_email=missing,
        invitees_to_send=to_send,
        changes=changes,
    )


def la_cannot_arrange_allowed(*, case: Case) -> bool:
    """The LA can say it cannot arrange mediation in time once it has been told of the request,
    while the case is open and mediation has not concluded."""
    return (
        case.is_open
        and case.mediation_requested_on is not None
        and case.mediation_concluded_on is None
        and case.la_cannot_arrange_on is None
    )


@dataclass(frozen=True)
class PartyMeetingView:
    """What a party (the LA, ICB, school) sees of the meeting on the partner side."""

    meeting: Meeting
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    duration: str
    format_label: str
    how_to_join: str
    status_label: str
    attending: list[tuple[str, str]]  # (side, roles and names as that party may see them)
    arrangements: str  # empty unless the family agreed to share with this party
    changes: list[tuple[dt.datetime, dt.datetime]]  # (from, to) start times


def meeting_for_party(*, case: Case, party: Party) -> PartyMeetingView | None:
    """The current meeting as one party may see it (None if there is none).

    The family's names and its adjustments are shown only to a party the family has agreed to
    share its information with.
    """
    meeting = current_meeting(case=case)
    if meeting is None:
        return None
    shared = bool(party.may_receive_shared_information)
    return PartyMeetingView(
        meeting=meeting,
        kind=meeting_kind_label(case),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        duration=duration_label(meeting.duration_minutes),
        format_label=meeting.get_format_display(),
        how_to_join=how_to_join(meeting),
        status_label=meeting.get_status_display(),
        attending=attendance_lines(case=case, show_family_names=shared),
        arrangements=meeting.arrangements if shared else "",
        changes=[(c.from_starts_at, c.to_starts_at) for c in meeting_changes(meeting=meeting)],
    )


def arrangements_prefill(*, case: Case) -> str:
    """The case's adjustments, carried into the meeting's arrangements."""
    lines = []
    if case.interpreter_language:
        lines.append(f"Interpreter: {case.interpreter_language}.")
    if case.needs_bsl:
        lines.append("British Sign Language interpreter.")
    if case.needs_easy_read:
        lines.append("Easy read versions of the papers.")
    if case.needs_large_print:
        lines.append("Large print versions of the papers.")
    if case.other_adjustments.strip():
        lines.append(case.other_adjustments.strip())
    return "\n".join(lines)
