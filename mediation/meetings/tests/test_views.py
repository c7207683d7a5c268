"""The meeting's pages: who may see and do what, and each page doing its job over HTTP."""

import datetime as dt
import uuid
from typing import Any

import icalendar
import pytest
import time_machine
from django.urls import reverse

from mediation.meetings.models import Meeting, MeetingChange
from mediation.meetings.tests.conftest import london

pytestmark = pytest.mark.django_db

CASE_PAGES = ["meetings:arrange", "meetings:arrange-check", "meetings:la-cannot-arrange"]
MEETING_PAGES = [
    "meetings:detail",
    "meetings:ics",
    "meetings:reschedule",
    "meetings:reschedule-check",
    "meetings:cancel",
    "meetings:held",
]
MANAGE_PAGES = [
    "meetings:reschedule",
    "meetings:reschedule-check",
    "meetings:cancel",
    "meetings:held",
]


def _case_url(name: str, case: Any) -> str:
    return reverse(name, kwargs={"case_id": case.pk})


def _meeting_url(name: str, meeting: Any) -> str:
    return reverse(name, kwargs={"meeting_id": meeting.pk})


def _form(**overrides: Any) -> dict[str, str]:
    data = {
        "format": "video",
        "video_link": "https://meet.example/abc-defg-hij",
        "day-day": "8",
        "day-month": "4",
        "day-year": "2026",
        "time": "10:00",
        "duration_minutes": "180",
        "arrangements": "Interpreter: Polish.",
        "notice_given_on-day": "23",
        "notice_given_on-month": "3",
        "notice_given_on-year": "2026",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------------------------------------
# 302 / 403 / 404
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASE_PAGES)
def test_case_pages_send_anonymous_visitors_to_sign_in(
    client: Any, mediation_case: Any, name: str
) -> None:
    response = client.get(_case_url(name, mediation_case(with_people=False)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", [*MEETING_PAGES, "meetings:invite"])
def test_meeting_pages_send_anonymous_visitors_to_sign_in(
    client: Any, arranged: Any, name: str
) -> None:
    url = _meeting_url(name, arranged())
    response = client.post(url) if name == "meetings:invite" else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("role", ["la_officer", "icb_officer", "school_contact"])
def test_partners_of_other_organisations_are_refused_everywhere(
    client_as: Any, arranged: Any, role: str
) -> None:
    meeting = arranged()
    client = client_as(role)
    for name in CASE_PAGES:
        assert client.get(_case_url(name, meeting.case)).status_code == 403, name
    for name in MEETING_PAGES:
        assert client.get(_meeting_url(name, meeting)).status_code == 403, name
    assert client.post(_meeting_url("meetings:invite", meeting)).status_code == 403


def test_even_the_cases_own_la_officer_uses_the_partner_side_not_these_pages(
    client_as: Any, make_user: Any, arranged: Any, served_la: Any
) -> None:
    meeting = arranged()
    client = client_as(make_user("la_officer", organisation=served_la))
    for name in MEETING_PAGES:
        assert client.get(_meeting_url(name, meeting)).status_code == 403, name
    assert client.get(_case_url("meetings:la-cannot-arrange", meeting.case)).status_code == 403


def test_staff_of_another_service_are_refused(client_as: Any, arranged: Any) -> None:
    meeting = arranged()
    client = client_as("coordinator")  # works in no service of this case
    for name in CASE_PAGES:
        assert client.get(_case_url(name, meeting.case)).status_code == 403, name
    for name in MEETING_PAGES:
        assert client.get(_meeting_url(name, meeting)).status_code == 403, name
    assert client.post(_meeting_url("meetings:invite", meeting)).status_code == 403


def test_an_adviser_sees_the_meeting_but_cannot_change_it(
    client_as: Any, staff: Any, arranged: Any
) -> None:
    meeting = arranged()
    client = client_as(staff("mediation_adviser"))
    assert client.get(_meeting_url("meetings:detail", meeting)).status_code == 200
    assert client.get(_meeting_url("meetings:ics", meeting)).status_code == 200
    for name in MANAGE_PAGES:
        assert client.get(_meeting_url(name, meeting)).status_code == 403, name
    assert client.post(_meeting_url("meetings:invite", meeting)).status_code == 403
    # Advisers hear from the LA that it cannot arrange mediation in time.
    assert client.get(_case_url("meetings:la-cannot-arrange", meeting.case)).status_code == 200


@pytest.mark.parametrize("role", ["mediator", "service_manager"])
def test_mediators_and_managers_of_the_service_manage_the_meeting(
    client_as: Any, staff: Any, arranged: Any, role: str
) -> None:
    meeting = arranged()
    client = client_as(staff(role))
    for name in ["meetings:reschedule", "meetings:cancel", "meetings:held", "meetings:detail"]:
        assert client.get(_meeting_url(name, meeting)).status_code == 200, name


@pytest.mark.parametrize("name", CASE_PAGES)
def test_case_pages_404_for_an_unknown_case(client_as: Any, staff: Any, name: str) -> None:
    url = reverse(name, kwargs={"case_id": uuid.uuid4()})
    assert client_as(staff("coordinator")).get(url).status_code == 404


@pytest.mark.parametrize("name", [*MEETING_PAGES, "meetings:invite"])
def test_meeting_pages_404_for_an_unknown_meeting(client_as: Any, staff: Any, name: str) -> None:
    url = reverse(name, kwargs={"meeting_id": uuid.uuid4()})
    client = client_as(staff("coordinator"))
    response = client.post(url) if name == "meetings:invite" else client.get(url)
    assert response.status_code == 404


# ---------------------------------------------------------------------------------------------
# Arranging over HTTP
# ---------------------------------------------------------------------------------------------


def test_arranging_asks_then_checks_then_sends(
    client_as: Any, coordinator: Any, mediation_case: Any
) -> None:
    case = mediation_case()
    client = client_as(coordinator)
    page = client.get(_case_url("meetings:arrange", case))
    assert page.status_code == 200
    html = page.content.decode()
    assert "30-day date: Wednesday 22 April 2026." in html
    assert "Interpreter: Polish.\nLarge print versions of the papers." in html  # carried in
    assert 'value="180"' in html

    response = client.post(_case_url("meetings:arrange", case), _form())
    assert response.status_code == 302
    assert response["Location"] == _case_url("meetings:arrange-check", case)
    check = client.get(response["Location"])
    text = check.content.decode()
    assert "Check the meeting before sending the invitations" in text
    assert "Wednesday 8 April 2026, 10am to 1pm" in text
    assert "10 working days before the meeting" in text
    assert "jo.bloggs@islington.example" in text
    assert "No email address: tell them another way" in text
    assert not Meeting.objects.exists()  # nothing is saved until confirmed

    done = client.post(_case_url("meetings:arrange-check", case))
    meeting = Meeting.objects.get(case=case)
    assert done.status_code == 302
    assert done["Location"] == _meeting_url("meetings:detail", meeting)
    detail = client.get(done["Location"]).content.decode()
    assert "Meeting arranged for Wednesday 8 April 2026, 10am to 1pm" in detail
    assert "Who is invited" in detail
    # The check page does not arrange it twice (a second click, the back button).
    assert client.post(_case_url("meetings:arrange-check", case)).status_code == 302
    assert Meeting.objects.filter(case=case).count() == 1
    assert client.get(_case_url("meetings:arrange", case))["Location"] == _meeting_url(
        "meetings:detail", meeting
    )


def test_the_arrange_page_explains_what_is_wrong(
    client_as: Any, coordinator: Any, mediation_case: Any
) -> None:
    case = mediation_case()
    client = client_as(coordinator)
    response = client.post(
        _case_url("meetings:arrange", case),
        _form(format="in_person", time="25:00", **{"day-day": "", "duration_minutes": "10"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the name of the venue" in html
    assert "The date of the meeting must include a day" in html
    assert "Enter a real time, like 09:30 or 14:00" in html
    assert "The meeting must be at least 30 minutes long" in html
    assert "<title>Error: " in html


def test_short_notice_is_refused_until_the_familys_agreement_is_recorded(
    client_as: Any, coordinator: Any, mediation_case: Any
) -> None:
    case = mediation_case()
    client = client_as(coordinator)
    short = _form(**{"day-day": "25", "day-month": "3"})
    html = client.post(_case_url("meetings:arrange", case), short).content.decode()
    assert "so by Wednesday 18 March 2026" in html
    response = client.post(
        _case_url("meetings:arrange", case),
        {**short, "short_notice": "agreed", "short_notice_note": "Alex agreed by phone today."},
    )
    assert response.status_code == 302
    text = client.get(response["Location"]).content.decode()
    assert "the family agreed to shorter notice (Alex agreed by phone today.)" in text


def test_a_late_meeting_shows_the_30_day_warning_and_the_certificate_path(
    client_as: Any, coordinator: Any, mediation_case: Any
) -> None:
    case = mediation_case()
    client = client_as(coordinator)
    client.post(_case_url("meetings:arrange", case), _form(**{"day-day": "29"}))
    html = client.get(_case_url("meetings:arrange-check", case)).content.decode()
    assert "This is after the 30-day date: mediation should take place by Wednesday 22 April" in (
        html
    )
    assert _case_url("meetings:la-cannot-arrange", case) in html


def test_a_case_not_ready_for_a_meeting_says_so(
    client_as: Any, coordinator: Any, make_case: Any
) -> None:
    response = client_as(coordinator).get(_case_url("meetings:arrange", make_case()))
    assert response.status_code == 400
    assert "once the family has asked for mediation" in response.content.decode()


def test_the_check_page_without_answers_goes_back_to_the_question(
    client_as: Any, coordinator: Any, mediation_case: Any
) -> None:
    case = mediation_case()
    response = client_as(coordinator).get(_case_url("meetings:arrange-check", case))
    assert response["Location"] == _case_url("meetings:arrange", case)


# ---------------------------------------------------------------------------------------------
# The meeting page, its calendar file, changing, cancelling, holding
# ---------------------------------------------------------------------------------------------


def test_the_meeting_page_shows_when_where_who_and_the_30_day_date(
    client_as: Any, coordinator: Any, arranged: Any
) -> None:
    meeting = arranged()
    html = client_as(coordinator).get(_meeting_url("meetings:detail", meeting)).content.decode()
    assert "Mediation meeting: Wednesday 8 April 2026, 10am to 1pm" in html
    assert "https://meet.example/abc-defg-hij" in html
    assert "30-day date: Wednesday 22 April 2026." in html
    assert "Monday 23 March 2026: 10 working days before the meeting." in html
    assert "Jo Bloggs" in html
    assert "Tell them another way" in html  # the supporter has no email address
    assert "2 working days before: 2 April 2026 at 9am, scheduled" in html
    assert "The meeting has not been changed." in html


def test_the_calendar_file_downloads_for_staff(
    client_as: Any, coordinator: Any, arranged: Any
) -> None:
    meeting = arranged()
    response = client_as(coordinator).get(_meeting_url("meetings:ics", meeting))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{meeting.case.reference}-meeting.ics"'
    )
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "REQUEST"
    assert calendar.events[0].start == london(2026, 4, 8)


def test_changing_the_meeting_keeps_the_history(
    client_as: Any, coordinator: Any, arranged: Any
) -> None:
    meeting = arranged()
    client = client_as(coordinator)
    page = client.get(_meeting_url("meetings:reschedule", meeting)).content.decode()
    assert 'value="https://meet.example/abc-defg-hij"' in page
    missing_reason = client.post(
        _meeting_url("meetings:reschedule", meeting), _form(**{"day-day": "9"})
    )
    assert "Say why the meeting is changing" in missing_reason.content.decode()
    response = client.post(
        _meeting_url("meetings:reschedule", meeting),
        _form(**{"day-day": "9", "time": "14:00", "reason": "The officer is on leave."}),
    )
    assert response["Location"] == _meeting_url("meetings:reschedule-check", meeting)
    check = client.get(response["Location"]).content.decode()
    assert "The officer is on leave." in check
    assert "Thursday 9 April 2026, 2pm to 5pm" in check
    done = client.post(_meeting_url("meetings:reschedule-check", meeting))
    assert done["Location"] == _meeting_url("meetings:detail", meeting)
    change = MeetingChange.objects.get(meeting=meeting)
    assert change.to_starts_at == london(2026, 4, 9, 14)
    html = client.get(done["Location"]).content.decode()
    assert "Meeting moved to Thursday 9 April 2026, 2pm to 5pm" in html
    assert "The officer is on leave." in html
    assert "8 April 2026 at 10am" in html


def test_cancelling_the_meeting(client_as: Any, coordinator: Any, arranged: Any) -> None:
    meeting = arranged()
    client = client_as(coordinator)
    assert "Why is the meeting cancelled?" in (
        client.get(_meeting_url("meetings:cancel", meeting)).content.decode()
    )
    assert "Say why the meeting is cancelled" in (
        client.post(_meeting_url("meetings:cancel", meeting), {"reason": ""}).content.decode()
    )
    response = client.post(_meeting_url("meetings:cancel", meeting), {"reason": "Family unwell"})
    assert response["Location"] == reverse("casework:detail", kwargs={"case_id": meeting.case.pk})
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    # A cancelled meeting cannot be changed again; its page says what happened.
    again = client.get(_meeting_url("meetings:reschedule", meeting))
    assert again["Location"] == _meeting_url("meetings:detail", meeting)
    html = client.get(_meeting_url("meetings:detail", meeting)).content.decode()
    assert "Reason: Family unwell" in html
    ics = client.get(_meeting_url("meetings:ics", meeting))
    assert icalendar.Calendar.from_ical(ics.content)["METHOD"] == "CANCEL"


def test_recording_the_meeting_held(client_as: Any, coordinator: Any, arranged: Any) -> None:
    meeting = arranged()
    client = client_as(coordinator)
    early = client.post(_meeting_url("meetings:held", meeting), {"concluded": "yes"})
    assert "The meeting has not started yet" in early.content.decode()
    with time_machine.travel(london(2026, 4, 8, 14), tick=True):
        client = client_as(coordinator)  # a new day, a new sign-in
        detail = client.get(_meeting_url("meetings:detail", meeting)).content.decode()
        assert "Record that the meeting took place" in detail
        response = client.post(_meeting_url("meetings:held", meeting), {"concluded": "yes"})
    assert response.status_code == 302
    meeting.case.refresh_from_db()
    assert meeting.case.mediation_concluded_on == dt.date(2026, 4, 8)


def test_sending_the_meeting_to_someone_added_later(
    client_as: Any, coordinator: Any, arranged: Any
) -> None:
    from mediation.cases.parties import participant_add

    meeting = arranged()
    client = client_as(coordinator)
    response = client.post(_meeting_url("meetings:invite", meeting), follow=True)
    assert "Everyone with an email address already has the meeting" in response.content.decode()
    participant_add(
        case=meeting.case,
        party=None,
        name="Ola Nowak",
        role="interpreter",
        language="Polish",
        email="ola@interpreters.example",
        actor=coordinator,
    )
    html = client.get(_meeting_url("meetings:detail", meeting)).content.decode()
    assert "Send the meeting to 1 person who does not have it" in html
    response = client.post(_meeting_url("meetings:invite", meeting), follow=True)
    assert "Sent to Ola Nowak" in response.content.decode()
    assert client.get(_meeting_url("meetings:invite", meeting)).status_code == 405


def test_recording_that_the_la_cannot_arrange_in_time(
    client_as: Any, coordinator: Any, mediation_case: Any
) -> None:
    case = mediation_case()
    client = client_as(coordinator)
    url = _case_url("meetings:la-cannot-arrange", case)
    page = client.get(url).content.decode()
    assert "The local authority cannot arrange mediation in time" in page
    assert "30-day date: Wednesday 22 April 2026." in page
    missing = client.post(
        url, {"said_on-day": "23", "said_on-month": "3", "said_on-year": "2026", "note": ""}
    )
    assert "Say who at the local authority said so, and how" in missing.content.decode()
    response = client.post(
        url,
        {
            "said_on-day": "23",
            "said_on-month": "3",
            "said_on-year": "2026",
            "note": "Email from Jo Bloggs",
        },
        follow=True,
    )
    assert "The family&#39;s certificate is due by Thursday 26 March 2026" in (
        response.content.decode()
    )
    case.refresh_from_db()
    assert case.stage == "certificate_due"
    again = client.post(
        url,
        {
            "said_on-day": "23",
            "said_on-month": "3",
            "said_on-year": "2026",
            "note": "Again",
        },
    )
    assert "This is already recorded" in again.content.decode()


def test_the_case_page_panel_renders_for_the_lead_to_include(
    rf: Any, coordinator: Any, mediation_case: Any, plan: Any
) -> None:
    from django.template.loader import render_to_string

    from mediation.meetings import presenters, services

    case = mediation_case()
    request = rf.get("/")
    request.user = coordinator

    def panel() -> str:
        context = {"case": case, "meeting_panel": presenters.case_meeting_panel(case=case)}
        return render_to_string("meetings/_case_panel.html", context, request=request)

    before = panel()
    assert "30-day date: <strong>Wednesday 22 April 2026</strong> (due in 20 working days)." in (
        before
    )
    assert "No meeting arranged yet." in before
    assert reverse("meetings:arrange", kwargs={"case_id": case.pk}) in before
    assert reverse("meetings:la-cannot-arrange", kwargs={"case_id": case.pk}) in before
    meeting = services.meeting_arrange(case=case, plan=plan(), actor=coordinator)
    after = panel()
    assert "Wednesday 8 April 2026 at 10am" in after
    assert "By video: https://meet.example/abc-defg-hij" in after
    assert "1 person has no email address: tell them another way." in after
    assert _meeting_url("meetings:detail", meeting) in after
    assert reverse("meetings:arrange", kwargs={"case_id": case.pk}) not in after
