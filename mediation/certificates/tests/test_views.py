"""The staff pages: issuing (question, then check), one certificate, its PDF, withdrawing."""

import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from mediation.certificates.choices import CertificateStatus
from mediation.certificates.models import Certificate
from mediation.certificates.tests.conftest import pdf_text
from tests.factories.organisations import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(case_with_fact: Callable[..., Any], issue: Callable[..., Any]) -> Any:
    return issue(case_with_fact("declined"))


def staff_urls(certificate: Any) -> dict[str, str]:
    return {
        "issue": reverse("certificates:issue", kwargs={"case_id": certificate.case_id}),
        "issue-check": reverse("certificates:issue-check", kwargs={"case_id": certificate.case_id}),
        "detail": reverse("certificates:detail", kwargs={"certificate_id": certificate.pk}),
        "pdf": reverse("certificates:pdf", kwargs={"certificate_id": certificate.pk}),
        "withdraw": reverse("certificates:withdraw", kwargs={"certificate_id": certificate.pk}),
    }


VIEW_NAMES = ["issue", "issue-check", "detail", "pdf", "withdraw"]


# ---------------------------------------------------------------------------------------------
# Who may see what
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_anonymous_visitors_are_sent_to_sign_in(client: Any, certificate: Any, name: str) -> None:
    url = staff_urls(certificate)[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_a_local_authority_officer_is_refused(
    client_as: Callable[..., Any], certificate: Any, name: str
) -> None:
    response = client_as("la_officer").get(staff_urls(certificate)[name])
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_staff_of_another_service_are_refused(
    client_as: Callable[..., Any],
    make_user: Callable[..., Any],
    provider: Any,
    certificate: Any,
    name: str,
) -> None:
    elsewhere = make_user("coordinator")
    elsewhere.services.add(
        ServiceFactory.create(provider=provider, name="Regional", reference_prefix="REG")
    )
    response = client_as(elsewhere).get(staff_urls(certificate)[name])
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("name", "kwarg"),
    [
        ("certificates:issue", "case_id"),
        ("certificates:issue-check", "case_id"),
        ("certificates:detail", "certificate_id"),
        ("certificates:pdf", "certificate_id"),
        ("certificates:withdraw", "certificate_id"),
    ],
)
def test_unknown_ids_are_not_found(
    client_as: Callable[..., Any], staff: Callable[..., Any], name: str, kwarg: str
) -> None:
    response = client_as(staff("service_manager")).get(reverse(name, kwargs={kwarg: uuid.uuid4()}))
    assert response.status_code == 404


def test_a_mediation_adviser_may_view_but_not_withdraw(
    client_as: Callable[..., Any], staff: Callable[..., Any], certificate: Any
) -> None:
    client = client_as(staff("mediation_adviser"))
    urls = staff_urls(certificate)

    html = client.get(urls["detail"]).content.decode()
    assert "Withdraw this certificate" not in html
    assert client.get(urls["withdraw"]).status_code == 403
    assert client.post(urls["withdraw"], {"reason": "Because"}).status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ISSUED


# ---------------------------------------------------------------------------------------------
# Issuing
# ---------------------------------------------------------------------------------------------


def issue_url(case: Any) -> str:
    return reverse("certificates:issue", kwargs={"case_id": case.pk})


def check_url(case: Any) -> str:
    return reverse("certificates:issue-check", kwargs={"case_id": case.pk})


def fingerprint_on(html: str) -> str:
    """The digest the check page's form carries (Jinja2 responses have no test context)."""
    match = re.search(r'name="fingerprint" value="([0-9a-f]+)"', html)
    assert match is not None, "the check page has no Issue certificate form"
    return match.group(1)


def test_the_question_page_suggests_the_kind_and_the_issuer(
    client_as: Callable[..., Any], staff: Callable[..., Any], case_with_fact: Callable[..., Any]
) -> None:
    case = case_with_fact("declined")
    client = client_as(staff("mediation_adviser", full_name="Jordan Ellis"))

    response = client.get(issue_url(case))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Issue a mediation certificate" in html
    assert 'value="declined" checked' in html
    assert "The family said it did not want mediation on 21 October 2026" in html
    assert "Not possible yet: the case has no date the mediation concluded" in html
    assert 'value="Jordan Ellis"' in html
    assert 'value="Mediation adviser" checked' in html


def test_the_question_page_explains_what_is_missing(
    client_as: Callable[..., Any], staff: Callable[..., Any], case_with_fact: Callable[..., Any]
) -> None:
    case = case_with_fact("declined")
    client = client_as(staff())

    response = client.post(
        issue_url(case),
        {"kind": "after_mediation", "issuer_name": "", "issuer_role": "Mediation adviser"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Record the date the mediation concluded before issuing this certificate" in html
    assert "Enter the name of the person issuing the certificate" in html
    assert "<title>Error: " in html
    assert not Certificate.objects.exists()


def test_a_case_without_a_decision_letter_date_says_so_up_front(
    client_as: Callable[..., Any], staff: Callable[..., Any], case_with_fact: Callable[..., Any]
) -> None:
    case = case_with_fact("declined", decision_date=None)
    client = client_as(staff())

    page = client.get(issue_url(case)).content.decode()
    assert "The case has no date for the local authority&#39;s decision letter" in page

    response = client.post(
        issue_url(case),
        {"kind": "declined", "issuer_name": "Priya Shah", "issuer_role": "Mediation adviser"},
    )
    assert "Add the date on the local authority&#39;s decision letter" in response.content.decode()
    assert not Certificate.objects.exists()


def test_issuing_checks_the_details_then_issues_once(
    client_as: Callable[..., Any],
    staff: Callable[..., Any],
    case_with_fact: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core import mail

    case = case_with_fact("declined")
    client = client_as(staff("coordinator", full_name="Priya Shah"))

    answers = {"kind": "declined", "issuer_name": "Priya Shah", "issuer_role": "Mediation adviser"}
    response = client.post(issue_url(case), answers)
    assert response.status_code == 302
    assert response["Location"] == check_url(case)

    check = client.get(check_url(case))
    html = check.content.decode()
    assert check.status_code == 200
    assert "Check the certificate details" in html
    for printed in (
        "Mediation information given: mediation not wanted",
        "Alex Morgan (parent or carer)",
        "Sam Morgan",
        "Islington",
        "1 October 2026",
        "Date mediation was declined",
        "Refusal to carry out an EHC needs assessment",
        "Priya Shah, mediation adviser",
        "Tuesday 1 December 2026",
        "it is emailed to alex.morgan@family.example",
        "the case is closed",
    ):
        assert printed in html
    assert "data-prevent-double-click" in html
    fingerprint = fingerprint_on(html)

    with django_capture_on_commit_callbacks(execute=True):
        issued = client.post(check_url(case), {"fingerprint": fingerprint}, follow=True)

    certificate = Certificate.objects.get()
    assert issued.redirect_chain[-1][0] == reverse(
        "certificates:detail", kwargs={"certificate_id": certificate.pk}
    )
    page = issued.content.decode()
    assert "Certificate LDN-C-2026-0001 issued and emailed to alex.morgan@family.example" in page
    assert certificate.created_by == client.user
    assert certificate.issuer_name == "Priya Shah"
    assert len([m for m in mail.outbox if m.attachments]) == 1

    # A second click on "Issue certificate" shows the certificate the first one issued.
    again = client.post(check_url(case), {"fingerprint": fingerprint})
    assert again.status_code == 302
    assert again["Location"] == reverse(
        "certificates:detail", kwargs={"certificate_id": certificate.pk}
    )
    assert Certificate.objects.count() == 1


def test_the_check_page_needs_the_answers_first(
    client_as: Callable[..., Any], staff: Callable[..., Any], case_with_fact: Callable[..., Any]
) -> None:
    case = case_with_fact("declined")
    response = client_as(staff()).get(check_url(case))
    assert response.status_code == 302
    assert response["Location"] == issue_url(case)


def test_a_case_changed_after_checking_is_checked_again(
    client_as: Callable[..., Any], staff: Callable[..., Any], case_with_fact: Callable[..., Any]
) -> None:
    case = case_with_fact("declined")
    client = client_as(staff())
    client.post(
        issue_url(case),
        {"kind": "declined", "issuer_name": "Priya Shah", "issuer_role": "Mediation adviser"},
    )
    fingerprint = fingerprint_on(client.get(check_url(case)).content.decode())
    case.child_first_name = "Samuel"
    case.save()

    response = client.post(check_url(case), {"fingerprint": fingerprint})

    html = response.content.decode()
    assert response.status_code == 200
    assert "The case&#39;s details changed after you checked the certificate" in html
    assert "<title>Error: " in html
    assert "Samuel Morgan" in html
    assert not Certificate.objects.exists()

    # The page now carries what it shows, so issuing from it works.
    client.post(check_url(case), {"fingerprint": fingerprint_on(html)})
    assert Certificate.objects.get().child_name == "Samuel Morgan"


# ---------------------------------------------------------------------------------------------
# One certificate, its PDF, withdrawing it
# ---------------------------------------------------------------------------------------------


def test_the_certificate_page_shows_what_was_printed(
    client_as: Callable[..., Any], staff: Callable[..., Any], certificate: Any
) -> None:
    response = client_as(staff("coordinator")).get(staff_urls(certificate)["detail"])

    html = response.content.decode()
    assert response.status_code == 200
    assert "Certificate LDN-C-2026-0001" in html
    assert "Valid" in html
    assert "Download the certificate (PDF)" in html
    assert certificate.verification_code in html
    assert "Withdraw this certificate" in html
    assert "Tuesday 1 December 2026" in html


def test_the_pdf_is_sent_inline_to_those_who_may_see_the_case(
    client_as: Callable[..., Any], staff: Callable[..., Any], certificate: Any
) -> None:
    response = client_as(staff("mediator")).get(staff_urls(certificate)["pdf"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "mediation-certificate-LDN-C-2026-0001.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = b"".join(response.streaming_content)
    assert "LDN-C-2026-0001" in pdf_text(data)


def test_withdrawing_needs_a_reason_then_allows_a_new_certificate(
    client_as: Callable[..., Any], staff: Callable[..., Any], certificate: Any
) -> None:
    client = client_as(staff("coordinator"))
    urls = staff_urls(certificate)

    page = client.get(urls["withdraw"]).content.decode()
    assert "govuk-warning-text" in page
    assert "You can then issue a new certificate" in page

    missing = client.post(urls["withdraw"], {"reason": "   "})
    assert "Enter why you are withdrawing this certificate" in missing.content.decode()

    done = client.post(urls["withdraw"], {"reason": "Wrong child's name."}, follow=True)
    html = done.content.decode()
    assert "Certificate LDN-C-2026-0001 withdrawn. You can now issue a new certificate" in html
    assert "Withdrawn" in html
    assert "Wrong child&#39;s name." in html
    assert "Issue a new certificate" in html
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.WITHDRAWN

    # The withdrawn certificate cannot be withdrawn again.
    again = client.get(urls["withdraw"])
    assert again.status_code == 302
