"""The working-day calendar and month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.easter import easter

from mediation.rules import (
    OutOfRangeError,
    RulesInputError,
    WorkingCalendar,
    add_days,
    add_months,
    add_weeks,
    service_calendar,
    statutory_calendar,
)
from mediation.rules.calendar import easter_sunday
from mediation.rules.tests.helpers import d

# legal-rules.md rule 25: the bank holidays (Monday to Friday) of 2025-2027, exactly.
RULE_25 = {
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
}


@pytest.mark.parametrize("year", sorted(RULE_25))
def test_bank_holidays_match_rule_25_exactly(year: int) -> None:
    expected = [d(f"{year}-{md}") for md in RULE_25[year]]
    assert statutory_calendar().closures_on_weekdays(year) == expected


@pytest.mark.parametrize(
    "day",
    ["2025-12-24", "2025-12-31", "2026-12-24", "2026-12-31", "2027-12-24", "2027-12-31"],
)
def test_christmas_eve_and_new_years_eve_are_working_days(day: str) -> None:
    assert statutory_calendar().is_working_day(d(day))


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2022-09-19", "State funeral of Queen Elizabeth II"),
        ("2023-05-08", "Coronation of King Charles III"),
        ("2022-06-03", "Platinum Jubilee"),
        ("2026-12-28", "Boxing Day substitute"),
        ("2027-12-27", "Christmas Day substitute"),
        ("2027-12-28", "Boxing Day substitute"),
        ("2020-05-08", "VE Day: the early May bank holiday moved"),
    ],
    ids=lambda v: str(v),
)
def test_one_off_and_substitute_days_are_closures(day: str, why: str) -> None:
    assert not statutory_calendar().is_working_day(d(day)), why


def test_christmas_day_and_good_friday_are_always_closures() -> None:
    cal = statutory_calendar()
    for year in range(2014, 2041):
        assert date(year, 12, 25) in cal.closures
        assert easter(year) - (easter(year) - easter_sunday(year)) == easter_sunday(year)
        assert easter_sunday(year) == easter(year)
        good_friday = date.fromordinal(easter(year).toordinal() - 2)
        assert good_friday in cal.closures
        assert not cal.is_working_day(good_friday)


def test_calendar_covers_2014_to_2040() -> None:
    cal = statutory_calendar()
    assert (cal.first_year, cal.last_year) == (2014, 2040)
    assert cal.first_date == d("2014-01-01")
    assert cal.last_date == d("2040-12-31")
    assert statutory_calendar() is cal  # built once


@pytest.mark.parametrize("day", ["2013-12-31", "2041-01-01", "1999-06-01"])
def test_dates_outside_the_range_raise(day: str) -> None:
    cal = statutory_calendar()
    with pytest.raises(OutOfRangeError, match="2014 to 2040"):
        cal.is_working_day(d(day))
    with pytest.raises(OutOfRangeError):
        cal.add_working_days(d(day), 1)
    with pytest.raises(OutOfRangeError):
        cal.working_days_between(d("2020-01-01"), d(day))


def test_results_past_the_end_raise_instead_of_guessing() -> None:
    cal = statutory_calendar()
    with pytest.raises(OutOfRangeError):
        cal.add_working_days(d("2040-12-28"), 5)
    with pytest.raises(OutOfRangeError):
        cal.add_working_days(d("2014-01-03"), -5)
    with pytest.raises(OutOfRangeError):
        cal.previous_working_day_on_or_before(d("2014-01-01"))  # a closure, first day of range
    assert issubclass(OutOfRangeError, RulesInputError)
    assert issubclass(OutOfRangeError, ValueError)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2025-12-23", 3, "2025-12-30"),  # E2
        ("2026-04-01", 3, "2026-04-08"),  # E7
        ("2026-04-02", 3, "2026-04-09"),  # E8
        ("2026-12-24", 3, "2026-12-31"),  # E13
        ("2025-12-31", 3, "2026-01-06"),  # E3
        ("2026-04-04", 1, "2026-04-07"),  # from a Saturday over Easter Monday
        ("2026-04-07", -1, "2026-04-02"),  # back over Easter
        ("2026-04-06", -1, "2026-04-02"),  # from a closure, backwards
        ("2026-04-05", 0, "2026-04-05"),  # zero leaves the date alone, even a Sunday
        ("2026-01-05", 5, "2026-01-12"),
        ("2026-01-12", -5, "2026-01-05"),
    ],
)
def test_add_working_days(start: str, n: int, expected: str) -> None:
    assert statutory_calendar().add_working_days(d(start), n) == d(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2025-12-23", "2025-12-30", 3),
        ("2025-12-30", "2025-12-23", -3),
        ("2026-04-02", "2026-04-06", 0),  # Good Friday, weekend, Easter Monday
        ("2026-04-03", "2026-04-07", 1),
        ("2026-01-05", "2026-01-05", 0),
        ("2026-01-01", "2026-12-31", 253),  # 261 weekdays less 8 bank holidays
    ],
)
def test_working_days_between(a: str, b: str, expected: int) -> None:
    assert statutory_calendar().working_days_between(d(a), d(b)) == expected


def test_working_days_in_a_year() -> None:
    # 261 weekdays less the 8 weekday bank holidays, in both years.
    assert statutory_calendar().working_days_in_year(2026) == 253
    assert statutory_calendar().working_days_in_year(2014) == 253
    # 2022 had two one-off days (the Platinum Jubilee and the Queen's funeral).
    assert statutory_calendar().working_days_in_year(2022) == 260 - 10


def test_next_and_previous_working_day() -> None:
    cal = statutory_calendar()
    assert cal.next_working_day_on_or_after(d("2026-04-03")) == d("2026-04-07")
    assert cal.next_working_day_on_or_after(d("2026-04-07")) == d("2026-04-07")
    assert cal.previous_working_day_on_or_before(d("2026-04-06")) == d("2026-04-02")
    assert cal.previous_working_day_on_or_before(d("2026-04-02")) == d("2026-04-02")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),  # leap year
        ("2025-10-01", 2, "2025-12-01"),  # IPSEA: 1 Oct + 2 months = 1 Dec
        ("2025-12-31", 2, "2026-02-28"),  # E5
        ("2026-12-30", 2, "2027-02-28"),  # E15
        ("2025-01-31", 2, "2025-03-31"),  # E4: the date exists
        ("2025-08-31", 1, "2025-09-30"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2025-03-31", -1, "2025-02-28"),
        ("2025-01-15", -1, "2024-12-15"),
        ("2025-05-15", 24, "2027-05-15"),
        ("2025-05-15", 0, "2025-05-15"),
    ],
)
def test_add_months_corresponding_date_with_month_end_clamp(
    start: str, months: int, expected: str
) -> None:
    assert add_months(d(start), months) == d(expected)


def test_add_weeks_and_days() -> None:
    assert add_weeks(d("2026-03-27"), 5) == d("2026-05-01")
    assert add_weeks(d("2026-03-27"), -1) == d("2026-03-20")
    assert add_days(d("2025-12-01"), 30) == d("2025-12-31")


def test_service_calendar_adds_closures_without_touching_the_statutory_one() -> None:
    closures = [d("2025-12-24"), d("2025-12-29"), d("2025-12-30"), d("2025-12-31")]
    service = service_calendar(closures)
    statutory = statutory_calendar()
    assert not service.is_working_day(d("2025-12-24"))
    assert statutory.is_working_day(d("2025-12-24"))
    assert service.add_working_days(d("2025-12-23"), 3) == d("2026-01-06")
    assert statutory.add_working_days(d("2025-12-23"), 3) == d("2025-12-30")
    assert service_calendar(reversed(closures)) is service  # cached by the set of dates
    assert statutory.closures < service.closures


def test_service_calendar_rejects_non_dates() -> None:
    with pytest.raises(TypeError):
        service_calendar(["2025-12-24"])  # type: ignore[list-item]


def test_calendar_is_immutable() -> None:
    cal = statutory_calendar()
    with pytest.raises(AttributeError):
        cal._wd = None  # type: ignore[assignment]
    with pytest.raises(AttributeError):
        cal.anything = 1
    with pytest.raises(AttributeError):
        del cal._flags


def test_a_custom_calendar() -> None:
    cal = WorkingCalendar([d("2030-01-02")], first_year=2030, last_year=2030, name="test")
    assert not cal.is_working_day(d("2030-01-02"))
    assert cal.is_working_day(d("2030-01-01"))  # no statutory closures in a custom calendar
    assert cal.add_working_days(d("2030-01-01"), 1) == d("2030-01-03")
    assert "test" in repr(cal)
    with pytest.raises(OutOfRangeError, match="2030 to 2030"):
        cal.is_working_day(d("2031-01-01"))
    with pytest.raises(ValueError, match="after last_year"):
        WorkingCalendar([], first_year=2031, last_year=2030)
