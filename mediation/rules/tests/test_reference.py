"""The fast engine agrees with the naive day-by-day oracle on thousands of random inputs."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation.rules import CaseFacts, add_months, compute_deadlines, statutory_calendar
from mediation.rules.reference import (
    naive_add_months,
    naive_add_working_days,
    naive_closures,
    naive_deadlines,
    naive_is_working_day,
    naive_next_working_day_on_or_after,
    naive_statuses,
    naive_working_days_between,
    random_case,
)
from mediation.rules.tests.helpers import PROPERTY_SETTINGS

FIRST, LAST = date(2014, 6, 1), date(2040, 9, 30)
SPAN = (LAST - FIRST).days


def _random_day(rng: random.Random) -> date:
    return FIRST + timedelta(days=rng.randrange(SPAN + 1))


def test_same_closures_as_the_naive_oracle() -> None:
    assert statutory_calendar().closures == naive_closures()


def test_every_day_of_the_range_is_classified_alike() -> None:
    cal = statutory_calendar()
    day = date(2014, 1, 1)
    while day <= date(2040, 12, 31):
        assert cal.is_working_day(day) == naive_is_working_day(day), day
        day += timedelta(days=1)


def test_add_working_days_agrees_on_5000_random_inputs() -> None:
    rng = random.Random(20251001)
    cal = statutory_calendar()
    for _ in range(5000):
        day, n = _random_day(rng), rng.randint(-40, 40)
        assert cal.add_working_days(day, n) == naive_add_working_days(day, n), (day, n)


def test_working_days_between_agrees_on_5000_random_inputs() -> None:
    rng = random.Random(20251002)
    cal = statutory_calendar()
    for _ in range(5000):
        a = _random_day(rng)
        b = a + timedelta(days=rng.randint(-90, 90))
        assert cal.working_days_between(a, b) == naive_working_days_between(a, b), (a, b)


def test_next_working_day_agrees_on_5000_random_inputs() -> None:
    rng = random.Random(20251003)
    cal = statutory_calendar()
    for _ in range(5000):
        day = _random_day(rng)
        assert cal.next_working_day_on_or_after(day) == naive_next_working_day_on_or_after(day)


def test_add_months_agrees_with_relativedelta_on_5000_random_inputs() -> None:
    rng = random.Random(20251004)
    for _ in range(5000):
        day, n = _random_day(rng), rng.randint(-30, 30)
        assert add_months(day, n) == naive_add_months(day, n), (day, n)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_all_deadlines_agree_on_random_cases(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2000):
        events, flags = random_case(rng)
        fast = compute_deadlines(CaseFacts(events, flags)).due_dates()
        assert fast == naive_deadlines(events, flags), (events, flags)


@PROPERTY_SETTINGS
@given(
    day=st.dates(min_value=FIRST, max_value=LAST),
    n=st.integers(min_value=-25, max_value=25),
)
def test_add_working_days_agrees_for_any_date(day: date, n: int) -> None:
    assert statutory_calendar().add_working_days(day, n) == naive_add_working_days(day, n)


@PROPERTY_SETTINGS
@given(
    meeting=st.dates(min_value=FIRST, max_value=LAST),
    sent_offset=st.integers(min_value=30, max_value=100),
)
def test_meeting_notice_agrees_for_any_meeting_date(meeting: date, sent_offset: int) -> None:
    sent = meeting - timedelta(days=sent_offset)
    events = {"decision_sent": sent, "mediation_requested": sent, "meeting_date": meeting}
    fast = compute_deadlines(CaseFacts(events)).due_dates()
    assert fast == naive_deadlines(events)
    notice = fast["meeting_notice_due"]
    cal = statutory_calendar()
    assert cal.is_working_day(notice)
    assert cal.working_days_between(notice, meeting) == 5


def test_statuses_agree_on_random_cases() -> None:
    rng = random.Random(4)
    for _ in range(1000):
        events, flags = random_case(rng)
        today = events["decision_sent"] + timedelta(days=rng.randint(-30, 400))
        result = compute_deadlines(CaseFacts(events, flags), today)
        fast = {x.key: x.status.working_days for x in result if x.status is not None}
        assert fast == naive_statuses(result.due_dates(), today), (events, flags, today)
