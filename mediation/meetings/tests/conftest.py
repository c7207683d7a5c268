"""Fixtures for meetings: a fixed day, and cases where the family wants mediation (or DR), with
parties and people taking part, made through the real services."""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from mediation.accounts.models import User
from mediation.cases.models import Case
from mediation.directory.models import Organisation
from mediation.meetings import selectors
from mediation.meetings.models import Meeting
from mediation.meetings.services import MeetingPlan
from tests.factories.cases import (
    DisagreementResolutionCaseFactory,
    MediationRequestedCaseFactory,
    MeetingArrangedCaseFactory,
)

LONDON = ZoneInfo("Europe/London")
# Monday 23 March 2026. Easter 2026: Good Friday 3 April, Easter Monday 6 April.
TODAY = dt.date(2026, 3, 23)
DECISION_DATE = dt.date(2026, 3, 2)
# The LA is told today, so the 30-day date is Wednesday 22 April 2026.
THIRTY_DAY_DATE = dt.date(2026, 4, 22)


def london(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _fresh_file_storage(fresh_file_storage: None) -> None:
    """Calendar files are stored for the e-mails: a fresh file store per test."""


@pytest.fixture
def today() -> Iterator[dt.date]:
    """10am on Monday 23 March 2026 in London (time still ticks, for ordering)."""
    with time_machine.travel(london(2026, 3, 23), tick=True):
        yield TODAY


# The family's needs these tests rely on (large print, a Polish interpreter) and the decision date.
MEETINGS_CASE = {
    "decision_date": DECISION_DATE,
    "needs_large_print": True,
    "interpreter_language": "Polish",
}


@pytest.fixture
def mediation_case(served_la_with_email: Organisation, today: dt.date) -> Callable[..., Case]:
    """A case where the family wants mediation (the LA told today), with the LA's decision maker
    and the school's SENCo taking part (`PEOPLE_TAKING_PART`), through the real services."""

    def make(*, with_people: bool = True, **overrides: Any) -> Case:
        return MediationRequestedCaseFactory.create(
            local_authority=served_la_with_email,
            with_people=with_people,
            **{**MEETINGS_CASE, **overrides},
        )

    return make


@pytest.fixture
def dr_case(served_la: Organisation, today: dt.date) -> Callable[..., Case]:
    """A disagreement resolution case (no EHC plan, a disagreement with the school), every party
    having agreed to take part."""

    def make(**overrides: Any) -> Case:
        overrides.setdefault("decision_date", DECISION_DATE)
        overrides.setdefault("agreed", True)
        return DisagreementResolutionCaseFactory.create(local_authority=served_la, **overrides)

    return make


@pytest.fixture
def plan() -> Callable[..., MeetingPlan]:
    """A meeting plan: by video on Wednesday 8 April 2026 at 10am unless told otherwise."""

    def make(**overrides: Any) -> MeetingPlan:
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
    served_la_with_email: Organisation,
    plan: Callable[..., MeetingPlan],
    coordinator: User,
    today: dt.date,
) -> Callable[..., Meeting]:
    """A mediation case (as `mediation_case()` makes) with a meeting arranged through the real
    service."""

    def make(**overrides: Any) -> Meeting:
        case = MeetingArrangedCaseFactory.create(
            local_authority=served_la_with_email,
            with_people=True,
            plan=plan(**overrides),
            arranger=coordinator,
            **MEETINGS_CASE,
        )
        meeting = selectors.current_meeting(case=case)
        assert meeting is not None
        return meeting

    return make
