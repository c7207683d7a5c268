"""Fixtures for certificates: cases whose facts allow each kind, at a fixed, known date."""

import datetime as dt
import io
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from mediation.agreements.services import outcome_record
from mediation.cases.models import Case
from mediation.directory.models import Organisation
from mediation.meetings.services import la_cannot_arrange_record
from tests.factories.cases import (
    CertificateDueCaseFactory,
    MediationRequestedCaseFactory,
    meeting_held_on,
)
from tests.factories.people import staff_of

LONDON = ZoneInfo("Europe/London")
# A Wednesday. The decision letter (1 October 2026) was sent 20 days before.
TODAY = dt.date(2026, 10, 21)
DECISION_DATE = dt.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    # The verification rate limit lives in the cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_file_storage(fresh_file_storage: None) -> None:
    """A fresh file store per test: a certificate's file name is never taken by an earlier test's
    certificate."""


@pytest.fixture
def today() -> Iterator[dt.date]:
    """Freeze the clock at 10am on TODAY in London (time still ticks, for ordering)."""
    with time_machine.travel(dt.datetime(2026, 10, 21, 10, 0, tzinfo=LONDON), tick=True):
        yield TODAY


@pytest.fixture
def case_with_fact(served_la: Organisation, today: dt.date) -> Callable[..., Case]:
    """A case whose facts allow a certificate, through the real services:
    `case_with_fact("declined")` (the family declined mediation today), `"withdrawn"` (the LA was
    told today that the family wants mediation), `"after_mediation"` (and the mediation ended
    today, without agreement), `"la_cannot_arrange"` (and the LA said today it cannot arrange it).
    """

    def make(kind: str = "declined", **overrides: Any) -> Case:
        overrides.setdefault("local_authority", served_la)
        overrides.setdefault("decision_date", DECISION_DATE)
        if kind == "declined":
            return CertificateDueCaseFactory.create(**overrides)
        case = MediationRequestedCaseFactory.create(**overrides)
        actor = staff_of(case.local_authority, "coordinator")
        if kind == "after_mediation":
            meeting_held_on(case, day=today, arranged_on=today, actor=actor)
            outcome_record(case=case, outcome="no_agreement", concluded_on=today, actor=actor)
        elif kind == "la_cannot_arrange":
            la_cannot_arrange_record(case=case, on=today, note="Jo Smith, by phone.", actor=actor)
        case.refresh_from_db()
        return case

    return make


@pytest.fixture
def issue(staff: Callable[..., Any]) -> Callable[..., Any]:
    """Issue a certificate through the real service, as a mediation adviser."""
    from mediation.certificates.services import certificate_issue

    adviser = staff("mediation_adviser", full_name="Jordan Ellis")

    def do(case: Any, kind: str = "declined", **kwargs: Any) -> Any:
        kwargs.setdefault("issuer_name", "Jordan Ellis")
        kwargs.setdefault("issuer_role", "Mediation adviser")
        kwargs.setdefault("actor", adviser)
        return certificate_issue(case=case, kind=kind, **kwargs)

    return do


def pdf_text(data: bytes) -> str:
    """The text of a PDF, read back as a reader would (pypdf), with whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
