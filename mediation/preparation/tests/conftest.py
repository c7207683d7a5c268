"""Fixtures for preparation and the partner side: a mediation case with its parties, partner users
of those parties (and of others), and real PDF and Word files."""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from mediation.accounts.models import User
from mediation.cases import services as case_services
from mediation.cases.models import Case, Party
from mediation.directory.models import Organisation, Service
from tests.factories.cases import CaseFactory, party_of, take_part
from tests.factories.organisations import LocalAuthorityFactory, SchoolFactory

LA_OFFICER_EMAIL = "jo.smith@islington.example"
SCHOOL_EMAIL = "senco@northbrook.example"
FAMILY_EMAIL = "alex.morgan@family.example"


@pytest.fixture(autouse=True)
def _fresh_file_storage(fresh_file_storage: None) -> None:
    """A fresh file store per test: no test sees another's files."""


def pdf_bytes(text: str = "Case summary") -> bytes:
    """A small, real PDF (WeasyPrint), so the content check sees what a real upload holds."""
    import weasyprint

    return bytes(weasyprint.HTML(string=f"<p>{text}</p>").write_pdf())


def docx_bytes(text: str = "Case summary", *, macro: bool = False) -> bytes:
    """A minimal Word document: the parts Word itself needs to open it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
        if macro:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


# The start of a Windows program: what a renamed .exe really holds.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


@dataclass
class MediationCase:
    case: Case
    family: Party
    la: Party
    school: Party
    coordinator: User
    mediator: User
    la_officer: User
    school_contact: User

    def refresh(self) -> "MediationCase":
        for name in ("case", "family", "la", "school"):
            getattr(self, name).refresh_from_db()
        return self


@pytest.fixture
def school_org() -> Organisation:
    return SchoolFactory.create(name="Northbrook Primary School")


@pytest.fixture
def mediation_case(
    make_user: Callable[..., User],
    served_la: Organisation,
    school_org: Organisation,
    coordinator: User,
    mediator: User,
) -> MediationCase:
    """A referral for mediation with three parties: the family, Islington (the LA) and the
    school, each organisation with a partner user. No permission to share recorded yet."""
    case = CaseFactory.create(
        local_authority=served_la, wants="mediation", applicant_email=FAMILY_EMAIL
    )
    case_services.case_assign(case=case, assignee=coordinator, actor=None)
    take_part(case, la=True, school=school_org, actor=coordinator)
    return MediationCase(
        case=case,
        family=party_of(case, "family"),
        la=party_of(case, "local_authority"),
        school=party_of(case, "school"),
        coordinator=coordinator,
        mediator=mediator,
        la_officer=make_user(
            "la_officer", organisation=served_la, email=LA_OFFICER_EMAIL, full_name="Jo Smith"
        ),
        school_contact=make_user(
            "school_contact", organisation=school_org, email=SCHOOL_EMAIL, full_name="Sam Patel"
        ),
    )


@pytest.fixture
def share_with() -> Callable[..., Any]:
    """Record the family's permission to share with a party."""
    from mediation.cases.parties import share_consent_record

    def give(party: Any, *, given: bool = True, actor: Any = None) -> Any:
        return share_consent_record(
            party=party, given=given, given_by="Alex Morgan", method="phone", actor=actor
        )

    return give


@pytest.fixture
def other_case(service: Service, coordinator: User) -> Case:
    """A case of another local authority (Camden) and another school, in the same service."""
    other_la = LocalAuthorityFactory.create(name="Camden", served_by=[service])
    other_school = SchoolFactory.create(name="Elsewhere Academy")
    case = CaseFactory.create(
        local_authority=other_la, child_first_name="Robin", child_last_name="Other"
    )
    take_part(case, la=True, school=other_school, actor=coordinator)
    case.other_la = other_la  # type: ignore[attr-defined]
    case.other_school = other_school  # type: ignore[attr-defined]
    return case


@pytest.fixture
def submit() -> Callable[..., Any]:
    """Submit a summary through the real service."""
    from mediation.preparation.services import summary_submit

    def do(case: Any, party: Any, visibility: str = "shared", **kwargs: Any) -> Any:
        kwargs.setdefault("text", f"The view of {party.name}.")
        kwargs.setdefault("submitted_by_name", "Alex Morgan" if party.is_family else "Jo Smith")
        kwargs.setdefault("actor", None)
        return summary_submit(case=case, party=party, visibility=visibility, **kwargs)

    return do
