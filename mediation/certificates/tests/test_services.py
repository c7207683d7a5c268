"""Issuing and withdrawing certificates: numbering, the printed PDF, validation, the e-mail, the
case, and that an issued certificate never changes."""

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from mediation.cases.choices import Stage
from mediation.cases.services import MatterInput
from mediation.certificates import services
from mediation.certificates.choices import CertificateStatus
from mediation.certificates.models import Certificate
from mediation.certificates.selectors import certificates_for_case
from mediation.certificates.services import certificate_withdraw
from mediation.certificates.tests.conftest import DECISION_DATE, pdf_text
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.models import Counter
from mediation.notifications.models import OutboundEmail
from tests.factories.organisations import LocalAuthorityFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def read_pdf(certificate: Certificate) -> bytes:
    assert certificate.pdf.name is not None
    with default_storage.open(certificate.pdf.name, "rb") as handle:
        data: bytes = handle.read()
    return data


def counter_value(key: str) -> int:
    counter = Counter.objects.filter(key=key).first()
    return counter.value if counter else 0


# ---------------------------------------------------------------------------------------------
# Numbering
# ---------------------------------------------------------------------------------------------


def test_numbers_run_on_without_gaps_within_a_service_and_year(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    numbers = [issue(case_with_fact("declined")).number for _ in range(3)]

    assert numbers == ["LDN-C-2026-0001", "LDN-C-2026-0002", "LDN-C-2026-0003"]
    first = Certificate.objects.get(number="LDN-C-2026-0001")
    assert (first.service_prefix, first.year, first.sequence) == ("LDN", 2026, 1)
    assert first.pdf.name == "certificates/LDN/2026/LDN-C-2026-0001.pdf"


def test_each_service_has_its_own_sequence(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any], provider: Any, today: dt.date
) -> None:

    regional = ServiceFactory.create(provider=provider, name="Regional", reference_prefix="REG")
    kent = LocalAuthorityFactory.create(name="Kent", code="E10000016")
    regional.local_authorities.add(kent)
    kent_case = case_with_fact("declined", local_authority=kent)

    london_first = issue(case_with_fact("declined"))
    regional_first = issue(kent_case)
    london_second = issue(case_with_fact("declined"))

    assert london_first.number == "LDN-C-2026-0001"
    assert regional_first.number == "REG-C-2026-0001"
    assert regional_first.service == regional
    assert london_second.number == "LDN-C-2026-0002"


def test_a_new_year_starts_a_new_sequence(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    assert issue(case_with_fact("declined")).number == "LDN-C-2026-0001"
    assert issue(case_with_fact("declined")).number == "LDN-C-2026-0002"

    new_year = dt.datetime(2027, 1, 5, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(new_year, tick=True):
        certificate = issue(case_with_fact("declined"))

    assert certificate.number == "LDN-C-2027-0001"
    assert certificate.issued_on == dt.date(2027, 1, 5)
    # 1 month from 5 January 2027 is later than 2 months from the 1 October 2026 letter.
    assert certificate.appeal_deadline == dt.date(2027, 2, 5)


# ---------------------------------------------------------------------------------------------
# The printed certificate
# ---------------------------------------------------------------------------------------------


def test_the_pdf_prints_the_details_a_tribunal_needs(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    certificate = issue(case_with_fact("declined"))
    data = read_pdf(certificate)
    text = pdf_text(data)

    assert data.startswith(b"%PDF")
    assert "Mediation certificate" in text
    assert "LDN-C-2026-0001" in text
    assert "Alex Morgan" in text  # the applicant
    assert "Sam Morgan" in text  # the child
    assert "Islington" in text
    assert "1 October 2026" in text  # the decision letter
    assert "Tuesday 1 December 2026" in text  # the appeal deadline
    assert "The Tribunal must receive your appeal by 5pm on that day" in text
    assert "section 55(4) of the Children and Families Act 2014" in text
    assert certificate.verification_code in text
    # A long address may wrap anywhere, depending on the random code's letters.
    assert "/certificates/verify/?number=LDN-C-2026-0001&code=" in text.replace(" ", "")
    assert "Refusal to carry out an EHC needs assessment" in text
    assert "Jordan Ellis, mediation adviser" in text
    assert services.hashlib.sha256(data).hexdigest() == certificate.pdf_sha256


def test_the_pdf_never_prints_what_the_family_wrote_or_said(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    case = case_with_fact(
        "after_mediation",
        decision_summary="They said the school cannot cope with him.",
        matters=[
            MatterInput(
                decision="plan_content",
                sections=("B", "F"),
                details="At mediation the council offered extra speech therapy.",
            )
        ],
    )
    text = pdf_text(read_pdf(issue(case, kind="after_mediation")))

    assert "The needs or provision in the plan (sections B and F)" in text
    assert "B (special educational needs)" in text
    assert "section 55(5)" in text
    assert "cannot cope" not in text
    assert "speech therapy" not in text


def test_the_snapshot_keeps_what_was_printed_when_the_case_changes_later(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    case = case_with_fact("declined")
    certificate = issue(case)
    case.applicant_name = "Alexandra Morgan-Smith"
    case.child_first_name = "Samuel"
    case.save()

    certificate.refresh_from_db()
    assert certificate.applicant_name == "Alex Morgan"
    assert certificate.child_name == "Sam Morgan"
    assert certificate.child_initials == "SM"
    assert certificate.local_authority_name == "Islington"
    assert certificate.decision_date == DECISION_DATE
    assert certificate.appeal_deadline == dt.date(2026, 12, 1)
    assert "1 December 2026" in certificate.appeal_deadline_explanation
    assert "Sam Morgan" in pdf_text(services.certificate_render_pdf(certificate=certificate))


def test_verification_codes_use_an_alphabet_that_cannot_be_misread() -> None:
    codes = {services.verification_code_new() for _ in range(200)}

    assert len(codes) == 200
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert not set("".join(groups)) & set("0O1IL")


# ---------------------------------------------------------------------------------------------
# What each kind needs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("declined", "Record the date the family said it does not want mediation"),
        ("after_mediation", "Record the date the mediation concluded"),
        ("la_cannot_arrange", "Record the date the local authority said it cannot arrange"),
    ],
)
def test_a_kind_needs_the_fact_it_certifies(
    make_case: Callable[..., Any],
    issue: Callable[..., Any],
    today: dt.date,
    kind: str,
    message: str,
) -> None:
    case = make_case(decision_date=DECISION_DATE)

    with pytest.raises(ApplicationError, match=message):
        issue(case, kind=kind)
    assert not Certificate.objects.exists()
    assert counter_value("certificate:LDN:2026") == 0


def test_no_certificate_without_the_decision_letter_date(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    case = case_with_fact("declined", decision_date=None)

    with pytest.raises(ApplicationError, match="date on the local authority's decision letter"):
        issue(case)


def test_a_certificate_cannot_record_something_that_has_not_happened_yet(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any], today: dt.date
) -> None:
    from mediation.cases.services import case_record_clock_event

    case = case_with_fact("after_mediation")
    case_record_clock_event(case=case, event="mediation_concluded", on=today + dt.timedelta(days=7))

    with pytest.raises(ApplicationError, match="after today"):
        issue(case, kind="after_mediation")


def test_unknown_kind_and_missing_issuer_are_refused(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    case = case_with_fact("declined")

    with pytest.raises(ApplicationError, match="Choose the kind of certificate"):
        issue(case, kind="mediation_was_lovely")
    with pytest.raises(ApplicationError, match="Enter the name of the person issuing"):
        issue(case, issuer_name="   ")
    with pytest.raises(ApplicationError, match="Choose the role"):
        issue(case, issuer_role="Judge")


def test_a_family_that_withdrew_can_have_its_certificate_at_any_time(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any], today: dt.date
) -> None:
    case = case_with_fact("withdrawn")

    certificate = issue(case, kind="withdrawn")

    case.refresh_from_db()
    assert certificate.kind == "withdrawn"
    assert certificate.event_date == today
    assert case.certificate_requested_on == today
    assert "withdrew from mediation" in certificate.statement


def test_only_one_valid_certificate_of_a_kind_per_case(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    from mediation.cases.services import case_record_clock_event

    case = case_with_fact("la_cannot_arrange")
    first = issue(case, kind="la_cannot_arrange")

    with pytest.raises(ConflictError, match=f"Certificate {first.number} of this kind"):
        issue(case, kind="la_cannot_arrange")
    assert counter_value("certificate:LDN:2026") == 1

    # Mediation went ahead after all: a certificate of another kind is due, and allowed.
    case_record_clock_event(case=case, event="mediation_concluded", on=first.issued_on)
    second = issue(case, kind="after_mediation")
    assert second.number == "LDN-C-2026-0002"
    assert list(certificates_for_case(case=case)) == [second, first]


def test_a_changed_case_since_the_check_stops_the_issue(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    case = case_with_fact("declined")

    with pytest.raises(ConflictError, match="changed after you checked"):
        issue(case, expected_fingerprint="not-what-was-checked")
    assert not Certificate.objects.exists()
    assert counter_value("certificate:LDN:2026") == 0


# ---------------------------------------------------------------------------------------------
# All or nothing
# ---------------------------------------------------------------------------------------------


def test_a_rendering_failure_rolls_everything_back_and_uses_no_number(
    case_with_fact: Callable[..., Any],
    issue: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = case_with_fact("declined")
    events_before = case.events.count()

    def broken_renderer(**kwargs: Any) -> bytes:
        raise OSError("the PDF renderer ran out of memory")

    monkeypatch.setattr(services, "certificate_render_pdf", broken_renderer)
    with pytest.raises(OSError, match="ran out of memory"):
        issue(case)

    case.refresh_from_db()
    assert not Certificate.objects.exists()
    assert counter_value("certificate:LDN:2026") == 0
    assert case.certificate_issued_on is None
    assert case.stage != Stage.CLOSED
    assert case.events.count() == events_before
    assert not OutboundEmail.objects.exists()

    monkeypatch.undo()
    assert issue(case).number == "LDN-C-2026-0001"


def test_a_failure_after_the_pdf_is_stored_removes_the_file(
    case_with_fact: Callable[..., Any],
    issue: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = case_with_fact("declined")

    def mail_down(**kwargs: Any) -> None:
        raise ConnectionError("could not record the e-mail")

    monkeypatch.setattr(services, "email_queue", mail_down)
    with pytest.raises(ConnectionError):
        issue(case)

    assert not Certificate.objects.exists()
    assert counter_value("certificate:LDN:2026") == 0
    assert not default_storage.exists("certificates/LDN/2026/LDN-C-2026-0001.pdf")


# ---------------------------------------------------------------------------------------------
# The case, its clock and timeline, and the e-mail
# ---------------------------------------------------------------------------------------------


def test_issuing_updates_the_clock_and_the_timeline_and_closes_a_declined_case(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any], today: dt.date
) -> None:
    case = case_with_fact("declined")
    assert case.next_deadline_key == "certificate_due"

    certificate = issue(case)

    case.refresh_from_db()
    assert case.certificate_issued_on == today
    assert case.next_deadline_key != "certificate_due"
    assert case.stage == Stage.CLOSED
    assert "the family does not want mediation" in case.closure_reason
    titles = list(case.events.values_list("title", flat=True))
    assert "Certificate LDN-C-2026-0001 issued (mediation not wanted)" in titles
    assert "Case closed" in titles
    issued_event = case.events.get(kind="certificate_issued")
    assert issued_event.actor == certificate.created_by
    assert "Sent by email to alex.morgan@family.example" in issued_event.description


def test_a_certificate_for_a_family_that_withdrew_closes_the_case(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    case = case_with_fact("withdrawn")
    issue(case, kind="withdrawn")
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert "withdrew from mediation" in case.closure_reason


@pytest.mark.parametrize("kind", ["after_mediation", "la_cannot_arrange"])
def test_other_certificates_leave_the_case_open(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any], kind: str
) -> None:
    case = case_with_fact(kind)
    issue(case, kind=kind)
    case.refresh_from_db()
    assert case.stage != Stage.CLOSED


def test_the_certificate_is_emailed_to_the_family_as_a_pdf(
    case_with_fact: Callable[..., Any],
    issue: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = case_with_fact("declined")

    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(case)

    certificate_mail = [
        m for m in mail.outbox if m.subject.startswith("Your mediation certificate")
    ]
    assert len(certificate_mail) == 1
    message = certificate_mail[0]
    assert message.to == ["alex.morgan@family.example"]
    assert message.subject == "Your mediation certificate LDN-C-2026-0001"
    # The case closes (the family declined mediation): a second message says where to turn next.
    closing = [m for m in mail.outbox if "is closed" in m.subject]
    assert len(closing) == 1
    assert "/your-case/" in closing[0].body
    assert "Dear Alex Morgan," in message.body
    assert "The Tribunal must receive the appeal by 5pm on Tuesday 1 December 2026" in (
        message.body
    )
    assert "https://www.gov.uk/appeal-ehc-plan-decision" in message.body
    assert "0300 000 0000" in message.body
    assert "&#39;" not in message.body  # plain text, not HTML-escaped
    [(name, content, mimetype)] = message.attachments
    assert name == "mediation-certificate-LDN-C-2026-0001.pdf"
    assert mimetype == "application/pdf"
    assert content == read_pdf(certificate)
    assert "LDN-C-2026-0001" in pdf_text(content)


def test_a_referrer_gets_their_own_copy(
    case_with_fact: Callable[..., Any],
    issue: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = case_with_fact(
        "declined",
        is_third_party=True,
        family_consent_confirmed=True,
        referrer_name="Dana Okafor",
        referrer_organisation="Islington SENDIASS",
        referrer_email="dana.okafor@iass.example",
    )

    with django_capture_on_commit_callbacks(execute=True):
        issue(case)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"alex.morgan@family.example", "dana.okafor@iass.example"}
    to_referrer = by_address["dana.okafor@iass.example"]
    assert to_referrer.subject == "Mediation certificate LDN-C-2026-0001 for Alex Morgan"
    assert "Dear Dana Okafor," in to_referrer.body
    assert "on behalf of Alex Morgan" in to_referrer.body
    assert len(to_referrer.attachments) == 1


def test_without_an_email_address_the_timeline_says_to_post_it(
    case_with_fact: Callable[..., Any],
    issue: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = case_with_fact("declined", applicant_email="", contact_method="letter")

    with django_capture_on_commit_callbacks(execute=True):
        issue(case)

    assert mail.outbox == []
    event = case.events.get(kind="certificate_issued")
    assert "print the certificate and post it" in event.description


# ---------------------------------------------------------------------------------------------
# Withdrawing, and issuing again
# ---------------------------------------------------------------------------------------------


def test_withdrawing_keeps_the_record_and_lets_a_new_certificate_replace_it(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    coordinator = staff("coordinator", full_name="Priya Shah")
    case = case_with_fact("declined")
    first = issue(case)

    certificate_withdraw(
        certificate=first, reason="The child's surname was spelt wrongly.", actor=coordinator
    )
    case.refresh_from_db()
    first.refresh_from_db()
    assert first.status == CertificateStatus.WITHDRAWN
    assert first.withdrawn_by == coordinator
    assert first.updated_by == coordinator
    assert first.withdrawn_at is not None
    assert first.withdrawal_reason == "The child's surname was spelt wrongly."
    # No certificate is valid now, so the clock shows one is due again.
    assert case.certificate_issued_on is None
    withdrawn_event = case.events.get(kind="certificate_withdrawn")
    assert withdrawn_event.title == f"Certificate {first.number} withdrawn"
    assert "spelt wrongly" in withdrawn_event.description

    second = issue(case)

    assert second.number == "LDN-C-2026-0002"
    assert second.replaces == first
    assert second.status == CertificateStatus.ISSUED
    assert list(certificates_for_case(case=case)) == [second, first]
    assert default_storage.exists(first.pdf.name)
    assert default_storage.exists(second.pdf.name)
    case.refresh_from_db()
    assert case.certificate_issued_on == second.issued_on


def test_withdrawal_needs_a_reason_and_happens_once(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    coordinator = staff("coordinator")
    certificate = issue(case_with_fact("declined"))

    with pytest.raises(ApplicationError, match="Enter why"):
        certificate_withdraw(certificate=certificate, reason="  ", actor=coordinator)
    certificate_withdraw(certificate=certificate, reason="Issued in error.", actor=coordinator)
    with pytest.raises(ConflictError, match="already been withdrawn"):
        certificate_withdraw(certificate=certificate, reason="Again.", actor=coordinator)


SNAPSHOT_FIELDS = [
    "number",
    "kind",
    "issued_on",
    "issued_at",
    "issuer_name",
    "issuer_role",
    "applicant_name",
    "applicant_role",
    "child_name",
    "child_initials",
    "local_authority_name",
    "decision_date",
    "event_date",
    "statement",
    "matters",
    "appeal_deadline",
    "appeal_deadline_explanation",
    "verification_code",
    "pdf",
    "pdf_sha256",
]


def test_withdrawal_is_the_only_change_an_issued_certificate_takes(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    certificate = issue(case_with_fact("declined"))
    before = {name: getattr(certificate, name) for name in SNAPSHOT_FIELDS}
    pdf_before = read_pdf(certificate)

    certificate_withdraw(certificate=certificate, reason="Issued in error.", actor=staff())

    certificate.refresh_from_db()
    assert {name: getattr(certificate, name) for name in SNAPSHOT_FIELDS} == before
    assert read_pdf(certificate) == pdf_before


def test_the_database_refuses_a_withdrawal_without_a_reason_or_date(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    certificate = issue(case_with_fact("declined"))
    rows = Certificate.objects.filter(pk=certificate.pk)

    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(status=CertificateStatus.WITHDRAWN)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(withdrawal_reason="Reason on a valid certificate")


def test_the_database_refuses_two_valid_certificates_of_one_kind(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    case = case_with_fact("declined")
    first = issue(case)
    certificate_withdraw(certificate=first, reason="Issued in error.", actor=staff())
    issue(case)

    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=first.pk).update(
            status=CertificateStatus.ISSUED, withdrawn_at=None, withdrawal_reason=""
        )
