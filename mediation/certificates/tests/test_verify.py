"""The public check that a certificate is genuine: what it shows, what it hides, and the limit on
guessing."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from mediation.certificates import ratelimit
from mediation.certificates.services import certificate_verify_url, certificate_withdraw

pytestmark = pytest.mark.django_db

VERIFY = "/certificates/verify/"
NOT_CONFIRMED = "We could not confirm this certificate"


@pytest.fixture
def certificate(case_with_fact: Callable[..., Any], issue: Callable[..., Any]) -> Any:
    return issue(case_with_fact("declined"))


def check(client: Any, number: str, code: str, ip: str = "203.0.113.5") -> Any:
    return client.get(VERIFY, {"number": number, "code": code}, REMOTE_ADDR=ip)


def a_wrong_code(code: str) -> str:
    """The same code with its first character changed (still from the code alphabet)."""
    return ("X" if code[0] != "X" else "Y") + code[1:]


def test_the_page_asks_for_the_number_and_code_without_signing_in(client: Any) -> None:
    assert reverse("certificates:verify") == VERIFY
    response = client.get(VERIFY)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check a mediation certificate" in html
    assert "Certificate number" in html
    assert "Verification code" in html
    assert 'method="get"' in html


def test_a_genuine_certificate_shows_only_what_it_confirms(client: Any, certificate: Any) -> None:
    # Typed as people do: lower case, spaces instead of dashes.
    number = "ldn c 2026 0001"
    code = certificate.verification_code.lower().replace("-", " ")

    response = check(client, number, code)

    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is genuine" in html
    assert "LDN-C-2026-0001" in html
    assert "Mediation information given: mediation not wanted" in html
    assert "21 October 2026" in html
    assert "Islington" in html
    assert "SM" in html
    # Nothing more: no names, no decision date, no appeal deadline, no code.
    for private in ("Sam Morgan", "Alex Morgan", "December", "Jordan Ellis"):
        assert private not in html
    assert not re.search(r"\b1 October 2026", html)  # the decision letter's date
    assert certificate.verification_code not in html


def test_the_qr_code_link_shows_the_answer_directly(client: Any, certificate: Any) -> None:
    url = certificate_verify_url(number=certificate.number, code=certificate.verification_code)
    path_and_query = url.split("127.0.0.1:8000", 1)[1]

    response = client.get(path_and_query)

    assert response.status_code == 200
    assert "This certificate is genuine" in response.content.decode()


def test_a_wrong_code_and_a_wrong_number_get_the_same_answer(client: Any, certificate: Any) -> None:
    wrong_code = check(client, certificate.number, a_wrong_code(certificate.verification_code))
    wrong_number = check(client, "LDN-C-2026-0999", certificate.verification_code)

    assert wrong_code.status_code == wrong_number.status_code == 200
    assert NOT_CONFIRMED in wrong_code.content.decode()
    assert wrong_code.content == wrong_number.content
    assert "Sam" not in wrong_code.content.decode()


def test_a_withdrawn_certificate_is_reported_as_withdrawn_and_nothing_else(
    client: Any, certificate: Any, staff: Callable[..., Any]
) -> None:
    certificate_withdraw(certificate=certificate, reason="Issued in error.", actor=staff())

    response = check(client, certificate.number, certificate.verification_code)

    html = response.content.decode()
    assert "This certificate has been withdrawn" in html
    assert "is not valid. It was withdrawn on 21 October 2026." in html
    assert "This certificate is genuine" not in html
    for hidden in ("Islington", "SM", "mediation not wanted", "Issued in error"):
        assert hidden not in html


def test_a_withdrawn_certificate_with_a_wrong_code_is_simply_not_confirmed(
    client: Any, certificate: Any, staff: Callable[..., Any]
) -> None:
    certificate_withdraw(certificate=certificate, reason="Issued in error.", actor=staff())

    response = check(client, certificate.number, a_wrong_code(certificate.verification_code))

    assert NOT_CONFIRMED in response.content.decode()
    assert "withdrawn" not in response.content.decode()


@pytest.mark.parametrize(
    ("number", "code", "message"),
    [
        ("", "K7QX-M4PT-9WRD", "Enter the certificate number"),
        ("LDN-C-2026-0001", "", "Enter the verification code"),
        ("not a number", "K7QX-M4PT-9WRD", "Enter the certificate number as it is printed"),
        ("LDN-C-2026-0001", "K7QX", "Enter the 12 letters and numbers of the verification code"),
    ],
)
def test_badly_typed_answers_get_a_clear_error_and_do_not_count_as_guesses(
    client: Any, number: str, code: str, message: str
) -> None:
    for _ in range(ratelimit.FAILED_CHECKS_ALLOWED + 2):
        response = check(client, number, code)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert not ratelimit.too_many_failures("203.0.113.5")


def test_too_many_failed_checks_stop_checking_for_that_client_only(
    client: Any, certificate: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = a_wrong_code(certificate.verification_code)
    for _ in range(ratelimit.FAILED_CHECKS_ALLOWED):
        assert NOT_CONFIRMED in check(client, certificate.number, wrong).content.decode()

    # From now on nothing is checked for this client, even a genuine certificate.
    from mediation.certificates import selectors

    def must_not_check(**kwargs: Any) -> None:
        raise AssertionError("a blocked client's check reached the database")

    with monkeypatch.context() as patched:
        patched.setattr(selectors, "certificate_verify", must_not_check)
        blocked = check(client, certificate.number, certificate.verification_code)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.content.decode()
    assert "Wait 15 minutes" in blocked.content.decode()

    # Someone else, say the Tribunal, still gets an answer.
    other = check(client, certificate.number, certificate.verification_code, ip="198.51.100.7")
    assert other.status_code == 200
    assert "This certificate is genuine" in other.content.decode()


def test_genuine_checks_never_use_up_the_limit(client: Any, certificate: Any) -> None:
    for _ in range(ratelimit.FAILED_CHECKS_ALLOWED * 2):
        response = check(client, certificate.number, certificate.verification_code)
        assert response.status_code == 200
    assert "This certificate is genuine" in response.content.decode()


def test_behind_trusted_proxies_the_forwarded_client_address_counts(rf: Any, settings: Any) -> None:
    settings.TRUSTED_PROXY_HOPS = 1
    request = rf.get(VERIFY, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert ratelimit.client_ip(request) == "203.0.113.9"

    settings.TRUSTED_PROXY_HOPS = 0
    assert ratelimit.client_ip(request) == "10.0.0.2"
