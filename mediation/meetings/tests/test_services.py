"""Arranging, moving, cancelling and holding the meeting; invitations, calendar files, reminders;
the local authority that cannot arrange mediation in time."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import icalendar
import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from mediation.cases import clock
from mediation.cases.parties import participant_add, share_consent_record
from mediation.core.errors import ApplicationError, ConflictError
from mediation.meetings import presenters, selectors, services
from mediation.meetings.calendar import meeting_ics
from mediation.meetings.models import Invitation, MeetingChange, Reminder
from mediation.meetings.tests.conftest import LONDON, THIRTY_DAY_DATE, TODAY, london
from mediation.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db


def _emails(template: str) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(template=template).order_by("created_at"))


def _attached_calendar(email: OutboundEmail) -> icalendar.Calendar:
    (attachment,) = email.attachments
    assert attachment["mimetype"] == "text/calendar"
    with default_storage.open(attachment["path"], "rb") as handle:
        return icalendar.Calendar.from_ical(handle.read())


def _attendees(event: Any) -> set[str]:
    value = event.get("attendee")
    values = value if isinstance(value, list) else [value]
    return {str(v).removeprefix("mailto:") for v in values if v is not None}


# ---------------------------------------------------------------------------------------------
# Arranging
# ---------------------------------------------------------------------------------------------


def test_arranging_records_the_meeting_the_clock_date_and_the_stage(arranged: Any) -> None:
    meeting = arranged()
    case = meeting.case
    case.refresh_from_db()
    assert meeting.duration_minutes == 180  # 3 hours unless said otherwise
    assert meeting.notice_given_on == TODAY
    assert meeting.sequence == 0
    assert case.stage == "meeting_arranged"
    assert case.meeting_on == dt.date(2026, 4, 8)
    deadlines = clock.case_clock(case).deadlines
    notice = deadlines.get("meeting_notice_due")
    assert notice is not None
    assert notice.due == dt.date(2026, 3, 30)
    event = case.events.get(kind="meeting_arranged")
    assert event.title == "Meeting arranged: Wednesday 8 April 2026, 10am to 1pm"
    assert "By video: https://meet.example/abc-defg-hij" in event.description
    assert "(10 working days before)" in event.description


def test_everyone_with_an_email_address_is_invited_with_a_calendar_file(arranged: Any) -> None:
    meeting = arranged()
    emails = _emails("meeting_invitation")
    assert sorted(e.to[0] for e in emails) == [
        "alex.morgan@family.example",
        "jo.bloggs@islington.example",
        "senco@school.example",
    ]
    assert {e.subject for e in emails} == {
        f"Mediation meeting on Wednesday 8 April 2026 ({meeting.case.reference})"
    }
    assert Invitation.objects.filter(meeting=meeting, kind="invitation", sequence=0).count() == 3
    # The family's supporter has no email address: the timeline says to tell them another way.
    event = meeting.case.events.get(kind="meeting_invitations")
    assert event.title == "Meeting invitations sent"
    assert "No email address for Chris Helper: tell them another way." in event.description


def test_the_calendar_file_parses_back_with_every_detail(arranged: Any) -> None:
    meeting = arranged()
    case = meeting.case
    family_email = next(e for e in _emails("meeting_invitation") if "family" in e.to[0])
    calendar = _attached_calendar(family_email)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.events
    assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert event["SEQUENCE"] == 0
    start, end = event.start, event.end
    assert isinstance(start, dt.datetime)
    assert start == london(2026, 4, 8, 10)
    assert end == london(2026, 4, 8, 13)
    assert str(start.tzinfo) == "Europe/London"
    assert start.utcoffset() == dt.timedelta(hours=1)  # British Summer Time
    assert calendar.timezones[0].tz_name == "Europe/London"
    assert str(event["LOCATION"]) == "https://meet.example/abc-defg-hij"
    description = str(event["DESCRIPTION"])
    assert case.reference in description
    assert "What to bring: your case summary" in description
    assert case.child_first_name not in description  # calendars sync to many places
    assert str(event["ORGANIZER"]) == "mailto:help@mediation.example"
    assert _attendees(event) == {
        "alex.morgan@family.example",
        "jo.bloggs@islington.example",
        "senco@school.example",
    }
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_family_is_left_out_of_a_calendar_file_for_a_party_without_permission(
    arranged: Any, coordinator: Any
) -> None:
    meeting = arranged()
    school_email = next(e for e in _emails("meeting_invitation") if "school" in e.to[0])
    (event,) = _attached_calendar(school_email).events
    assert "alex.morgan@family.example" not in _attendees(event)
    school_body = school_email.body
    assert "Alex Morgan" not in school_body
    assert "Sam" not in school_body.replace("Sam Teacher", "")
    assert "the child or young person with the initials SM" in school_body

    school = meeting.case.parties.get(kind="school")
    share_consent_record(
        party=school, given=True, given_by="Alex Morgan", method="phone", actor=coordinator
    )
    school_person = next(
        r for r in selectors.meeting_recipients(case=meeting.case) if r.name == "Sam Teacher"
    )
    calendar = icalendar.Calendar.from_ical(meeting_ics(meeting=meeting, recipient=school_person))
    assert "alex.morgan@family.example" in _attendees(calendar.events[0])


def test_the_invitation_email_says_what_a_family_needs_to_know(arranged: Any) -> None:
    arranged()
    body = next(e for e in _emails("meeting_invitation") if "family" in e.to[0]).body
    assert body.startswith("Dear Alex Morgan,\n\nWe have arranged the mediation meeting about Sam.")
    assert "When: Wednesday 8 April 2026, 10am to 1pm (about 3 hours)" in body
    assert "How to join: by video, with this link: https://meet.example/abc-defg-hij" in body
    assert (
        "- The family: Alex Morgan, parent or carer; Chris Helper, advocate or supporter "
        "(the family's choice)\n- Islington: Jo Bloggs, officer with authority to decide" in body
    )
    assert "Interpreter: Polish." in body
    assert "Your case summary" in body
    assert "The meeting is confidential" in body
    assert "The local authority pays your reasonable travel costs" in body
    assert "Phone: 0300 000 0000" in body
    la_body = next(e for e in _emails("meeting_invitation") if "islington" in e.to[0]).body
    assert "someone with the authority to make decisions must attend" in la_body
    assert "travel costs" not in la_body


@pytest.mark.parametrize(
    ("starts", "allowed"),
    [
        (london(2026, 3, 30), True),  # exactly 5 working days after today
        (london(2026, 3, 27), False),  # 4 working days: the family must agree
    ],
)
def test_the_family_must_be_told_5_working_days_ahead(
    mediation_case: Any, plan: Any, coordinator: Any, starts: dt.datetime, allowed: bool
) -> None:
    case = mediation_case()
    if allowed:
        assert services.meeting_arrange(case=case, plan=plan(starts_at=starts), actor=coordinator)
        return
    with pytest.raises(ApplicationError) as exc:
        services.meeting_arrange(case=case, plan=plan(starts_at=starts), actor=coordinator)
    assert "so by Friday 20 March 2026" in exc.value.message


def test_shorter_notice_needs_the_familys_agreement_with_a_note(
    mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    case = mediation_case()
    short = london(2026, 3, 25, 14)
    with pytest.raises(ApplicationError, match="Say who in the family agreed"):
        services.meeting_arrange(
            case=case, plan=plan(starts_at=short, short_notice_agreed=True), actor=coordinator
        )
    note = "Alex Morgan agreed on the phone on 23 March to meet on Wednesday."
    meeting = services.meeting_arrange(
        case=case,
        plan=plan(starts_at=short, short_notice_agreed=True, short_notice_note=note),
        actor=coordinator,
    )
    assert meeting.short_notice_agreed
    assert meeting.short_notice_note == note
    description = case.events.get(kind="meeting_arranged").description
    assert f"The family agreed to shorter notice: {note}" in description


def test_an_agreement_to_shorter_notice_is_not_kept_when_notice_was_long_enough(
    mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    meeting = services.meeting_arrange(
        case=mediation_case(),
        plan=plan(short_notice_agreed=True, short_notice_note="Not needed"),
        actor=coordinator,
    )
    assert not meeting.short_notice_agreed
    assert meeting.short_notice_note == ""


def test_the_notice_counts_working_days_so_bank_holidays_do_not_count(
    mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    # Good Friday (3 April) and Easter Monday (6 April) 2026 are not working days.
    assert selectors.notice_due_for(meeting_date=dt.date(2026, 4, 7)) == dt.date(2026, 3, 27)
    assert selectors.notice_due_for(meeting_date=dt.date(2026, 4, 8)) == dt.date(2026, 3, 30)
    case = mediation_case()
    with time_machine.travel(london(2026, 3, 30, 9), tick=True):
        with pytest.raises(ApplicationError, match="so by Friday 27 March 2026"):
            services.meeting_arrange(
                case=case, plan=plan(starts_at=london(2026, 4, 7)), actor=coordinator
            )
        meeting = services.meeting_arrange(
            case=case, plan=plan(starts_at=london(2026, 4, 8)), actor=coordinator
        )
    assert meeting.notice_given_on == dt.date(2026, 3, 30)


def test_a_meeting_after_the_30_day_date_is_allowed_with_a_warning(
    mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    case = mediation_case()
    late = plan(starts_at=london(2026, 4, 23))
    check = services.meeting_plan_check(case=case, plan=late)
    assert check.mediation_due is not None
    assert check.mediation_due.due == THIRTY_DAY_DATE
    assert check.after_mediation_due
    assert "by Wednesday 22 April 2026" in check.warnings[0]
    meeting = services.meeting_arrange(case=case, plan=late, actor=coordinator)
    assert meeting.is_arranged
    description = case.events.get(kind="meeting_arranged").description
    assert "This is after the 30-day date: mediation should take place by Wednesday 22 April" in (
        description
    )
    panel = presenters.case_meeting_panel(case=case)
    assert panel.after_mediation_due
    assert panel.meeting == meeting
    on_time = services.meeting_plan_check(case=case, plan=plan(starts_at=london(2026, 4, 22)))
    assert not on_time.after_mediation_due
    assert on_time.warnings == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"starts_at": london(2026, 3, 23, 9)}, "The meeting must start in the future"),
        ({"starts_at": london(2027, 6, 1)}, "within the next 12 months"),
        ({"format": "in_person", "venue_name": ""}, "Enter the name of the venue"),
        (
            {"format": "in_person", "venue_name": "Northbrook Primary School"},
            "Enter the address of the venue",
        ),
        ({"video_link": "http://insecure.example"}, "starting with https://"),
        ({"format": "phone"}, "Enter the phone number to call"),
        ({"duration_minutes": 10}, "between 30 minutes and 8 hours"),
        ({"notice_given_on": dt.date(2026, 3, 24)}, "cannot be in the future"),
    ],
)
def test_a_plan_with_a_problem_is_refused_with_a_clear_message(
    mediation_case: Any, plan: Any, coordinator: Any, overrides: dict[str, Any], message: str
) -> None:
    case = mediation_case()
    with pytest.raises(ApplicationError, match=message):
        services.meeting_arrange(case=case, plan=plan(**overrides), actor=coordinator)
    assert not case.meetings.exists()


def test_a_meeting_in_person_keeps_the_venue(
    mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    meeting = services.meeting_arrange(
        case=mediation_case(),
        plan=plan(
            format="in_person",
            venue_name="Northbrook Primary School",
            venue_address="1 High Street\nLondon\nN1 1AA",
            video_link="https://ignored.example",
        ),
        actor=coordinator,
    )
    assert meeting.video_link == ""  # only what the chosen format needs is kept
    assert meeting.place == "In person at Northbrook Primary School, 1 High Street, London, N1 1AA"
    (event,) = icalendar.Calendar.from_ical(meeting_ics(meeting=meeting)).events
    assert str(event["LOCATION"]) == "Northbrook Primary School, 1 High Street, London, N1 1AA"


def test_only_a_case_at_the_arranging_stage_can_have_a_meeting_arranged(
    make_case: Any, mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    with pytest.raises(ConflictError, match="once the family has asked for mediation"):
        services.meeting_arrange(case=make_case(), plan=plan(), actor=coordinator)
    case = mediation_case()
    services.meeting_arrange(case=case, plan=plan(), actor=coordinator)
    with pytest.raises(ConflictError, match="already arranged"):
        services.meeting_arrange(case=case, plan=plan(), actor=coordinator)


def test_a_closed_case_cannot_have_a_meeting_arranged(
    mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    from mediation.cases.services import case_close

    case = mediation_case()
    case_close(case=case, reason="The family withdrew.", actor=coordinator)
    with pytest.raises(ConflictError, match="closed"):
        services.meeting_arrange(case=case, plan=plan(), actor=coordinator)


# ---------------------------------------------------------------------------------------------
# Rescheduling
# ---------------------------------------------------------------------------------------------


def test_rescheduling_keeps_the_history_and_sends_an_update(
    arranged: Any, plan: Any, coordinator: Any
) -> None:
    meeting = arranged()
    moved = services.meeting_reschedule(
        meeting=meeting,
        plan=plan(
            starts_at=london(2026, 4, 9, 13, 30),
            format="in_person",
            venue_name="Northbrook Primary School",
            venue_address="1 High Street, London N1 1AA",
        ),
        reason="The LA officer is on leave on the 8th.",
        actor=coordinator,
    )
    assert moved.sequence == 1
    assert moved.updated_by == coordinator
    change = MeetingChange.objects.get(meeting=meeting)
    assert change.from_starts_at == london(2026, 4, 8)
    assert change.to_starts_at == london(2026, 4, 9, 13, 30)
    assert change.from_place == "By video: https://meet.example/abc-defg-hij"
    assert change.to_place.startswith("In person at Northbrook Primary School")
    assert change.reason == "The LA officer is on leave on the 8th."
    assert change.created_by == coordinator
    case = moved.case
    case.refresh_from_db()
    assert case.meeting_on == dt.date(2026, 4, 9)
    event = case.events.get(kind="meeting_rescheduled")
    assert event.title == "Meeting moved to Thursday 9 April 2026, 1:30pm to 4:30pm"
    assert "Was Wednesday 8 April 2026, 10am to 1pm." in event.description

    updates = _emails("meeting_changed")
    assert len(updates) == 3
    family = next(e for e in updates if "family" in e.to[0])
    assert "It was Wednesday 8 April 2026 at 10am" in family.body
    calendar = _attached_calendar(family)
    (ics_event,) = calendar.events
    assert calendar["METHOD"] == "REQUEST"
    assert str(ics_event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert ics_event["SEQUENCE"] == 1
    assert ics_event.start == london(2026, 4, 9, 13, 30)


def test_rescheduling_needs_a_reason_a_change_and_enough_notice(
    arranged: Any, plan: Any, coordinator: Any
) -> None:
    meeting = arranged()
    with pytest.raises(ApplicationError, match="Say why"):
        services.meeting_reschedule(meeting=meeting, plan=plan(), reason=" ", actor=coordinator)
    with pytest.raises(ApplicationError, match="Change the date, time, length or place"):
        services.meeting_reschedule(
            meeting=meeting, plan=plan(), reason="No change", actor=coordinator
        )
    with pytest.raises(ApplicationError, match="at least 5 working days"):
        services.meeting_reschedule(
            meeting=meeting,
            plan=plan(starts_at=london(2026, 3, 26)),
            reason="Sooner",
            actor=coordinator,
        )
    assert not MeetingChange.objects.exists()


# ---------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------


def test_reminders_go_2_working_days_before_and_on_the_morning(arranged: Any) -> None:
    meeting = arranged()
    reminders = {r.kind: r for r in Reminder.objects.filter(meeting=meeting)}
    # Two working days before Wednesday 8 April 2026 is Thursday 2 April (Easter is between).
    assert reminders["two_working_days"].send_at == london(2026, 4, 2, 9)
    assert reminders["morning"].send_at == london(2026, 4, 8, 8)
    assert {r.for_starts_at for r in reminders.values()} == {london(2026, 4, 8)}


def test_a_reminder_is_sent_to_everyone_invited_at_its_time(arranged: Any) -> None:
    meeting = arranged()
    with time_machine.travel(london(2026, 4, 2, 9, 1), tick=False):
        assert services.reminders_send_due() == 1
    reminder = Reminder.objects.get(meeting=meeting, kind="two_working_days")
    assert reminder.status == "sent"
    assert sorted(reminder.sent_to) == [
        "alex.morgan@family.example",
        "jo.bloggs@islington.example",
        "senco@school.example",
    ]
    emails = _emails("meeting_reminder")
    assert len(emails) == 3
    assert emails[0].subject.startswith("Reminder: mediation meeting on Wednesday 8 April 2026")
    assert meeting.case.events.filter(kind="meeting_reminder_sent").count() == 1
    # Sending again does nothing.
    services.reminder_send(reminder_id=str(reminder.pk))
    assert len(_emails("meeting_reminder")) == 3


def test_an_old_reminder_does_nothing_after_the_meeting_moved(
    arranged: Any, plan: Any, coordinator: Any
) -> None:
    meeting = arranged()
    old = Reminder.objects.get(meeting=meeting, kind="morning")
    services.meeting_reschedule(
        meeting=meeting,
        plan=plan(starts_at=london(2026, 4, 9, 14)),
        reason="The room is not free.",
        actor=coordinator,
    )
    old.refresh_from_db()
    assert old.status == "superseded"
    new = Reminder.objects.get(meeting=meeting, kind="morning", status="scheduled")
    assert new.for_starts_at == london(2026, 4, 9, 14)

    # Even a reminder still marked scheduled (say, its task ran before the change was saved)
    # checks the meeting still starts when it did, and sends nothing.
    Reminder.objects.filter(pk=old.pk).update(status="scheduled")
    with time_machine.travel(london(2026, 4, 8, 8), tick=False):
        result = services.reminder_send(reminder_id=str(old.pk))
    assert result is not None
    assert result.status == "superseded"
    assert _emails("meeting_reminder") == []


def test_a_late_reminder_is_not_sent_when_a_later_one_is_due(arranged: Any) -> None:
    # The worker was down: by the morning of the meeting both reminders are due. Only the
    # morning one goes; "2 working days before" would be wrong by then.
    meeting = arranged()
    with time_machine.travel(london(2026, 4, 8, 8, 5), tick=False):
        assert services.reminders_send_due() == 1
    statuses = {r.kind: r.status for r in meeting.reminders.all()}
    assert statuses == {"two_working_days": "superseded", "morning": "sent"}
    assert {e.subject for e in _emails("meeting_reminder")} == {
        f"Reminder: mediation meeting today at 10am ({meeting.case.reference})"
    }


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
def test_reminders_are_queued_to_run_at_their_time(
    mediation_case: Any, plan: Any, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = mediation_case()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_arrange(case=case, plan=plan(), actor=coordinator)
    queued = DBTaskResult.objects.filter(task_path__endswith="meeting_reminder_task")
    assert sorted(t.run_after for t in queued) == [london(2026, 4, 2, 9), london(2026, 4, 8, 8)]
    reminder_ids = {str(r.pk) for r in Reminder.objects.filter(meeting=meeting)}
    assert {t.args_kwargs["args"][0] for t in queued} == reminder_ids
    assert all(r.task_result_id for r in Reminder.objects.filter(meeting=meeting))


def test_no_reminder_is_scheduled_in_the_past(
    mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    meeting = services.meeting_arrange(
        case=mediation_case(),
        plan=plan(
            starts_at=london(2026, 3, 24, 9),
            short_notice_agreed=True,
            short_notice_note="Agreed by phone with Alex Morgan today.",
        ),
        actor=coordinator,
    )
    # Tomorrow at 9am: 2 working days before has gone; the morning one is an hour before.
    assert [(r.kind, r.send_at) for r in meeting.reminders.all()] == [
        ("morning", london(2026, 3, 24, 8))
    ]


# ---------------------------------------------------------------------------------------------
# Cancelling, holding, inviting later
# ---------------------------------------------------------------------------------------------


def test_cancelling_tells_everyone_invited_and_reopens_arranging(
    arranged: Any, plan: Any, coordinator: Any
) -> None:
    meeting = arranged()
    services.meeting_cancel(meeting=meeting, reason="The family is unwell.", actor=coordinator)
    meeting.refresh_from_db()
    case = meeting.case
    case.refresh_from_db()
    assert meeting.status == "cancelled"
    assert meeting.sequence == 1
    assert case.stage == "arranging_mediation"
    assert case.meeting_on is None
    assert not meeting.reminders.filter(status="scheduled").exists()
    cancellations = _emails("meeting_cancelled")
    assert len(cancellations) == 3
    assert "The family is unwell" not in cancellations[0].body  # the reason stays with us
    calendar = _attached_calendar(cancellations[0])
    (event,) = calendar.events
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert case.events.get(kind="meeting_cancelled").description == "Reason: The family is unwell."
    # A new meeting can now be arranged.
    again = services.meeting_arrange(
        case=case, plan=plan(starts_at=london(2026, 4, 15)), actor=coordinator
    )
    assert again.is_arranged


def test_holding_the_meeting_starts_the_certificate_clock(arranged: Any, coordinator: Any) -> None:
    meeting = arranged()
    with pytest.raises(ApplicationError, match="has not started yet"):
        services.meeting_mark_held(meeting=meeting, actor=coordinator)
    with time_machine.travel(london(2026, 4, 8, 13, 30), tick=True):
        services.meeting_mark_held(meeting=meeting, actor=coordinator)
        case = meeting.case
        case.refresh_from_db()
        deadlines = clock.case_clock(case).deadlines
    meeting.refresh_from_db()
    assert meeting.status == "held"
    assert case.stage == "after_meeting"
    assert case.mediation_concluded_on == dt.date(2026, 4, 8)
    certificate = deadlines.get("certificate_due")
    assert certificate is not None
    assert certificate.due == dt.date(2026, 4, 13)
    assert case.events.get(kind="meeting_held").title == (
        "Meeting held on Wednesday 8 April 2026: mediation concluded, certificate due by "
        "Monday 13 April 2026"
    )
    with pytest.raises(ConflictError):
        services.meeting_mark_held(meeting=meeting, actor=coordinator)


def test_a_meeting_held_without_concluding_goes_back_to_arranging(
    arranged: Any, coordinator: Any
) -> None:
    meeting = arranged()
    with time_machine.travel(london(2026, 4, 8, 13, 30), tick=True):
        services.meeting_mark_held(
            meeting=meeting, actor=coordinator, concluded=False, note="A second session."
        )
    case = meeting.case
    case.refresh_from_db()
    assert case.stage == "arranging_mediation"
    assert case.mediation_concluded_on is None
    assert case.meeting_on == dt.date(2026, 4, 8)  # the last meeting held
    assert selectors.can_arrange(case=case)


def test_people_added_later_are_sent_the_meeting_and_no_one_twice(
    arranged: Any, coordinator: Any
) -> None:
    meeting = arranged()
    case = meeting.case
    assert services.invitations_send(meeting=meeting, actor=coordinator) == []
    participant_add(
        case=case,
        party=None,
        name="Ola Nowak",
        role="interpreter",
        language="Polish",
        email="ola@interpreters.example",
        actor=coordinator,
    )
    rows = {r.recipient.name: r for r in selectors.meeting_invitees(meeting=meeting)}
    assert not rows["Ola Nowak"].up_to_date
    assert rows["Alex Morgan"].up_to_date
    assert rows["Chris Helper"].reason_not_invited == "No email address: tell them another way"
    sent = services.invitations_send(meeting=meeting, actor=coordinator)
    assert [i.email_address for i in sent] == ["ola@interpreters.example"]
    assert sent[0].kind == "invitation"
    (event,) = _attached_calendar(_emails("meeting_invitation")[-1]).events
    assert "ola@interpreters.example" in _attendees(event)


def test_the_allocated_mediator_is_invited_and_chairs(
    mediation_case: Any, plan: Any, coordinator: Any, staff: Callable[..., Any]
) -> None:
    from mediation.panel.services import mediator_allocate

    mediator = staff(
        "mediator", full_name="Morgan Reed", email="morgan.reed@test.example", profile=True
    )
    case = mediation_case()
    mediator_allocate(case=case, mediator=mediator, actor=coordinator)
    meeting = services.meeting_arrange(case=case, plan=plan(), actor=coordinator)
    invitation = Invitation.objects.get(meeting=meeting, user=mediator)
    assert invitation.email_address == "morgan.reed@test.example"
    mediator_email = next(e for e in _emails("meeting_invitation") if "morgan" in e.to[0])
    assert "You are the mediator for this mediation meeting." in mediator_email.body
    (event,) = _attached_calendar(mediator_email).events
    attendees = event.get("attendee")
    chair = next(a for a in attendees if str(a) == "mailto:morgan.reed@test.example")
    assert chair.params["ROLE"] == "CHAIR"
    body = next(e for e in _emails("meeting_invitation") if "family" in e.to[0]).body
    assert "- The mediator: Morgan Reed" in body


# ---------------------------------------------------------------------------------------------
# Disagreement resolution
# ---------------------------------------------------------------------------------------------


def test_a_disagreement_resolution_meeting_has_no_30_day_date_or_certificate(
    dr_case: Any, plan: Any, coordinator: Any
) -> None:
    case = dr_case()
    assert case.stage == "arranging_dr"
    meeting = services.meeting_arrange(case=case, plan=plan(), actor=coordinator)
    assert presenters.meeting_kind_label(case) == "disagreement resolution meeting"
    emails = _emails("meeting_invitation")
    assert sorted(e.to[0] for e in emails) == ["alex.morgan@family.example", "head@school.example"]
    for email in emails:
        assert email.subject.startswith("Disagreement resolution meeting on Wednesday 8 April")
        assert "travel costs" not in email.body
    assert presenters.case_meeting_panel(case=case).mediation_due is None
    with time_machine.travel(london(2026, 4, 8, 14), tick=True):
        services.meeting_mark_held(meeting=meeting, actor=coordinator)
        case.refresh_from_db()
        assert clock.case_clock(case).deadlines.get("certificate_due") is None
    assert case.stage == "after_meeting"
    assert case.mediation_concluded_on is None


# ---------------------------------------------------------------------------------------------
# The local authority cannot arrange mediation in time
# ---------------------------------------------------------------------------------------------


def test_the_la_cannot_arrange_in_time_puts_the_certificate_on_the_queue(
    mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    case = mediation_case()
    with time_machine.travel(london(2026, 4, 14, 11), tick=True):
        services.la_cannot_arrange_record(
            case=case,
            on=dt.date(2026, 4, 14),
            note="Email from the SEN team manager.",
            actor=coordinator,
        )
        case.refresh_from_db()
        certificate = clock.case_clock(case).deadlines.get("certificate_due")
        assert case.la_cannot_arrange_on == dt.date(2026, 4, 14)
        assert case.stage == "certificate_due"
        assert certificate is not None
        assert certificate.due == dt.date(2026, 4, 17)
        assert certificate.counted_from == "la_cannot_arrange"
        assert case.next_deadline_key == "certificate_due"
        assert case.events.get(kind="la_cannot_arrange").title == (
            "The local authority cannot arrange mediation within 30 days: certificate due by "
            "Friday 17 April 2026"
        )
        # The family may still mediate later.
        assert selectors.can_arrange(case=case)
        meeting = services.meeting_arrange(
            case=case, plan=plan(starts_at=london(2026, 5, 6)), actor=coordinator
        )
        assert meeting.is_arranged
        with pytest.raises(ConflictError, match="already recorded"):
            services.la_cannot_arrange_record(
                case=case, on=dt.date(2026, 4, 14), note="Again", actor=coordinator
            )


@pytest.mark.parametrize(
    ("on", "note", "message"),
    [
        (dt.date(2026, 3, 24), "By phone", "cannot be in the future"),
        (dt.date(2026, 3, 20), "By phone", "before it was told"),
        (TODAY, " ", "Say who at the local authority"),
    ],
)
def test_the_la_cannot_arrange_date_must_make_sense(
    mediation_case: Any, coordinator: Any, on: dt.date, note: str, message: str
) -> None:
    case = mediation_case()
    with pytest.raises(ApplicationError, match=message):
        services.la_cannot_arrange_record(case=case, on=on, note=note, actor=coordinator)
    case.refresh_from_db()
    assert case.la_cannot_arrange_on is None


def test_the_la_cannot_arrange_only_once_mediation_was_requested(
    dr_case: Any, coordinator: Any
) -> None:
    with pytest.raises(ApplicationError, match="told the family wants mediation first"):
        services.la_cannot_arrange_record(
            case=dr_case(), on=TODAY, note="By phone", actor=coordinator
        )


# ---------------------------------------------------------------------------------------------
# Selectors for the case page and the partner side
# ---------------------------------------------------------------------------------------------


def test_the_case_panel_shows_the_meeting_and_the_30_day_date(
    mediation_case: Any, plan: Any, coordinator: Any
) -> None:
    case = mediation_case()
    panel = presenters.case_meeting_panel(case=case)
    assert panel.meeting is None
    assert panel.can_arrange
    assert panel.can_record_la_cannot_arrange
    assert panel.mediation_due is not None
    assert panel.mediation_due.due == THIRTY_DAY_DATE
    assert panel.mediation_due_status is not None
    assert panel.mediation_due_status.label == "Due in 20 working days"
    meeting = services.meeting_arrange(case=case, plan=plan(), actor=coordinator)
    panel = presenters.case_meeting_panel(case=case)
    assert panel.meeting == meeting
    assert not panel.can_arrange
    assert panel.notice_due == dt.date(2026, 3, 30)
    assert panel.invitees_missing_email == 1
    assert panel.invitees_to_send == 0
    assert selectors.current_meeting(case=case) == meeting
    assert list(selectors.meetings_for_case(case=case)) == [meeting]


def test_a_party_sees_the_family_only_with_the_familys_permission(
    arranged: Any, coordinator: Any
) -> None:
    meeting = arranged()
    la = meeting.case.parties.get(kind="local_authority")
    view = presenters.meeting_for_party(case=meeting.case, party=la)
    assert view is not None
    assert view.starts_at == london(2026, 4, 8)
    assert view.duration == "3 hours"
    assert view.how_to_join == "By video. Join with this link: https://meet.example/abc-defg-hij"
    assert (
        dict(view.attending)["The family"]
        == "Parent or carer; Advocate or supporter (the family's choice)"
    )
    assert view.arrangements == ""
    share_consent_record(
        party=la, given=True, given_by="Alex Morgan", method="phone", actor=coordinator
    )
    la.refresh_from_db()
    view = presenters.meeting_for_party(case=meeting.case, party=la)
    assert view is not None
    assert dict(view.attending)["The family"].startswith("Alex Morgan, parent or carer")
    assert view.arrangements == "Interpreter: Polish."


def test_the_arrangements_are_filled_in_from_the_familys_adjustments(
    mediation_case: Any,
) -> None:
    case = mediation_case(needs_bsl=True, other_adjustments="Needs regular breaks.")
    assert presenters.arrangements_prefill(case=case) == (
        "Interpreter: Polish.\nBritish Sign Language interpreter.\n"
        "Large print versions of the papers.\nNeeds regular breaks."
    )


def test_the_staff_calendar_file_lists_everyone_and_a_cancelled_one_cancels(
    arranged: Any, coordinator: Any
) -> None:
    meeting = arranged()
    calendar = icalendar.Calendar.from_ical(meeting_ics(meeting=meeting))
    (event,) = calendar.events
    assert len(_attendees(event)) == 3
    assert [a.name for a in event.walk("VALARM")] == ["VALARM", "VALARM"]
    services.meeting_cancel(meeting=meeting, reason="Withdrawn", actor=coordinator)
    meeting.refresh_from_db()
    cancelled = icalendar.Calendar.from_ical(meeting_ics(meeting=meeting, method="CANCEL"))
    assert cancelled["METHOD"] == "CANCEL"
    assert cancelled.events[0].walk("VALARM") == []
    with pytest.raises(ValueError, match="Unsupported"):
        meeting_ics(meeting=meeting, method="PUBLISH")
    assert london(2026, 4, 8).tzinfo == LONDON


def test_the_reminder_command_sends_what_is_due(arranged: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    arranged()
    out = StringIO()
    call_command("send_meeting_reminders", stdout=out)
    assert out.getvalue().strip() == "0 reminders sent"
    with time_machine.travel(london(2026, 4, 2, 9, 30), tick=False):
        call_command("send_meeting_reminders", stdout=out)
    assert out.getvalue().splitlines()[-1] == "1 reminder sent"
    assert len(_emails("meeting_reminder")) == 3


def test_a_dr_meeting_warns_about_parties_that_have_not_agreed_to_take_part(
    dr_case: Any, plan: Any, coordinator: Any
) -> None:
    from mediation.cases.parties import dr_answer_record

    case = dr_case(agreed=False)
    school = case.parties.get(kind="school")
    check = services.meeting_plan_check(case=case, plan=plan())
    assert check.warnings == [
        f"{school.name} has not yet agreed to take part in disagreement resolution."
    ]
    # Disagreement resolution is voluntary for everyone: no meeting until each party agrees.
    with pytest.raises(ConflictError, match="agrees to take part before arranging"):
        services.meeting_arrange(case=case, plan=plan(), actor=coordinator)
    dr_answer_record(party=school, answer="declines", note="Prefers a review", actor=coordinator)
    check = services.meeting_plan_check(case=case, plan=plan())
    assert check.warnings == [
        f"{school.name} does not agree to take part in disagreement resolution."
    ]
    with pytest.raises(ConflictError, match="said no to disagreement resolution"):
        services.meeting_arrange(case=case, plan=plan(), actor=coordinator)
    dr_answer_record(party=school, answer="agrees", actor=coordinator)
    assert services.meeting_plan_check(case=case, plan=plan()).warnings == []
    assert services.meeting_arrange(case=case, plan=plan(), actor=coordinator).is_arranged
