"""Fixtures for meetings: a fixed day, and cases where the family wants mediation (or DR), with
parties and people taking part, made through the real services."""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

LONDON = ZoneInfo("Europe/London")
# Monday 23 March 2026. Easter 2026: Good Friday 3 April, Easter Monday 6 April.
TODAY = dt.date(2026, 3, 23)
DECISION_DATE = dt.date(2026, 3, 2)
# The LA is told today, so the 30-day date is Wednesday 22 April 2026.
THIRTY_DAY_DATE = dt.date(2026, 4, 22)


def london(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _fresh_file_storage(settings: Any) -> None:
    # Calendar files are stored for the e-mails: a fresh in-memory store per test.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def today() -> Iterator[dt.date]:
    """10am on Monday 23 March 2026 in London (time still ticks, for ordering)."""
    with time_machine.travel(london(2026, 3, 23), tick=True):
        yield TODAY


@pytest.fixture
def coordinator(staff: Callable[..., Any]) -> Any:
    return staff("coordinator", full_name="Priya Shah", email="priya@test.example")


@pytest.fixture
def mediation_case(
    make_case: Callable[..., Any], staff: Callable[..., Any], served_la: Any, today: dt.date
) -> Callable[..., Any]:
    """A case where the family wants mediation (the LA told today), with the LA's decision maker
    and the school's SENCo taking part, through the real services."""
    from mediation.advice.services import decision_record
    from mediation.cases.parties import participant_add, party_add
    from mediation.cases.services import case_confirm_route
    from mediation.directory.tests.factories import SchoolFactory

    if not served_la.email:
        served_la.email = "sen.team@islington.example"
        served_la.save(update_fields=["email"])

    def make(*, with_people: bool = True, **overrides: Any) -> Any:
        overrides.setdefault("wants", "mediation")
        overrides.setdefault("decision_date", DECISION_DATE)
        overrides.setdefault("needs_large_print", True)
        overrides.setdefault("interpreter_language", "Polish")
        case = make_case(**overrides)
        adviser = staff("mediation_adviser")
        case_confirm_route(case=case, route="mediation_information", reason="", actor=adviser)
        decision_record(case=case, outcome="wants_mediation", decided_on=today, actor=adviser)
        case.refresh_from_db()
        if with_people:
            la = case.parties.get(kind="local_authority")
            participant_add(
                case=case,
                party=la,
                name="Jo Bloggs",
                role="decision_maker",
                email="jo.bloggs@islington.example",
                is_decision_maker=True,
                actor=adviser,
            )
            school = party_add(
                case=case, kind="school", organisation=SchoolFactory(), actor=adviser
            )
            participant_add(
                case=case,
                party=school,
                name="Sam Teacher",
                role="senco",
                email="senco@school.example",
                actor=adviser,
            )
            participant_add(
                case=case,
                party=case.parties.get(kind="family"),
                name="Chris Helper",
                role="supporter",
                actor=adviser,
            )
        return case

    return make


@pytest.fixture
def dr_case(
    make_case: Callable[..., Any], staff: Callable[..., Any], served_la: Any, today: dt.date
) -> Callable[..., Any]:
    """A disagreement resolution case (no EHC plan, a disagreement with the school)."""
    from mediation.cases.parties import participant_add, party_add
    from mediation.cases.services import MatterInput, case_confirm_route
    from mediation.directory.tests.factories import SchoolFactory

    def make(**overrides: Any) -> Any:
        overrides.setdefault("wants", "disagreement_resolution")
        overrides.setdefault("decision_date", DECISION_DATE)
        overrides.setdefault("matters", [MatterInput(decision="other_disagreement")])
        case = make_case(**overrides)
        coordinator = staff("coordinator")
        case_confirm_route(case=case, route="disagreement_resolution", reason="", actor=coordinator)
        school = party_add(case=case, kind="school", organisation=SchoolFactory(), actor=None)
        participant_add(
            case=case,
            party=school,
            name="Pat Head",
            role="other",
            email="head@school.example",
            actor=coordinator,
        )
        case.refresh_from_db()
        return case

    return make


@pytest.fixture
def plan() -> Callable[..., Any]:
    """A meeting plan: by video on Wednesday 8 April 2026 at 10am unless told otherwise."""
    from mediation.meetings.services import MeetingPlan

    def make(**overrides: Any) -> Any:
        values: dict[str, Any] = {
            "format": "video",
            "starts_at": london(2026, 4, 8),
            "video_link": "https://meet.example/abc-defg-hij",
            "arrangements": "Interpreter: Polish.",
        }
        values.update(overrides)
        return MeetingPlan(**values)

    return make


@pytest.fixture
def arranged(
    mediation_case: Callable[..., Any], plan: Callable[..., Any], coordinator: Any
) -> Callable[..., Any]:
    """A mediation case with a meeting arranged through the real service."""
    from mediation.meetings.services import meeting_arrange

    def make(**overrides: Any) -> Any:
        case = mediation_case()
        return meeting_arrange(case=case, plan=plan(**overrides), actor=coordinator)

    return make
