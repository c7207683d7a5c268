"""Compulsory school age, young people and who holds the rights."""

from __future__ import annotations

import pytest

from mediation.rules import (
    RulesInputError,
    compulsory_school_age_end,
    is_young_person,
    rights_change_date,
    rights_holder,
    school_leaving_date,
)
from mediation.rules.age import age_reached_on
from mediation.rules.tests.helpers import d


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2023, "2023-06-30"), (2024, "2024-06-28"), (2025, "2025-06-27"), (2026, "2026-06-26")],
    ids=lambda v: str(v),
)
def test_school_leaving_date_is_the_last_friday_in_june(year: int, expected: str) -> None:
    assert school_leaving_date(year) == d(expected)
    assert school_leaving_date(year).weekday() == 4


@pytest.mark.parametrize(
    ("dob", "expected"),
    [
        ("2007-09-23", "2024-06-28"),  # IPSEA's example
        ("2008-08-31", "2024-06-28"),  # 16 after the leaving date, before the new school year
        ("2008-06-28", "2024-06-28"),  # 16 on the leaving date itself
        ("2008-09-01", "2025-06-27"),  # 16 on the first day of the next school year
        ("2008-02-29", "2024-06-28"),  # leap-day birthday in a leap year
        ("2009-02-28", "2025-06-27"),
        ("2010-07-15", "2026-06-26"),
    ],
    ids=["ipsea", "august-birthday", "on-leaving-date", "september-1", "leap-day", "feb", "july"],
)
def test_compulsory_school_age_end(dob: str, expected: str) -> None:
    assert compulsory_school_age_end(d(dob)) == d(expected)


def test_leap_day_birthdays_reach_an_age_on_1_march_in_a_common_year() -> None:
    assert age_reached_on(d("2004-02-29"), 25) == d("2029-03-01")
    assert age_reached_on(d("2004-02-29"), 20) == d("2024-02-29")


@pytest.mark.parametrize(
    ("on", "young", "holder"),
    [
        ("2020-01-01", False, "parent"),
        ("2024-06-28", False, "parent"),  # the last day of compulsory school age
        ("2024-06-29", True, "young_person"),  # rights pass the next day
        ("2032-09-22", True, "young_person"),  # the day before the 25th birthday
        ("2032-09-23", False, "over_25"),
    ],
)
def test_rights_holder_and_young_person(on: str, young: bool, holder: str) -> None:
    dob = d("2007-09-23")
    assert is_young_person(dob, d(on)) is young
    assert rights_holder(dob, d(on)) == holder


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-06-01", "2024-07-31", "2024-06-29"),
        ("2024-06-29", "2024-06-29", "2024-06-29"),
        ("2024-06-30", "2024-09-01", None),
        ("2024-01-01", "2024-06-28", None),
    ],
    ids=["during", "that-day", "after", "before"],
)
def test_rights_change_date(start: str, end: str, expected: str | None) -> None:
    result = rights_change_date(d("2007-09-23"), d(start), d(end))
    assert result == (None if expected is None else d(expected))


def test_bad_age_inputs() -> None:
    with pytest.raises(RulesInputError, match="before the start"):
        rights_change_date(d("2007-09-23"), d("2024-07-01"), d("2024-06-01"))
    with pytest.raises(RulesInputError, match="before the date of birth"):
        rights_holder(d("2007-09-23"), d("2007-09-22"))
