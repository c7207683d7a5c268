"""What the meeting pages, the case page, the partner side and the e-mails show about a meeting:
page models, labels and sentences. Reads through `selectors`; changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from mediation.core.formatting import govuk_time, weekday_date
from mediation.meetings import selectors
from mediation.meetings.choices import (
    DEFAULT_DURATION_MINUTES,
    LONDON,
    MeetingFormat,
    MeetingStatus,
    ReminderKind,
)
from mediation.rules import Deadline, DeadlineStatus, deadline_status, statutory_calendar

if TYPE_CHECKING:
    from django import forms

    from mediation.cases.models import Case, Party
    from mediation.meetings.forms import MeetingAnswers
    from mediation.meetings.models import Meeting, MeetingChange, Reminder
    from mediation.meetings.selectors import Recipient
    from mediation.meetings.services import MeetingPlan

type Context = dict[str, object]


# ---------------------------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------------------------


def case_url(case: Case) -> str:
    return reverse("casework:detail", kwargs={"case_id": case.pk})


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", kwargs={"meeting_id": meeting.pk})


def meeting_kind_label(case: Case) -> str:
    """ "mediation meeting" or "disagreement resolution meeting"."""
    if case.is_disagreement_resolution:
        return "disagreement resolution meeting"
    return "mediation meeting"


def meeting_title(case: Case) -> str:
    """ "Mediation meeting (LDN-2026-00012)": names the case, never the child."""
    kind = meeting_kind_label(case)
    return f"{kind[:1].upper()}{kind[1:]} ({case.reference})"


def duration_label(minutes: int) -> str:
    """ "3 hours", "1 hour and 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minutes")
    return " and ".join(parts)


def when_label(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """ "Wednesday 8 April 2026, 10am to 1pm" (London time)."""
    start = timezone.localtime(starts_at, LONDON)
    end = timezone.localtime(ends_at, LONDON)
    return f"{weekday_date(start)}, {govuk_time(start)} to {govuk_time(end)}"


def meeting_when(meeting: Meeting) -> str:
    return when_label(meeting.starts_at, meeting.ends_at)


def plan_when(plan: MeetingPlan) -> str:
    start = timezone.localtime(plan.starts_at, LONDON)
    return when_label(start, start + dt.timedelta(minutes=plan.duration_minutes))


def address_lines(text: str) -> list[str]:
    """An address typed on several lines, one line each, blank lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def how_to_join(meeting: Meeting) -> str:
    if meeting.format == MeetingFormat.IN_PERSON:
        address = ", ".join(address_lines(meeting.venue_address))
        return f"In person at {meeting.venue_name}" + (f", {address}" if address else "")
    if meeting.format == MeetingFormat.VIDEO:
        return f"By video. Join with this link: {meeting.video_link}"
    return f"By phone. {' '.join(meeting.dial_in.split())}"


def lower_first(text: str) -> str:
    """ "Parent or carer" -> "parent or carer", but "SENCo or teacher" stays as it is."""
    if len(text) > 1 and text[1].islower():
        return text[:1].lower() + text[1:]
    return text


def contact_phone(case: Case) -> str:
    return str(case.service.phone or settings.SERVICE_PHONE)


def contact_email(case: Case) -> str:
    """The service's address: questions about the meeting, and the calendar file's organiser."""
    return str(case.service.email or settings.SERVICE_EMAIL)


def attendance_lines(*, case: Case, show_family_names: bool) -> list[tuple[str, str]]:
    """Who is taking part, side by side: [("The family", "Alex Morgan, parent or carer"), ...].

    Without `show_family_names` the family's side lists roles only.
    """
    sides: dict[str, list[str]] = {}
    mediator = selectors.mediator_recipient(case=case)
    if mediator is not None:
        sides["The mediator"] = [mediator.name]
    for person in selectors.participants_taking_part(case=case):
        role = person.get_role_display()
        if selectors.is_family_side(person) and not show_family_names:
            text = role
        else:
            text = f"{person.name}, {lower_first(role)}"
        sides.setdefault(selectors.side_name(person), []).append(text)
    return [(side, "; ".join(names)) for side, names in sides.items()]


# The case's adjustments, in the words carried into the meeting's arrangements.
ADJUSTMENT_LINES = (
    ("needs_bsl", "British Sign Language interpreter."),
    ("needs_easy_read", "Easy read versions of the papers."),
    ("needs_large_print", "Large print versions of the papers."),
)


def arrangements_prefill(*, case: Case) -> str:
    """The case's adjustments, carried into the meeting's arrangements."""
    lines = []
    if case.interpreter_language:
        lines.append(f"Interpreter: {case.interpreter_language}.")
    lines += [text for flag, text in ADJUSTMENT_LINES if getattr(case, flag)]
    if case.other_adjustments.strip():
        lines.append(case.other_adjustments.strip())
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# What to tell the person arranging a meeting
# ---------------------------------------------------------------------------------------------


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
    declined, waiting = selectors.dr_answers(case=case)
    return ArrangementCheck(
        meeting_date=meeting_date,
        notice_given_on=notice_given_on,
        notice_due=selectors.notice_due_for(meeting_date=meeting_date),
        working_days_notice=statutory_calendar().working_days_between(
            notice_given_on, meeting_date
        ),
        mediation_due=selectors.mediation_due(case=case),
        dr_declined=declined,
        dr_not_agreed_yet=waiting,
    )


# ---------------------------------------------------------------------------------------------
# The case page and the partner side
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


@dataclass(frozen=True)
class _Invitations:
    """Where an arranged meeting's invitations stand, for the case page."""

    notice_due: dt.date | None = None
    missing_email: int = 0
    to_send: int = 0
    changes: list[MeetingChange] = field(default_factory=list)


def _invitations(meeting: Meeting | None) -> _Invitations:
    if meeting is None or not meeting.is_arranged:
        return _Invitations()
    rows = selectors.meeting_invitees(meeting=meeting)
    return _Invitations(
        notice_due=selectors.notice_due_for(
            meeting_date=timezone.localtime(meeting.starts_at).date()
        ),
        missing_email=sum(1 for r in rows if not r.recipient.email),
        to_send=sum(1 for r in rows if r.recipient.email and not r.up_to_date),
        changes=list(selectors.meeting_changes(meeting=meeting)),
    )


def _first_with_status(meetings: list[Meeting], status: str) -> Meeting | None:
    return next((m for m in meetings if m.status == status), None)


def case_meeting_panel(*, case: Case, today: dt.date | None = None) -> CaseMeetingPanel:
    today = today or timezone.localdate()
    meetings = list(selectors.meetings_for_case(case=case))
    meeting = _first_with_status(meetings, MeetingStatus.ARRANGED) or _first_with_status(
        meetings, MeetingStatus.HELD
    )
    due = selectors.mediation_due(case=case, today=today)
    status = deadline_status(due.due, today) if due is not None and due.done_on is None else None
    after = bool(
        meeting is not None
        and meeting.is_arranged
        and due is not None
        and timezone.localtime(meeting.starts_at, LONDON).date() > due.due
    )
    invitations = _invitations(meeting)
    return CaseMeetingPanel(
        meeting=meeting,
        meetings=meetings,
        mediation_due=due,
        mediation_due_status=status,
        after_mediation_due=after,
        notice_due=invitations.notice_due,
        can_arrange=selectors.can_arrange(case=case),
        can_record_la_cannot_arrange=selectors.la_cannot_arrange_allowed(case=case),
        la_cannot_arrange_on=case.la_cannot_arrange_on,
        invitees_missing_email=invitations.missing_email,
        invitees_to_send=invitations.to_send,
        changes=invitations.changes,
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
    meeting = selectors.current_meeting(case=case)
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
        changes=[
            (c.from_starts_at, c.to_starts_at) for c in selectors.meeting_changes(meeting=meeting)
        ],
    )


# ---------------------------------------------------------------------------------------------
# The e-mails: invitation, update, cancellation, reminder
# ---------------------------------------------------------------------------------------------


def meeting_email_context(
    meeting: Meeting,
    person: Recipient,
    *,
    change: MeetingChange | None = None,
    reminder: Reminder | None = None,
) -> Context:
    """What an e-mail about the meeting says to one person (the family's details only to those
    who may see them)."""
    context = _email_basics(meeting, person)
    if change is not None:
        context |= _email_change(change)
    if reminder is not None:
        context |= {"reminder": reminder, "is_today": reminder.kind == ReminderKind.MORNING}
    return context


def _email_basics(meeting: Meeting, person: Recipient) -> Context:
    case = meeting.case
    shared = person.may_see_family_details
    start = timezone.localtime(meeting.starts_at, LONDON)
    end = timezone.localtime(meeting.ends_at, LONDON)
    return {
        "recipient_name": person.name,
        "is_family": person.is_family,
        "is_mediator": person.user is not None,
        "reference": case.reference,
        "child": case.child_first_name
        if person.is_family
        else f"the child or young person with the initials {case.child_initials}",
        "kind": meeting_kind_label(case),
        "is_mediation": not case.is_disagreement_resolution,
        "local_authority_name": case.local_authority.name,
        "meeting": meeting,
        "day": weekday_date(start),
        "start_time": govuk_time(start),
        "end_time": govuk_time(end),
        "duration": duration_label(meeting.duration_minutes),
        "venue_address_lines": address_lines(meeting.venue_address),
        "dial_in": " ".join(meeting.dial_in.split()),
        "attending": attendance_lines(case=case, show_family_names=shared),
        "arrangements": meeting.arrangements if shared else "",
        "contact_phone": contact_phone(case),
        "contact_email": contact_email(case),
        "service_label": f"{case.service.name} service",
    }


def _email_change(change: MeetingChange) -> Context:
    was = timezone.localtime(change.from_starts_at, LONDON)
    return {
        "change": change,
        "was": f"{weekday_date(was)} at {govuk_time(was)}",
        "place_changed": change.place_changed,
        "was_place": lower_first(change.from_place),
    }


# ---------------------------------------------------------------------------------------------
# The meeting's pages
# ---------------------------------------------------------------------------------------------


def thirty_day(case: Case) -> Context:
    """The 30-day date and its status, shown on every page of the meeting."""
    today = timezone.localdate()
    return {"mediation_due": selectors.mediation_due(case=case, today=today), "today": today}


def arrange_initial(*, case: Case) -> Context:
    """The question page's first answers: the case's adjustments, told today."""
    return {
        "duration_minutes": DEFAULT_DURATION_MINUTES,
        "arrangements": arrangements_prefill(case=case),
        "notice_given_on": timezone.localdate(),
    }


def reschedule_initial(meeting: Meeting) -> Context:
    """The question page's first answers when moving a meeting: the meeting as it is."""
    starts_at = timezone.localtime(meeting.starts_at)
    return {
        "format": meeting.format,
        "venue_name": meeting.venue_name,
        "venue_address": meeting.venue_address,
        "video_link": meeting.video_link,
        "dial_in": meeting.dial_in,
        "day": starts_at.date(),
        "time": starts_at.strftime("%H:%M"),
        "duration_minutes": meeting.duration_minutes,
        "arrangements": meeting.arrangements,
        "notice_given_on": timezone.localdate(),
    }


def arrange_page(*, case: Case, form: forms.Form, meeting: Meeting | None = None) -> Context:
    """The question page, to arrange a meeting or (with `meeting`) to move it."""
    moving: Context = {}
    if meeting is not None:
        moving = {"meeting": meeting, "when": meeting_when(meeting)}
    return {
        "title": "Change the meeting" if meeting else "Arrange the meeting",
        "case": case,
        "form": form,
        "kind": meeting_kind_label(case),
        "back_url": meeting_url(meeting) if meeting else case_url(case),
        **moving,
        **thirty_day(case),
    }


@dataclass(frozen=True)
class CheckPage:
    """The check page's own words: its title, its button, and where "Change" goes."""

    title: str
    submit: str
    change_url: str


def arrange_check_wording(case: Case) -> CheckPage:
    return CheckPage(
        title="Check the meeting before sending the invitations",
        submit="Arrange meeting and send invitations",
        change_url=reverse("meetings:arrange", kwargs={"case_id": case.pk}),
    )


def reschedule_check_wording(meeting: Meeting) -> CheckPage:
    return CheckPage(
        title="Check the change before telling everyone",
        submit="Change meeting and tell everyone",
        change_url=reverse("meetings:reschedule", kwargs={"meeting_id": meeting.pk}),
    )


def check_page(
    *,
    case: Case,
    wording: CheckPage,
    answers: MeetingAnswers,
    plan: MeetingPlan,
    check: ArrangementCheck | None,
    problem: str,
    form: forms.Form,
    meeting: Meeting | None = None,
) -> Context:
    """The check page: the plan, what the rules say about it, and who will be sent it."""
    return {
        "title": wording.title,
        "case": case,
        "meeting": meeting,
        "plan": plan.cleaned(),
        "format_label": MeetingFormat(plan.format).label,
        "when": plan_when(plan),
        "duration": duration_label(plan.duration_minutes),
        "check": check,
        "problem": problem,
        "answers": answers,
        "change_url": wording.change_url,
        "submit": wording.submit,
        "recipients": selectors.meeting_recipients(case=case),
        "form": form,
        **thirty_day(case),
    }


def detail_page(*, meeting: Meeting, may_manage: bool) -> Context:
    """The meeting page: when and where, who is invited, reminders, changes, e-mails sent."""
    case = meeting.case
    invitees = selectors.meeting_invitees(meeting=meeting) if meeting.is_arranged else []
    local_date = timezone.localtime(meeting.starts_at).date()
    due = selectors.mediation_due(case=case)
    return {
        "title": f"{meeting_kind_label(case).capitalize()}: {meeting_when(meeting)}",
        "case": case,
        "meeting": meeting,
        "when": meeting_when(meeting),
        "duration": duration_label(meeting.duration_minutes),
        "invitees": invitees,
        "to_send": sum(1 for r in invitees if r.recipient.email and not r.up_to_date),
        "invitations": selectors.meeting_invitations(meeting=meeting),
        "changes": selectors.meeting_changes(meeting=meeting),
        "reminders": selectors.meeting_reminders(meeting=meeting),
        "notice_due": selectors.notice_due_for(meeting_date=local_date),
        "notice_working_days": statutory_calendar().working_days_between(
            meeting.notice_given_on, local_date
        ),
        "after_mediation_due": bool(
            meeting.is_arranged and due is not None and local_date > due.due
        ),
        "may_manage": may_manage and case.is_open,
        "started": meeting.starts_at <= timezone.now(),
        **thirty_day(case),
    }


def _meeting_form_page(meeting: Meeting, form: forms.Form, **page: object) -> Context:
    """A one-question page about the meeting (cancel it, record it held)."""
    return {
        "case": meeting.case,
        "meeting": meeting,
        "intro": f"The meeting on {meeting_when(meeting)}.",
        "form": form,
        "back_url": meeting_url(meeting),
        "back_text": "Back to the meeting",
        **page,
        **thirty_day(meeting.case),
    }


def cancel_page(*, meeting: Meeting, form: forms.Form) -> Context:
    return _meeting_form_page(
        meeting,
        form,
        title="Cancel the meeting",
        submit="Cancel meeting",
        submit_classes="govuk-button--warning",
        secondary_text="Keep the meeting",
    )


def held_warnings(*, case: Case) -> list[str]:
    """Before the meeting is recorded as held: each organisation at the table that has nobody
    recorded as attending, or nobody able to make decisions, so agreed actions for it may not
    hold (the LA must send someone who can: SEND Regulations 2014)."""
    warnings = []
    for party in case.parties.exclude(kind="family").select_related("organisation"):
        people = [p for p in party.participants.all() if p.removed_at is None and p.attending]
        if not people:
            warnings.append(f"Nobody from {party.name} is recorded as attending.")
        elif not any(p.is_decision_maker for p in people):
            warnings.append(
                f"Nobody from {party.name} is recorded as able to make decisions: actions "
                "agreed for it may not hold."
            )
    return warnings


def held_page(*, meeting: Meeting, form: forms.Form) -> Context:
    return _meeting_form_page(
        meeting,
        form,
        title="Record that the meeting took place",
        submit="Save",
        secondary_text="Cancel",
        warnings=held_warnings(case=meeting.case),
    )


def la_cannot_arrange_page(*, case: Case, form: forms.Form) -> Context:
    return {
        "title": "The local authority cannot arrange mediation in time",
        "case": case,
        "intro": f"{case.local_authority.name} must arrange mediation within 30 days of being "
        "told the family wants it. If it says it cannot, the family can have a mediation "
        "certificate within 3 working days, and may appeal straight away or still go to "
        "mediation later.",
        "form": form,
        "submit": "Save",
        "back_url": case_url(case),
        "back_text": "Back to the case",
        "secondary_text": "Cancel",
        **thirty_day(case),
    }


def certificate_due_message(said_on: dt.date) -> str:
    """After recording that the LA cannot arrange mediation: when the certificate is due."""
    due = statutory_calendar().add_working_days(said_on, 3)
    return f"Recorded. The family's certificate is due by {weekday_date(due)}"


def moved_message(meeting: Meeting) -> str:
    return f"Meeting moved to {meeting_when(meeting)}. Everyone invited has been told"


def invitations_sent_message(names: list[str]) -> str:
    if names:
        return f"Sent to {', '.join(names)}"
    return "Everyone with an email address already has the meeting"
