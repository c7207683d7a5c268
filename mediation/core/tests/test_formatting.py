import datetime as dt

from mediation.core import formatting


def test_dates_in_govuk_style() -> None:
    assert formatting.govuk_date(dt.date(2025, 11, 29)) == "29 November 2025"
    assert formatting.govuk_date(dt.date(2026, 1, 2)) == "2 January 2026"
    assert formatting.weekday_date(dt.date(2026, 1, 2)) == "Friday 2 January 2026"
    assert formatting.govuk_date_short(dt.date(2026, 1, 2)) == "2 Jan 2026"
    assert formatting.govuk_date(None) == ""


def test_times_in_govuk_style() -> None:
    assert formatting.govuk_time(dt.datetime(2026, 1, 2, 14, 30)) == "2:30pm"
    assert formatting.govuk_time(dt.datetime(2026, 1, 2, 10, 0)) == "10am"
    assert formatting.govuk_time(dt.datetime(2026, 1, 2, 12, 0)) == "midday"
    assert formatting.govuk_time(dt.datetime(2026, 1, 2, 0, 0)) == "midnight"
    assert formatting.govuk_datetime(dt.datetime(2026, 1, 2, 9, 5)) == "2 January 2026 at 9:05am"
