"""A coordinator issues a certificate in a real browser; anyone can then check it is genuine."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from mediation.certificates.models import Certificate
from mediation.certificates.tests.conftest import pdf_text
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.browser


def test_coordinator_issues_a_declined_certificate_and_the_public_can_check_it(
    live_server: Any,
    page: Any,
    screenshot: Callable[[str], Any],
    staff: Callable[..., Any],
    case_with_fact: Callable[..., Any],
) -> None:
    staff("coordinator", email="priya@test.example", full_name="Priya Shah")
    case = case_with_fact("declined")

    # Going straight to the issue page asks for sign-in first, then comes back.
    page.goto(f"{live_server.url}/certificates/case/{case.pk}/issue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill("priya@test.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Issue a mediation certificate")
    # The family declined mediation, so that kind is already chosen.
    expect(page.get_by_label("Mediation information given: mediation not wanted")).to_be_checked()
    expect(page.get_by_label("Name of the person issuing the certificate")).to_have_value(
        "Priya Shah"
    )
    screenshot("issue-question")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the certificate details")
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Alex Morgan (parent or carer)")
    expect(summary).to_contain_text("Sam Morgan")
    expect(summary).to_contain_text("Islington")
    expect(summary).to_contain_text("Tuesday 1 December 2026")
    screenshot("issue-check")
    page.get_by_role("button", name="Issue certificate").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(
        "Certificate LDN-C-2026-0001 issued and emailed to alex.morgan@family.example"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate LDN-C-2026-0001")
    screenshot("certificate")

    # Download the PDF as the signed-in coordinator (the browser's own session).
    href = page.get_by_role("link", name="Download the certificate (PDF)").get_attribute("href")
    download = page.request.get(live_server.url + href)
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    text = pdf_text(download.body())
    assert "LDN-C-2026-0001" in text
    assert "Sam Morgan" in text

    certificate = Certificate.objects.get()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()

    # Anyone (the Tribunal, say) checks the certificate on the public page.
    page.goto(f"{live_server.url}/certificates/verify/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check a mediation certificate")
    page.get_by_label("Certificate number").fill("ldn-c-2026-0001")
    page.get_by_label("Verification code").fill(certificate.verification_code.lower())
    page.get_by_role("button", name="Check certificate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This certificate is genuine")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Islington")
    expect(page.locator(".govuk-summary-list")).to_contain_text("SM")
    screenshot("verify-genuine")

    page.get_by_role("link", name="Check another certificate").click()
    page.get_by_label("Certificate number").fill("LDN-C-2026-0001")
    wrong = ("X" if certificate.verification_code[0] != "X" else "Y") + (
        certificate.verification_code[1:]
    )
    page.get_by_label("Verification code").fill(wrong)
    page.get_by_role("button", name="Check certificate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "We could not confirm this certificate"
    )
    screenshot("verify-not-confirmed")
