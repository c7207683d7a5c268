"""Expense claims: recorded with a receipt, sent to the LA, settled; access rules."""

import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mediation.core.errors import ApplicationError
from mediation.directory.services import organisation_contact_set
from mediation.expenses import services
from mediation.expenses.models import ClaimStatus

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a receipt\n"


@pytest.fixture
def case(make_case: Any, served_la: Any) -> Any:
    organisation_contact_set(organisation=served_la, email="sen@la.example")
    return make_case()


def test_record_send_and_settle_a_claim(
    case: Any, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    actor = staff()
    receipt = SimpleUploadedFile("bus.pdf", PDF, content_type="application/pdf")
    claim = services.claim_record(
        case=case,
        claimant="Alex Morgan",
        description="Bus fares to the meeting",
        amount=Decimal("12.40"),
        receipts=[receipt],
        actor=actor,
    )
    assert claim.receipts.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_send(claim=claim, actor=actor)
    message = mail.outbox[-1]
    assert message.to == ["sen@la.example"]
    assert "£12.40" in message.body
    assert message.attachments[0][0] == "bus.pdf"
    import datetime as dt

    services.claim_settle(
        claim=claim, paid=True, on=dt.date.today(), la_reference="PAY-1", actor=actor
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    assert case.events.filter(title__contains="paid").exists()


def test_receipts_are_checked_by_content(case: Any, staff: Any) -> None:
    fake = SimpleUploadedFile(
        "receipt.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ApplicationError, match="must be a PDF, JPG or PNG"):
        services.claim_record(
            case=case,
            claimant="A",
            description="x",
            amount=Decimal("1"),
            receipts=[fake],
            actor=staff(),
        )
    empty = SimpleUploadedFile("receipt.pdf", b"", content_type="application/pdf")
    with pytest.raises(ApplicationError, match="empty"):
        services.claim_record(
            case=case,
            claimant="A",
            description="x",
            amount=Decimal("1"),
            receipts=[empty],
            actor=staff(),
        )


def test_the_pages(client_as: Any, staff: Any, case: Any) -> None:
    client = client_as(staff())
    response = client.post(
        reverse("expenses:new", kwargs={"case_id": case.pk}),
        {
            "claimant": "Alex Morgan",
            "description": "Parking",
            "amount": "abc",
        },
    )
    assert "Enter the amount in pounds, like 12.50" in response.content.decode()
    response = client.post(
        reverse("expenses:new", kwargs={"case_id": case.pk}),
        {
            "claimant": "Alex Morgan",
            "description": "Parking",
            "amount": "6.50",
            "receipt": SimpleUploadedFile(
                "p.png", b"\x89PNG\r\n\x1a\nxxxx", content_type="image/png"
            ),
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("expenses:list", kwargs={"case_id": case.pk})).content.decode()
    assert "£6.50 for Alex Morgan" in html
    claim = case.expense_claims.get()
    receipt = claim.receipts.get()
    response = client.get(
        reverse("expenses:receipt", kwargs={"case_id": case.pk, "receipt_id": receipt.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_access(client: Any, client_as: Any, staff: Any, case: Any) -> None:
    urls = [
        reverse("expenses:list", kwargs={"case_id": case.pk}),
        reverse("expenses:new", kwargs={"case_id": case.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    partner = client_as("la_officer")
    for url in urls:
        assert partner.get(url).status_code == 403
    client.logout()
    staff_client = client_as(staff())
    assert (
        staff_client.get(reverse("expenses:list", kwargs={"case_id": uuid.uuid4()})).status_code
        == 404
    )
    assert (
        staff_client.get(
            reverse("expenses:receipt", kwargs={"case_id": case.pk, "receipt_id": uuid.uuid4()})
        ).status_code
        == 404
    )
    assert (
        staff_client.post(
            reverse("expenses:send", kwargs={"case_id": case.pk, "claim_id": uuid.uuid4()})
        ).status_code
        == 404
    )


def test_a_bad_receipt_is_shown_beside_the_receipt_question(
    client_as: Any, staff: Any, case: Any
) -> None:
    response = client_as(staff()).post(
        reverse("expenses:new", kwargs={"case_id": case.pk}),
        {
            "claimant": "Alex Morgan",
            "description": "Parking",
            "amount": "6.50",
            "receipt": SimpleUploadedFile(
                "p.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
            ),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_receipt">The selected file must be a PDF, JPG or PNG</a>' in html
    assert 'id="id_receipt-error"' in html
    assert not case.expense_claims.exists()
