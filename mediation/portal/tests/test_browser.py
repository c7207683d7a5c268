"""An LA officer signs in, sees only Islington's case, confirms attendance and the decision maker,
and sends a case summary for all parties; the family's "mediator only" summary stays closed."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from mediation.preparation.models import CaseSummary
from mediation.preparation.tests.conftest import (
    LA_OFFICER_EMAIL,
    MediationCase,
    pdf_bytes,
)
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.browser


def test_an_la_officer_prepares_for_mediation_on_the_partner_side(
    live_server: Any,
    page: Any,
    screenshot: Callable[[str], Any],
    mediation_case: MediationCase,
    other_case: Any,
    submit: Callable[..., Any],
    share_with: Callable[..., Any],
    tmp_path: Any,
) -> None:
    m = mediation_case
    share_with(m.la)
    family_shared = submit(m.case, m.family, "shared", text="Sam needs help with speech.")
    family_private = submit(m.case, m.family, "mediator_only", text="What we could accept.")

    # The partner side asks for sign-in first, then comes back.
    page.goto(f"{live_server.url}/partners/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill(LA_OFFICER_EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your cases")
    table = page.locator("table")
    expect(table).to_contain_text(m.case.reference)
    expect(table).to_contain_text("Confirm you will attend")
    expect(page.locator("main")).not_to_contain_text(other_case.reference)
    expect(page.get_by_role("link", name="Your cases")).to_be_visible()  # the service nav
    screenshot("home")

    page.get_by_role("link", name=m.case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {m.case.reference}")
    expect(page.locator("main")).to_contain_text("Sam Morgan")  # the family shares with Islington
    expect(page.get_by_role("link", name="Case summary from The family")).to_be_visible()
    screenshot("case")

    # Attendance.
    page.get_by_role("button", name="Confirm you will attend").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm you will attend")
    page.get_by_role("button", name="Confirm we will attend").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "You have confirmed that Islington will attend"
    )
    expect(page.locator("main")).to_contain_text("Attendance confirmed")

    # The officer with authority to decide: the officer themselves.
    page.get_by_role("link", name="Add yourself").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add someone who will attend")
    expect(page.get_by_label("Full name")).to_have_value("Jo Smith")
    expect(page.get_by_label("Email address")).to_have_value(LA_OFFICER_EMAIL)
    page.get_by_label("Job title").fill("SEN team manager")
    page.get_by_label("Yes").check()
    screenshot("add-decision-maker")
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Jo Smith added, who can make decisions"
    )
    people = page.get_by_role("table", name="People attending for Islington")
    expect(people).to_contain_text("SEN team manager")
    expect(people).to_contain_text("Confirmed")
    expect(page.locator("main")).not_to_contain_text("must send someone with the authority")

    # Islington's case summary, shared with all parties, with a PDF.
    page.get_by_role("button", name="Send your case summary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send your case summary")
    page.get_by_label("Your case summary", exact=True).fill(
        "Islington will consider a new assessment of Sam's speech and language needs."
    )
    attachment = tmp_path / "Islington summary.pdf"
    attachment.write_bytes(pdf_bytes("Islington's case summary"))
    page.get_by_label("Upload a file").set_input_files(str(attachment))
    page.get_by_label("Shared with all parties").check()
    screenshot("summary")
    page.get_by_role("button", name="Send case summary").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your case summary has been sent (shared with all parties)"
    )
    expect(page.locator("main")).to_contain_text("Nothing for now")

    summary = CaseSummary.objects.get(party=m.la)
    assert summary.visibility == "shared"
    assert summary.file_name == "Islington summary.pdf"
    assert summary.created_by == m.la_officer

    # The family's shared summary opens; its "mediator only" one does not, even by its address.
    page.get_by_role("link", name="Case summary from The family").click()
    expect(page.locator("main")).to_contain_text("Sam needs help with speech.")
    private_url = f"{live_server.url}/cases/summaries/{family_private.pk}/"
    assert page.request.get(private_url).status == 403
    assert page.request.get(private_url + "file/").status == 403
    page.goto(private_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    expect(page.locator("main")).not_to_contain_text("What we could accept")
    # Another organisation's case is closed to Islington too.
    assert page.request.get(f"{live_server.url}/partners/cases/{other_case.pk}/").status == 403
    assert family_shared.pk != family_private.pk


def _sign_in(page: Any, email: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_la_officer_sees_the_meeting_and_adds_it_to_their_calendar(
    live_server: Any,
    page: Any,
    screenshot: Callable[[str], Any],
    arranging: MediationCase,
    arrange_meeting: Callable[..., Any],
) -> None:
    import icalendar

    m = arranging
    meeting = arrange_meeting()
    page.goto(f"{live_server.url}/partners/cases/{m.case.pk}/")
    _sign_in(page, LA_OFFICER_EMAIL)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {m.case.reference}")
    meeting_list = page.locator("#meeting + .govuk-summary-list")
    expect(meeting_list).to_contain_text("https://meet.example/abc-123")
    expect(meeting_list).to_contain_text("10am to 1pm")
    screenshot("meeting")
    href = page.get_by_role(
        "link", name="Add the meeting to your calendar (.ics file)"
    ).get_attribute("href")
    download = page.request.get(live_server.url + href)
    assert download.status == 200
    [event] = icalendar.Calendar.from_ical(download.body()).walk("VEVENT")
    assert event.decoded("dtstart") == meeting.starts_at
    assert str(event["uid"])


def test_an_la_officer_reads_its_actions_and_confirms_the_agreement(
    live_server: Any,
    page: Any,
    screenshot: Callable[[str], Any],
    final_agreement: Any,
    arranging: MediationCase,
) -> None:
    from mediation.agreements.models import Confirmation

    m = arranging
    page.goto(f"{live_server.url}/partners/")
    _sign_in(page, LA_OFFICER_EMAIL)
    expect(page.locator("table")).to_contain_text("Confirm the agreement")
    page.get_by_role("link", name=m.case.reference).click()
    actions = page.get_by_role("table", name="What Islington agreed to do, and by when")
    expect(actions).to_contain_text("Issue an amended EHC plan")
    expect(actions).to_contain_text("5 weeks (reg 44) from the agreement date")
    expect(actions).not_to_contain_text("educational psychologist")
    screenshot("agreement")
    href = page.get_by_role("link", name="Read the agreement (PDF)").get_attribute("href")
    pdf = page.request.get(live_server.url + href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"

    page.get_by_role("button", name="Confirm the agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm the written agreement")
    expect(page.get_by_label("Your name")).to_have_value("Jo Smith")
    page.get_by_label("I confirm the written agreement records what was agreed").check()
    page.get_by_role("button", name="Confirm agreement").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "You have confirmed the agreement"
    )
    expect(page.locator("main")).to_contain_text("Confirmed by Jo Smith")
    assert Confirmation.objects.get(party=m.la).method == "online"
