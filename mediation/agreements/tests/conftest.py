"""Fixtures for outcomes and agreements: a mediation case at the table, at a fixed, known date.

The dates follow legal-rules.md E14: the written agreement is dated Friday 27 March 2026.
"""

import datetime as dt
import io
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

LONDON = ZoneInfo("Europe/London")
DECISION_DATE = dt.date(2026, 2, 12)
REQUESTED_ON = dt.date(2026, 3, 2)
AGREED_ON = dt.date(2026, 3, 27)  # a Friday (legal-rules.md E14)
TODAY = dt.date(2026, 3, 30)  # the Monday after

FAMILY_EMAIL = "alex.morgan@family.example"
SUPPORTER_EMAIL = "chris.lee@advocacy.example"
LA_EMAIL = "jo.smith@islington.example"
LA_SECOND_EMAIL = "sen.team@islington.example"
SCHOOL_EMAIL = "senco@northbrook.example"
INTERPRETER_EMAIL = "interpreter@languages.example"


@pytest.fixture(autouse=True)
def _fresh_file_storage(settings: Any) -> None:
    # A fresh in-memory store per test: no test sees another's files.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def today() -> Iterator[dt.date]:
    """Freeze the clock at 10am on Monday 30 March 2026 in London (time still ticks)."""
    with time_machine.travel(dt.datetime(2026, 3, 30, 10, 0, tzinfo=LONDON), tick=True):
        yield TODAY


@pytest.fixture
def coordinator(staff: Callable[..., Any]) -> Any:
    return staff("coordinator", email="priya@test.example", full_name="Priya Shah")


@pytest.fixture
def mediator(staff: Callable[..., Any]) -> Any:
    return staff("mediator", email="helen@test.example", full_name="Helen Marsh")


@pytest.fixture
def mediation_case(make_case: Callable[..., Any], today: dt.date, mediator: Any) -> Any:
    """A mediation about plan sections B, F and I: the family (with a supporter), Islington (two
    officers), a school, and an interpreter; the family let the service share with both
    organisations; the LA was told on 2 March 2026; Helen Marsh is the case's mediator."""
    from mediation.cases import parties
    from mediation.cases import services as case_services
    from mediation.cases.services import MatterInput
    from mediation.directory.tests.factories import SchoolFactory

    case = make_case(
        wants="mediation",
        ehc_status="plan",
        decision_date=DECISION_DATE,
        received_at=dt.datetime(2026, 2, 20, 10, 0, tzinfo=LONDON),
        matters=[
            MatterInput(decision="plan_content", sections=("B", "F")),
            MatterInput(decision="plan_placement", sections=("I",)),
        ],
    )
    case_services.case_record_clock_event(case=case, event="mediation_requested", on=REQUESTED_ON)
    case_services.case_assign(case=case, assignee=mediator, actor=None)
    family = parties.family_party_ensure(case=case)
    parties.participant_add(
        case=case,
        party=family,
        name="Chris Lee",
        role="supporter",
        email=SUPPORTER_EMAIL,
        actor=None,
    )
    la = parties.party_add(case=case, kind="local_authority", organisation=case.local_authority)
    parties.participant_add(
        case=case,
        party=la,
        name="Jo Smith",
        role="decision_maker",
        job_title="SEN team manager",
        email=LA_EMAIL,
        is_decision_maker=True,
        actor=None,
    )
    parties.participant_add(
        case=case, party=la, name="Sam Okafor", role="officer", email=LA_SECOND_EMAIL, actor=None
    )
    school = parties.party_add(
        case=case, kind="school", organisation=SchoolFactory(name="Northbrook Primary School")
    )
    parties.participant_add(
        case=case, party=school, name="Priya Patel", role="senco", email=SCHOOL_EMAIL, actor=None
    )
    parties.participant_add(
        case=case,
        party=None,
        name="Marek Nowak",
        role="interpreter",
        language="Polish",
        email=INTERPRETER_EMAIL,
        actor=None,
    )
    for party in (la, school):
        parties.share_consent_record(
            party=party, given=True, given_by="Alex Morgan", method="email", actor=None
        )
    case.refresh_from_db()
    return case


def party_of(case: Any, kind: str) -> Any:
    return case.parties.get(kind=kind)


@pytest.fixture
def partial_agreement(mediation_case: Any, mediator: Any) -> Any:
    """A draft partial agreement dated 27 March 2026: the LA amends sections B and F (reg 44,
    5 weeks) and the school arranges a visit (anything else, reg 42, 2 weeks); the placement is
    still in dispute."""
    from mediation.agreements import services

    case = mediation_case
    services.outcome_record(
        case=case,
        outcome="partial_agreement",
        concluded_on=AGREED_ON,
        notes="",
        actor=mediator,
    )
    agreement = services.agreement_start(case=case, actor=mediator)
    content, _placement = list(case.matters.all())
    services.agreement_item_add(
        agreement=agreement,
        data=services.ItemInput(
            matter=content,
            decided="Speech and language therapy will be specified and quantified in section F.",
            action="Issue an amended EHC plan with weekly speech and language therapy in F",
            responsible=party_of(case, "local_authority"),
            kind="amend",
            how_checked="The SEN team emails Alex Morgan a copy of the amended plan",
        ),
        actor=mediator,
    )
    services.agreement_item_add(
        agreement=agreement,
        data=services.ItemInput(
            matter=None,
            decided="An educational psychologist will observe Sam in class.",
            action="Arrange an educational psychologist visit",
            responsible=party_of(case, "school"),
            kind="other",
            how_checked="The school tells Alex Morgan the date of the visit",
        ),
        actor=mediator,
    )
    services.agreement_dispute_update(
        agreement=agreement,
        matters_in_dispute="The school named in section I of the plan.",
        actor=mediator,
    )
    agreement.refresh_from_db()
    return agreement


def pdf_text(data: bytes) -> str:
    """The text of a PDF, read back as a reader would (pypdf), with whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
