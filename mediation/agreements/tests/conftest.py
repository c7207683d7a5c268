"""Fixtures for outcomes and agreements: a mediation case at the table, at a fixed, known date.

The dates follow legal-rules.md E14: the written agreement is dated Friday 27 March 2026.
"""

import datetime as dt
import io
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine

from mediation.accounts.models import User
from mediation.agreements.models import Agreement
from mediation.cases.models import Case
from mediation.cases.services import MatterInput
from mediation.directory.models import Organisation
from tests.factories.cases import (
    Item,
    MediationRequestedCaseFactory,
    Person,
    draft_agreement,
    meeting_held_on,
)
from tests.factories.organisations import SchoolFactory

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
def _fresh_file_storage(fresh_file_storage: None) -> None:
    """A fresh file store per test: no test sees another's files."""


@pytest.fixture
def today() -> Iterator[dt.date]:
    """Freeze the clock at 10am on Monday 30 March 2026 in London (time still ticks)."""
    with time_machine.travel(dt.datetime(2026, 3, 30, 10, 0, tzinfo=LONDON), tick=True):
        yield TODAY


# The family's supporter, Islington's two officers, the school's SENCo and an interpreter.
PEOPLE = (
    Person("Chris Lee", "supporter", party="family", email=SUPPORTER_EMAIL),
    Person(
        "Jo Smith",
        "decision_maker",
        party="local_authority",
        job_title="SEN team manager",
        email=LA_EMAIL,
        decides=True,
    ),
    Person("Sam Okafor", "officer", party="local_authority", email=LA_SECOND_EMAIL),
    Person("Priya Patel", "senco", party="school", email=SCHOOL_EMAIL),
    Person("Marek Nowak", "interpreter", email=INTERPRETER_EMAIL, language="Polish"),
)


@pytest.fixture
def mediation_case(served_la: Organisation, today: dt.date, mediator: User) -> Case:
    """A mediation about plan sections B, F and I: the family (with a supporter), Islington (two
    officers), a school, and an interpreter; the family let the service share with both
    organisations; the LA was told on 2 March 2026; Helen Marsh is the case's mediator, and
    held the meeting on 27 March 2026."""
    case = MediationRequestedCaseFactory.create(
        local_authority=served_la,
        ehc_status="plan",
        decision_date=DECISION_DATE,
        received_at=dt.datetime(2026, 2, 20, 10, 0, tzinfo=LONDON),
        matters=[
            MatterInput(decision="plan_content", sections=("B", "F")),
            MatterInput(decision="plan_placement", sections=("I",)),
        ],
        decided_on=REQUESTED_ON,
        told_on=REQUESTED_ON,
        assigned_to=mediator,
        people=PEOPLE,
        school=SchoolFactory.create(name="Northbrook Primary School"),
        shared_with=("local_authority", "school"),
    )
    meeting_held_on(case, day=AGREED_ON, arranged_on=REQUESTED_ON, actor=mediator)
    return case


# The LA amends sections B and F (reg 44, 5 weeks); the school arranges a visit (reg 42, 2 weeks).
AGREED = (
    Item(
        "Speech and language therapy will be specified and quantified in section F.",
        "Issue an amended EHC plan with weekly speech and language therapy in F",
        "local_authority",
        "amend",
        "The SEN team emails Alex Morgan a copy of the amended plan",
        matter=0,
    ),
    Item(
        "An educational psychologist will observe Sam in class.",
        "Arrange an educational psychologist visit",
        "school",
        "other",
        "The school tells Alex Morgan the date of the visit",
    ),
)


@pytest.fixture
def partial_agreement(mediation_case: Case, mediator: User) -> Agreement:
    """A draft partial agreement dated 27 March 2026 (`AGREED`); the placement is still in
    dispute."""
    return draft_agreement(
        mediation_case,
        concluded_on=AGREED_ON,
        items=AGREED,
        in_dispute="The school named in section I of the plan.",
        actor=mediator,
    )


def pdf_text(data: bytes) -> str:
    """The text of a PDF, read back as a reader would (pypdf), with whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
