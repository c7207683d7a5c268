"""The public tools in a real browser: key dates, the calendar file, the certificate checker.

Every page loaded here is audited with axe-core by the `page` fixture.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def fill_date(page: Any, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_key_dates_from_the_start_page(live_server: Any, page: Any, screenshot: Any) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Work out your key dates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work out your key dates")
    assert page.title().startswith("Work out your key dates - ")
    screenshot("key-dates-question")
    fill_date(page, "Date on the decision letter", "1", "10", "2025")
    fill_date(page, "Date on the mediation certificate (optional)", "29", "11", "2025")
    page.get_by_role("button", name="Work out my dates").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your key dates")
    assert "/key-dates/your-dates/?decision=2025-10-01&certificate=2025-11-29" in page.url
    expect(page.locator("#appeal-date")).to_have_text("Friday 2 January 2026")
    expect(page.locator("#contact-date")).to_have_text("Monday 1 December 2025")
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "The Tribunal must receive your appeal by 5pm on Friday 2 January 2026"
    )
    expect(page.get_by_text("HESC Rules 2008, r.20(1)(c)(ii), with r.12")).to_be_visible()
    screenshot("key-dates-result")

    # Change an answer: the question comes back filled in.
    page.get_by_role("link", name="Change date on the mediation certificate").click()
    certificate = page.get_by_role("group", name="Date on the mediation certificate (optional)")
    expect(certificate.get_by_label("Day")).to_have_value("29")
    expect(certificate.get_by_label("Month")).to_have_value("11")
    certificate.get_by_label("Day").fill("")
    certificate.get_by_label("Month").fill("")
    certificate.get_by_label("Year").fill("")
    fill_date(page, "Date on the decision letter", "10", "6", "2026")
    page.get_by_role("button", name="Work out my dates").click()
    expect(page.locator("#appeal-date")).to_have_text("Tuesday 1 September 2026")
    expect(page.locator("#appeal-heading")).to_be_visible()
    expect(page.get_by_text("Rule: HESC Rules 2008, r.20(1)(c)(i), with r.12")).to_be_visible()


def test_bad_dates_show_the_govuk_error_summary(
    live_server: Any, page: Any, screenshot: Any
) -> None:
    page.goto(live_server.url + "/key-dates/")
    fill_date(page, "Date on the decision letter", "30", "2", "2025")
    fill_date(page, "Date on the mediation certificate (optional)", "29", "11", "25")
    page.get_by_role("button", name="Work out my dates").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus there for screen readers
    assert page.title().startswith("Error: Work out your key dates")
    expect(summary.get_by_role("link")).to_have_text(
        ["The date on the decision letter must be a real date", "Year must include 4 numbers"]
    )
    # The same messages next to the fields, and what was typed is kept.
    expect(page.locator("#id_decision_date-error")).to_contain_text(
        "The date on the decision letter must be a real date"
    )
    expect(page.locator("#id_decision_date-day")).to_have_value("30")
    screenshot("key-dates-errors")

    summary.get_by_role("link", name="Year must include 4 numbers").click()
    expect(page.locator("#id_certificate_date-year")).to_be_focused()
    summary.get_by_role("link", name="The date on the decision letter must be a real date").click()
    expect(page.locator("#id_decision_date-day")).to_be_focused()

    # A certificate before the letter.
    fill_date(page, "Date on the decision letter", "1", "10", "2025")
    fill_date(page, "Date on the mediation certificate (optional)", "30", "9", "2025")
    page.get_by_role("button", name="Work out my dates").click()
    message = (
        "The date on the mediation certificate must be the same as or after the date on the"
        " decision letter"
    )
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text([message])
    page.locator(".govuk-error-summary").get_by_role("link", name=message).click()
    expect(page.locator("#id_certificate_date-day")).to_be_focused()


def test_download_the_calendar_file(live_server: Any, page: Any, tmp_path: Path) -> None:
    page.goto(live_server.url + "/key-dates/your-dates/?decision=2025-10-01&certificate=2025-11-29")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download a calendar file with these dates (ICS)").click()
    download = download_info.value
    assert download.suggested_filename == "send-appeal-key-dates.ics"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    cal = Calendar.from_ical(target.read_bytes())
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    appeal = events["Appeal deadline: the SEND Tribunal must receive your appeal by 5pm"]
    contact = events["Last day to contact a mediation adviser"]
    assert appeal.decoded("DTSTART") == date(2026, 1, 2)
    assert contact.decoded("DTSTART") == date(2025, 12, 1)
    assert "Friday 2 January 2026" in str(appeal["DESCRIPTION"])
    assert live_server.url + "/key-dates/your-dates/?decision=2025-10-01" in str(
        appeal["DESCRIPTION"]
    )


def test_certificate_checker_section_i_only_needs_no_certificate(
    live_server: Any, page: Any, screenshot: Any
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Do I need a mediation certificate?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Do I need a mediation certificate?")
    screenshot("certificate-question")
    page.get_by_role(
        "checkbox",
        name="The school, college or other setting named in the plan (section I), or that none"
        " is named",
    ).check()
    page.get_by_role("radio", name="Yes, an EHC plan").check()
    page.get_by_role("group", name="Is the local authority in England?").get_by_role(
        "radio", name="Yes"
    ).check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You do not need a mediation certificate"
    )
    expect(page.get_by_text("You can appeal straight to the Tribunal.")).to_be_visible()
    expect(page.locator("#reasons")).to_contain_text("SEND35 appeal form question 12.2")
    expect(page.get_by_role("link", name="Work out your key dates")).to_be_visible()
    screenshot("certificate-not-needed")

    page.locator("summary", has_text="What disagreement resolution is").click()
    expect(page.get_by_text("It is voluntary for everyone")).to_be_visible()


def test_certificate_checker_refusal_to_assess_needs_a_certificate(
    live_server: Any, page: Any, screenshot: Any
) -> None:
    page.goto(live_server.url + "/do-i-need-a-certificate/")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Select what you disagree with",
            "Select whether the child or young person has an EHC plan",
            "Select yes if the local authority is in England",
        ]
    )
    summary.get_by_role("link", name="Select what you disagree with").click()
    expect(page.locator("#id_matters")).to_be_focused()
    screenshot("certificate-errors")

    # A plan matter with no plan is a clear error too.
    page.get_by_role("checkbox", name="A decision not to carry out an EHC needs assessment").check()
    page.get_by_role(
        "checkbox", name="A decision to stop the plan (to cease to maintain it)"
    ).check()
    page.get_by_role("radio", name="No, and there has not been an EHC needs assessment").check()
    page.get_by_role("group", name="Is the local authority in England?").get_by_role(
        "radio", name="Yes"
    ).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You said there is no EHC plan, but 'A decision to stop the plan (to cease to maintain"
        " it)' is about a plan."
    )
    page.get_by_role(
        "checkbox", name="A decision to stop the plan (to cease to maintain it)"
    ).uncheck()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You need a mediation certificate before you can appeal"
    )
    expect(page.locator("#reasons")).to_contain_text(
        "Children and Families Act 2014, s.55 (ATTESTED)"
    )
    expect(page.locator("#next-steps")).to_contain_text(
        "Contact the mediation adviser named in the LA's decision letter within 2 months"
    )
    screenshot("certificate-needed")
