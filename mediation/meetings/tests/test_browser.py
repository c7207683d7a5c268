"""A coordinator arranges a video meeting in a real browser, downloads and checks its calendar file,
then moves it with a reason and sees the history."""

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

import icalendar
import pytest
from playwright.sync_api import expect

from mediation.meetings.models import Meeting
from mediation.meetings.tests.conftest import london
from mediation.notifications.models import OutboundEmail
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.browser


def test_coordinator_arranges_a_video_meeting_then_moves_it(
    live_server: Any,
    page: Any,
    screenshot: Callable[[str], Any],
    coordinator: Any,
    mediation_case: Callable[..., Any],
) -> None:
    case = mediation_case()

    # Going straight to the page asks for sign-in first, then comes back.
    page.goto(f"{live_server.url}/cases/{case.pk}/meeting/arrange/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill("priya@test.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Arrange the meeting")
    expect(page.locator("#thirty-day-date")).to_contain_text(
        "30-day date: Wednesday 22 April 2026."
    )
    # The family's adjustments are carried into the arrangements.
    expect(page.get_by_label("Adjustments and arrangements")).to_have_value(
        "Interpreter: Polish.\nLarge print versions of the papers."
    )
    expect(page.get_by_label("How long, in minutes?")).to_have_value("180")

    page.get_by_role("radio", name="By video").check()
    page.get_by_label("Video call link").fill("https://meet.example/abc-defg-hij")
    meeting_date = page.get_by_role("group", name="Date of the meeting")
    meeting_date.get_by_label("Day").fill("8")
    meeting_date.get_by_label("Month").fill("4")
    meeting_date.get_by_label("Year").fill("2026")
    page.get_by_label("Start time").fill("10:00")
    screenshot("arrange")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the meeting before sending the invitations"
    )
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Wednesday 8 April 2026, 10am to 1pm")
    expect(summary).to_contain_text("https://meet.example/abc-defg-hij")
    expect(summary).to_contain_text("10 working days before the meeting")
    recipients = page.locator("#recipients")
    expect(recipients).to_contain_text("jo.bloggs@islington.example")
    expect(recipients).to_contain_text("Chris Helper")
    screenshot("check")
    page.get_by_role("button", name="Arrange meeting and send invitations").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Meeting arranged for Wednesday 8 April 2026, 10am to 1pm")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mediation meeting: Wednesday 8 April 2026, 10am to 1pm"
    )
    invited = page.locator("#invited + table")
    expect(invited).to_contain_text("Alex Morgan")
    expect(invited).to_contain_text("Tell them another way")
    screenshot("meeting")
    meeting = Meeting.objects.get(case=case)
    assert OutboundEmail.objects.filter(template="meeting_invitation").count() == 3

    # Download the calendar file with the browser's own session, and read it back.
    href = page.get_by_role("link", name="Download the calendar invitation (.ics)").get_attribute(
        "href"
    )
    download = page.request.get(live_server.url + href)
    assert download.status == 200
    assert download.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(download.body())
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.events
    assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert event["SEQUENCE"] == 0
    assert isinstance(event.start, dt.datetime)
    assert event.start == london(2026, 4, 8, 10)
    assert event.end == london(2026, 4, 8, 13)
    assert str(event.start.tzinfo) == "Europe/London"
    assert str(event["LOCATION"]) == "https://meet.example/abc-defg-hij"
    assert case.reference in str(event["DESCRIPTION"])
    attendees = {str(a) for a in cast("list[icalendar.vCalAddress]", event["ATTENDEE"])}
    assert attendees == {
        "mailto:alex.morgan@family.example",
        "mailto:jo.bloggs@islington.example",
        "mailto:senco@school.example",
    }

    # Move it, with a reason.
    page.get_by_role("button", name="Change the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the meeting")
    meeting_date = page.get_by_role("group", name="Date of the meeting")
    meeting_date.get_by_label("Day").fill("9")
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Why is the meeting changing?").fill(
        "The local authority's officer is on leave on 8 April."
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the change before telling everyone"
    )
    expect(page.locator(".govuk-summary-list")).to_contain_text("Thursday 9 April 2026, 2pm to 5pm")
    page.get_by_role("button", name="Change meeting and tell everyone").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Meeting moved to Thursday 9 April 2026, 2pm to 5pm"
    )
    history = page.locator("#changes + table")
    expect(history).to_contain_text("8 April 2026 at 10am")
    expect(history).to_contain_text("9 April 2026 at 2pm")
    expect(history).to_contain_text("The local authority's officer is on leave on 8 April.")
    expect(history).to_contain_text("Priya Shah")
    screenshot("moved")

    moved = icalendar.Calendar.from_ical(page.request.get(live_server.url + href).body())
    assert moved.events[0]["SEQUENCE"] == 1
    assert moved.events[0].start == london(2026, 4, 9, 14)
    assert OutboundEmail.objects.filter(template="meeting_changed").count() == 3


def test_coordinator_cancels_a_meeting_and_records_the_la_cannot_arrange_in_time(
    live_server: Any,
    page: Any,
    screenshot: Callable[[str], Any],
    coordinator: Any,
    arranged: Callable[..., Any],
) -> None:
    meeting = arranged()
    case = meeting.case
    page.goto(f"{live_server.url}/cases/meetings/{meeting.pk}/held/")
    page.get_by_label("Email address").fill("priya@test.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Too early to record it as held: the page says why.
    expect(page.get_by_role("heading", level=1)).to_have_text("Record that the meeting took place")
    page.get_by_label("Yes, it finished at this meeting").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The meeting has not started yet")

    page.get_by_role("link", name="Back to the meeting").click()
    page.get_by_role("link", name="Cancel the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel the meeting")
    page.get_by_role("button", name="Cancel meeting").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the meeting is cancelled")
    page.get_by_label("Why is the meeting cancelled?").fill("The family asked to wait.")
    screenshot("cancel")
    page.get_by_role("button", name="Cancel meeting").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Meeting cancelled. Everyone invited has been told"
    )
    assert OutboundEmail.objects.filter(template="meeting_cancelled").count() == 3

    page.goto(f"{live_server.url}/cases/{case.pk}/la-cannot-arrange/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The local authority cannot arrange mediation in time"
    )
    page.get_by_label("Who said so, and how").fill("Email from Jo Bloggs, SEN team manager")
    screenshot("la-cannot-arrange")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Recorded. The family's certificate is due by Thursday 26 March 2026"
    )
    case.refresh_from_db()
    assert case.stage == "certificate_due"
