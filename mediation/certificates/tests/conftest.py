"""Fixtures for certificates: cases whose facts allow each kind, at a fixed, known date."""

import datetime as dt
import io
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

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
def _fresh_file_storage(settings: Any) -> None:
    # The test settings keep files in memory for the whole run; a fresh store per test means
    # a certificate's file name is never taken by an earlier test's certificate.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def today() -> Iterator[dt.date]:
    """Freeze the clock at 10am on TODAY in London (time still ticks, for ordering)."""
    with time_machine.travel(dt.datetime(2026, 10, 21, 10, 0, tzinfo=LONDON), tick=True):
        yield TODAY


@pytest.fixture
def case_with_fact(make_case: Callable[..., Any], today: dt.date) -> Callable[..., Any]:
    """A case whose facts allow a certificate: `case_with_fact("declined")` and so on."""
    from mediation.cases.services import case_record_clock_event

    events = {
        "declined": ("mediation_declined", {}),
        "after_mediation": ("mediation_concluded", {"wants": "mediation"}),
        "la_cannot_arrange": ("la_cannot_arrange", {"wants": "mediation"}),
        "withdrawn": (None, {"wants": "mediation"}),
    }

    def make(kind: str = "declined", **overrides: Any) -> Any:
        event, defaults = events[kind]
        overrides.setdefault("decision_date", DECISION_DATE)
        case = make_case(**{**defaults, **overrides})
        if kind in {"after_mediation", "la_cannot_arrange", "withdrawn"}:
            case_record_clock_event(case=case, event="mediation_requested", on=today)
        if event is not None:
            case_record_clock_event(case=case, event=event, on=today)
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
