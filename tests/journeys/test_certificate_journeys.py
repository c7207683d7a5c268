"""From first contact to a verifiable certificate, end to end in a real browser (issue 4).

A parent refers online; a coordinator finds the case on the work queue, confirms the route, books
and records the mediation information call; the family declines mediation; the certificate is
issued within its 3-working-day deadline; its PDF holds the right names, dates and appeal deadline;
the public check confirms it and rejects a wrong code. Then the same for a phone referral entered
by staff. axe-core checks every page on the way (the `page` fixture).
"""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from mediation.cases.models import Case
from mediation.certificates.models import Certificate
from mediation.core.formatting import govuk_date, weekday_date
from mediation.rules import appeal_deadline, statutory_calendar
from tests.journeys.steps import continue_, fill_date, heading, pdf_text, sign_in, sign_out

pytestmark = pytest.mark.browser

DECISION = dt.date(2026, 10, 1)


def refer_online(page: Page, base: str) -> None:
    page.goto(base + "/")
    page.get_by_role("button", name="Start now").click()
    expect(heading(page)).to_have_text("Who are you?")
    page.get_by_label("A parent or carer").check()
    continue_(page)
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Morgan")
    fill_date(page, "id_child_date_of_birth", dt.date(2015, 3, 14))
    continue_(page)
    page.get_by_label("Which local authority made the decision?").select_option(label="Islington")
    continue_(page)
    page.get_by_label("No", exact=True).check()
    continue_(page)
    page.get_by_label("The local authority will not do an EHC needs assessment").check()
    continue_(page)
    fill_date(page, "id_decision_date", DECISION)
    continue_(page)
    page.get_by_label("Information about mediation, and a mediation certificate").check()
    continue_(page)
    page.get_by_label("No, I do not need any help").check()
    continue_(page)
    page.get_by_label("Full name").fill("Alex Morgan")
    page.get_by_label("Your relationship to the child or young person").fill("Mother")
    page.get_by_label("Email address").fill("alex.morgan@family.example")
    page.get_by_label("Phone number").fill("07700 900123")
    page.get_by_label("Email", exact=True).check()
    continue_(page)
    expect(heading(page)).to_have_text("Check your answers before sending your referral")
    page.get_by_role("button", name="Send referral").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Referral sent")


def work_the_case_to_a_certificate(
    page: Page, base: str, case: Case, screenshot: Any, today: dt.date
) -> Certificate:
    """The coordinator's part: queue, route, information call, decision, certificate."""
    page.goto(base + "/cases/")
    expect(heading(page)).to_have_text("Work queue")
    page.get_by_label("Search by reference or name").fill(case.reference)
    page.get_by_role("button", name="Apply filters").click()
    screenshot("work-queue")
    page.get_by_role("link", name=case.reference).click()
    expect(heading(page)).to_have_text("Sam Morgan")

    page.get_by_role("button", name="Confirm the route").click()
    expect(heading(page)).to_have_text("Confirm the route")
    page.get_by_role("button", name="Confirm route").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Route confirmed")

    page.get_by_role("button", name="Book the information call").click()
    tomorrow = statutory_calendar().add_working_days(today, 1)
    fill_date(page, "id_day", tomorrow)
    page.get_by_label("Time").fill("10:30")
    page.get_by_label("Adviser", exact=True).select_option(label="Tom Okafor (Mediation adviser)")
    page.get_by_label("Phone call", exact=True).check()
    screenshot("book-call")
    page.get_by_role("button", name="Book call").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Information call booked")
    expect(page.locator("main")).to_contain_text("Call booked for")

    page.get_by_role("button", name="Record the call").click()
    page.get_by_label("Yes, the information was given").check()
    fill_date(page, "id_day", today)
    page.get_by_label("Time it started").fill("09:00")
    page.get_by_label("How long did it take, in minutes?").fill("22")
    page.get_by_label("Notes").fill("Explained mediation, the certificate and the appeal deadline.")
    page.get_by_role("button", name="Save").click()

    expect(heading(page)).to_have_text("What did the family decide?")
    page.get_by_label("Does not want mediation (certificate)").check()
    fill_date(page, "id_decided_on", today)
    screenshot("family-decision")
    page.get_by_role("button", name="Save decision").click()

    due = statutory_calendar().add_working_days(today, 3)
    expect(page.locator("main")).to_contain_text(f"Issue the certificate by {weekday_date(due)}")
    screenshot("certificate-due")
    page.get_by_role("button", name="Issue the certificate").click()
    expect(page.get_by_label("Mediation information given: mediation not wanted")).to_be_checked()
    continue_(page)
    expect(heading(page)).to_have_text("Check the certificate details")
    page.get_by_role("button", name="Issue certificate").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("issued")
    screenshot("certificate-issued")

    certificate = Certificate.objects.get(case=case)
    assert certificate.issued_on <= due  # within the statutory 3 working days
    return certificate


def check_the_pdf(page: Page, base: str, certificate: Certificate, *, applicant: str) -> None:
    href = page.get_by_role("link", name="Download the certificate (PDF)").get_attribute("href")
    assert href is not None
    response = page.request.get(base + href)
    assert response.status == 200
    text = pdf_text(response.body())
    expected_appeal = appeal_deadline(DECISION, certificate.issued_on)
    for expected in (
        certificate.number,
        applicant,
        "Sam Morgan",
        "Islington",
        govuk_date(DECISION),
        govuk_date(certificate.issued_on),
        govuk_date(expected_appeal),
        "Tom Okafor" if certificate.issuer_name == "Tom Okafor" else certificate.issuer_name,
    ):
        assert expected in text, f"{expected!r} is missing from the certificate PDF"


def verify_publicly(page: Page, base: str, certificate: Certificate, screenshot: Any) -> None:
    page.goto(base + "/certificates/verify/")
    page.get_by_label("Certificate number").fill(certificate.number)
    page.get_by_label("Verification code").fill(certificate.verification_code)
    page.get_by_role("button", name="Check certificate").click()
    expect(heading(page)).to_have_text("This certificate is genuine")
    expect(page.locator("main")).to_contain_text("SM")
    expect(page.locator("main")).not_to_contain_text("Sam Morgan")  # initials only
    screenshot("verified")
    page.goto(base + "/certificates/verify/")
    page.get_by_label("Certificate number").fill(certificate.number)
    page.get_by_label("Verification code").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Check certificate").click()
    expect(heading(page)).to_have_text("We could not confirm this certificate")


def test_online_referral_to_a_verified_certificate(
    live_server: Any, page: Page, served_la: Any, staff: Any, screenshot: Any, today: dt.date
) -> None:
    staff("coordinator", email="priya@test.example", full_name="Priya Shah")
    staff("mediation_adviser", email="tom@test.example", full_name="Tom Okafor")
    base = live_server.url

    refer_online(page, base)
    case = Case.objects.get()
    assert case.channel == "online"
    received = [m for m in mail.outbox if "alex.morgan@family.example" in m.to]
    assert received
    assert case.reference in received[0].body

    sign_in(page, base, "priya@test.example")
    certificate = work_the_case_to_a_certificate(page, base, case, screenshot, today)
    check_the_pdf(page, base, certificate, applicant="Alex Morgan")
    family_mail = [m for m in mail.outbox if m.attachments and "alex.morgan@family.example" in m.to]
    assert family_mail, "the certificate was not emailed to the family"
    assert family_mail[-1].attachments[0][2] == "application/pdf"
    sign_out(page)
    verify_publicly(page, base, certificate, screenshot)


def test_phone_referral_to_a_verified_certificate(
    live_server: Any, page: Page, served_la: Any, staff: Any, screenshot: Any, today: dt.date
) -> None:
    staff("coordinator", email="priya@test.example", full_name="Priya Shah")
    staff("mediation_adviser", email="tom@test.example", full_name="Tom Okafor")
    base = live_server.url
    sign_in(page, base, "priya@test.example")

    page.get_by_role("link", name="New referral", exact=True).click()
    expect(heading(page)).to_have_text("New referral")
    page.locator("#id_referral-channel").check()  # phone
    page.locator("#id_who-are-you-who").check()  # a parent or carer
    page.locator("#id_child-child_first_name").fill("Sam")
    page.locator("#id_child-child_last_name").fill("Morgan")
    fill_date(page, "id_child-child_date_of_birth", dt.date(2015, 3, 14))
    page.locator("#id_local-authority-local_authority").select_option(label="Islington")
    page.get_by_label("No EHC plan").check()
    page.get_by_label("The local authority will not do an EHC needs assessment").check()
    fill_date(page, "id_decision-letter-decision_date", DECISION)
    page.locator("#id_what-you-want-wants").check()
    page.get_by_label("No, they do not need any help").check()
    page.locator("#id_contact-details-applicant_name").fill("Chris Morgan")
    page.locator("#id_contact-details-applicant_relationship").fill("Father")
    page.locator("#id_contact-details-applicant_email").fill("chris.morgan@family.example")
    page.locator("#id_contact-details-applicant_phone").fill("07700 900999")
    page.get_by_label("Phone call").check()
    screenshot("phone-referral")
    page.get_by_role("button", name="Create case").click()
    case = Case.objects.get()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Case {case.reference} created"
    )
    assert case.channel == "phone"

    certificate = work_the_case_to_a_certificate(page, base, case, screenshot, today)
    check_the_pdf(page, base, certificate, applicant="Chris Morgan")
    sign_out(page)
    verify_publicly(page, base, certificate, screenshot)
