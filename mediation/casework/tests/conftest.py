"""A case with something in every section, for the pages and the browser."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mediation.expenses import services as expense_services
from mediation.preparation import services as preparation_services
from mediation.preparation.tests.conftest import pdf_bytes
from tests.factories.cases import CertificateIssuedCaseFactory, party_of

if TYPE_CHECKING:
    from mediation.cases.models import Case

PDF = b"%PDF-1.4\n% a receipt\n"


@pytest.fixture(autouse=True)
def _fresh_file_storage(fresh_file_storage: None) -> None:
    """Certificates, agreements and receipts are files: none left over from another test."""


@pytest.fixture
def whole_case(served_la: Any, staff: Any) -> Case:
    """A case with something in every section: the meeting held, the agreement final, the
    certificate issued, case summaries (one with a file) and an expense claim with a receipt."""
    case = CertificateIssuedCaseFactory.create(local_authority=served_la)
    coordinator = staff()
    preparation_services.summary_submit(
        case=case,
        party=party_of(case, "family"),
        visibility="shared",
        submitted_by_name="Alex Morgan",
        text="What we hope for",
        actor=coordinator,
    )
    preparation_services.summary_submit(
        case=case,
        party=party_of(case, "local_authority"),
        visibility="mediator_only",
        submitted_by_name="Jo Bloggs",
        upload=SimpleUploadedFile("position.pdf", pdf_bytes("Our position"), "application/pdf"),
        actor=coordinator,
    )
    expense_services.claim_record(
        case=case,
        claimant="Alex Morgan",
        description="Bus to the meeting and back",
        amount=Decimal("7.40"),
        receipts=[SimpleUploadedFile("bus.pdf", PDF, content_type="application/pdf")],
        actor=coordinator,
    )
    case.refresh_from_db()
    return case
