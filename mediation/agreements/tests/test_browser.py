"""A mediator records a partial agreement with two items and sends it, in a real browser."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from mediation.agreements.tests.conftest import (
    FAMILY_EMAIL,
    LA_EMAIL,
    LA_SECOND_EMAIL,
    SCHOOL_EMAIL,
    SUPPORTER_EMAIL,
    pdf_text,
)
from mediation.notifications.models import OutboundEmail
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.browser


def test_a_mediator_records_a_partial_agreement_and_sends_it_to_every_party(
    live_server: Any,
    page: Any,
    screenshot: Callable[[str], Any],
    mediation_case: Any,
) -> None:
    case = mediation_case

    # Going straight to the outcome page asks the mediator to sign in first.
    page.goto(f"{live_server.url}/cases/{case.pk}/outcome/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill("helen@test.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # The outcome.
    expect(page.get_by_role("heading", level=1)).to_have_text("How did the mediation end?")
    page.get_by_label("Partial agreement").check()
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    screenshot("outcome")
    page.get_by_role("button", name="Save outcome").click()

    # The builder: the certificate after mediation is now due in 3 working days.
    expect(page.get_by_role("heading", level=1)).to_have_text("Written agreement")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Outcome recorded: partial agreement"
    )
    expect(page.locator(".govuk-summary-list").first).to_contain_text(
        "Due by Wednesday 1 April 2026"
    )

    # Item 1: the LA amends sections B and F (reg 44: 5 weeks).
    page.get_by_role("button", name="Add an item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an item to the agreement")
    page.get_by_label("The needs or provision in the plan (sections B and F)", exact=True).check()
    page.get_by_label("What was decided?").fill(
        "Speech and language therapy will be specified and quantified in section F."
    )
    page.get_by_label("What will be done?").fill(
        "Issue an amended EHC plan with weekly speech and language therapy"
    )
    page.get_by_label("Islington", exact=True).check()
    amend = page.get_by_label("Amend the needs or provision in the plan (sections B and F)")
    expect(amend).to_have_accessible_description("5 weeks (reg 44): by Friday 1 May 2026")
    amend.check()
    expect(
        page.get_by_label("The date the regulations set for this kind of action")
    ).to_be_checked()
    page.get_by_label("How will the parties know it has been done?").fill(
        "The SEN team emails Alex Morgan a copy of the amended plan"
    )
    screenshot("item-amend")
    page.get_by_role("button", name="Save item").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Item added to the agreement"
    )
    first = page.locator(".govuk-summary-card").filter(has_text="Item 1: Islington")
    expect(first).to_contain_text("Friday 1 May 2026")
    expect(first).to_contain_text("reg 44(2)(e)")

    # Item 2: the school arranges a visit: anything else (reg 42: 2 weeks), but on a date the
    # parties agreed in writing; first forgetting to say who agreed it.
    page.get_by_role("button", name="Add an item").click()
    page.get_by_label("Something else the parties agreed").check()
    page.get_by_label("What was decided?").fill(
        "An educational psychologist will observe Sam in class."
    )
    page.get_by_label("What will be done?").fill("Arrange an educational psychologist visit")
    page.get_by_label("Northbrook Primary School").check()
    page.get_by_label("Anything else that cannot be appealed to the Tribunal").check()
    page.get_by_label("A different date the parties agreed in writing").check()
    page.get_by_label("Day").fill("17")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("How will the parties know it has been done?").fill(
        "The school tells Alex Morgan the date of the visit"
    )
    page.get_by_role("button", name="Save item").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say who agreed the different date in writing, and when")
    screenshot("item-error")
    summary.get_by_role("link").first.click()
    page.get_by_label("Why is the date different?").fill(
        "Agreed in writing by Priya Patel (Northbrook) and Alex Morgan at the meeting on "
        "27 March 2026: the psychologist is away until then."
    )
    page.get_by_role("button", name="Save item").click()
    second = page.locator(".govuk-summary-card").filter(
        has_text="Item 2: Northbrook Primary School"
    )
    expect(second).to_contain_text("Friday 17 April 2026")
    expect(second).to_contain_text("A different date the parties agreed in writing (reg 42)")

    # What is still in dispute.
    page.get_by_role("link", name="Add the matters still in dispute").click()
    page.get_by_label("Which matters are still in dispute?").fill(
        "The school named in section I of the plan."
    )
    page.get_by_role("button", name="Save").click()
    screenshot("builder")

    # Check, then finalise and send.
    page.get_by_role("button", name="Check and send the agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the agreement before you send it"
    )
    expect(page.get_by_text("Sam (SM)")).to_be_visible()
    expect(page.get_by_text(f"{LA_EMAIL}, {LA_SECOND_EMAIL}")).to_be_visible()
    screenshot("check")
    page.get_by_role("button", name="Finalise and send the agreement").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Agreement finalised and sent to 3 parties"
    )
    table = page.get_by_role(
        "table", name="Each party's copy of the agreement and its confirmation"
    )
    expect(table).to_contain_text(SCHOOL_EMAIL)
    screenshot("final")

    # The PDF, downloaded as the signed-in mediator.
    href = page.get_by_role("link", name="Download the agreement (PDF)").get_attribute("href")
    download = page.request.get(live_server.url + href)
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    text = pdf_text(download.body())
    for expected in (
        case.reference,
        "Partial agreement",
        "Issue an amended EHC plan with weekly speech and language therapy",
        "Friday 1 May 2026",
        "Arrange an educational psychologist visit",
        "Friday 17 April 2026",
        "The regulations would set Friday 10 April 2026",
        "The school named in section I of the plan.",
    ):
        assert expected in text, expected

    # Every party's people were sent it.
    sent = {a for e in OutboundEmail.objects.filter(template="agreement_sent") for a in e.to}
    assert sent == {FAMILY_EMAIL, SUPPORTER_EMAIL, LA_EMAIL, LA_SECOND_EMAIL, SCHOOL_EMAIL}

    # The family confirms by email.
    page.get_by_role("link", name="Record confirmation from The family").click()
    expect(page.get_by_label("Who confirmed it?")).to_have_value("Alex Morgan")
    page.get_by_label("By email").check()
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Confirmation from The family recorded"
    )
    expect(table.get_by_role("row", name="The family")).to_contain_text("Confirmed")
