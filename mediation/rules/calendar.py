"""Working days and calendar arithmetic for England.

A *working day* is Monday to Friday, except Christmas Day, Good Friday and the bank holidays in
England, including substitute days (legal-rules.md rule 25: the Regulations define no "working
day", so this is the usual statutory pattern; UNCERTAIN). 24 and 31 December are working days.

``WorkingCalendar`` answers every question by binary search on a table of working-day ordinals
built once, so a query costs O(log n) however far apart the dates are. The day-by-day version lives
in ``mediation.rules.reference`` and is used only as a test and benchmark oracle.

Month arithmetic follows the corresponding-date rule (Dodds v Walker [1981] 1 WLR 1027, HL;
legal-rules.md rule 21, VERIFIED): the period ends on the same day-number in the later month, or
on that month's last day when it has no such day (31 January + 1 month = 28 or 29 February).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Final, NoReturn

import holidays

from mediation.rules.errors import OutOfRangeError

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "OutOfRangeError",
    "WorkingCalendar",
    "add_days",
    "add_months",
    "add_weeks",
    "easter_sunday",
    "service_calendar",
    "statutory_calendar",
]

FIRST_YEAR: Final = 2014
LAST_YEAR: Final = 2040

# Days per month in a common year; February is fixed up for leap years in _days_in_month.
_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and _is_leap(year):
        return 29
    return _MONTH_DAYS[month - 1]


def add_months(d: date, n: int) -> date:
    """Return the corresponding date ``n`` calendar months after ``d`` (before it if negative).

    The day of the event is not counted and the period ends on the same day-number; when the target
    month is too short it ends on that month's last day: ``add_months(date(2025, 1, 31), 1)`` is
    28 February 2025 (Dodds v Walker; legal-rules.md rule 21).
    """
    # divmod keeps this one step however large n is, and handles negative n without a branch.
    year, month0 = divmod(d.year * 12 + d.month - 1 + n, 12)
    month = month0 + 1
    day = d.day
    if day > 28:
        last = _days_in_month(year, month)
        if day > last:
            day = last
    return date(year, month, day)


def add_weeks(d: date, n: int) -> date:
    """Return the date ``n`` calendar weeks after ``d`` (7 * n days; no working-day adjustment)."""
    return d + timedelta(days=7 * n)


def add_days(d: date, n: int) -> date:
    """Return the date ``n`` calendar days after ``d`` (no working-day adjustment)."""
    return d + timedelta(days=n)


def easter_sunday(year: int) -> date:
    """Return Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm).

    Computed here rather than trusted from the holidays package so Good Friday stays a closure
    even if that package ever changes how it lists it.
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


class WorkingCalendar:
    """An immutable working-day calendar over a range of whole years.

    Working day = Monday to Friday, except the closure dates given. Build it once and share it: the
    constructor walks every day of the range once to build the table; every query afterwards is a
    binary search (``bisect``) on the sorted working-day ordinals, so O(log n) and never a loop.

    Dates outside ``first_year``..``last_year`` (inclusive) raise ``OutOfRangeError``, and so does
    an answer that would fall outside the range: a silent wrong answer at the edge is worse than
    an error.
    """

    __slots__ = (
        "_closures",
        "_first_year",
        "_flags",
        "_last_year",
        "_max_ord",
        "_min_ord",
        "_name",
        "_wd",
    )

    _closures: frozenset[date]
    _first_year: int
    _flags: bytes
    _last_year: int
    _max_ord: int
    _min_ord: int
    _name: str
    _wd: array[int]

    def __init__(
        self,
        closures: Iterable[date],
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
        name: str = "working calendar",
    ) -> None:
        """Build the calendar. ``closures`` may include weekend dates; they change nothing."""
        if first_year > last_year:
            raise ValueError(f"first_year {first_year} is after last_year {last_year}")
        min_ord = date(first_year, 1, 1).toordinal()
        max_ord = date(last_year, 12, 31).toordinal()
        closure_set = frozenset(closures)
        closed_ords = {c.toordinal() for c in closure_set}
        flags = bytearray(max_ord - min_ord + 1)
        working: list[int] = []
        for o in range(min_ord, max_ord + 1):
            # date(1, 1, 1) has ordinal 1 and is a Monday, so (o - 1) % 7 is the weekday.
            if (o - 1) % 7 < 5 and o not in closed_ords:
                flags[o - min_ord] = 1
                working.append(o)
        # object.__setattr__ because __setattr__ below refuses all writes.
        object.__setattr__(self, "_closures", closure_set)
        object.__setattr__(self, "_first_year", first_year)
        object.__setattr__(self, "_last_year", last_year)
        object.__setattr__(self, "_min_ord", min_ord)
        object.__setattr__(self, "_max_ord", max_ord)
        object.__setattr__(self, "_flags", bytes(flags))
        object.__setattr__(self, "_wd", array("i", working))
        object.__setattr__(self, "_name", name)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"WorkingCalendar is immutable (tried to set {name!r})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"WorkingCalendar is immutable (tried to delete {name!r})")

    def __repr__(self) -> str:
        return (
            f"<WorkingCalendar {self._name!r} {self._first_year}-{self._last_year}, "
            f"{len(self._closures)} closure dates>"
        )

    # -- range ---------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """A label for messages ("statutory calendar for England")."""
        return self._name

    @property
    def first_year(self) -> int:
        """The first year covered (inclusive)."""
        return self._first_year

    @property
    def last_year(self) -> int:
        """The last year covered (inclusive)."""
        return self._last_year

    @property
    def first_date(self) -> date:
        """1 January of the first year."""
        return date.fromordinal(self._min_ord)

    @property
    def last_date(self) -> date:
        """31 December of the last year."""
        return date.fromordinal(self._max_ord)

    @property
    def closures(self) -> frozenset[date]:
        """Every closure date the calendar was built with (weekend ones included)."""
        return self._closures

    def covers(self, d: date) -> bool:
        """Return True when ``d`` is inside the calendar's range."""
        return self._min_ord <= d.toordinal() <= self._max_ord

    def _out_of_range(self, d: date | int, what: str = "Date") -> NoReturn:
        shown = d if isinstance(d, date) else date.fromordinal(max(1, d))
        raise OutOfRangeError(
            f"{what} {shown.isoformat()} is outside the {self._name}, which covers "
            f"{self._first_year} to {self._last_year}."
        )

    def _ord(self, d: date) -> int:
        o = d.toordinal()
        if o < self._min_ord or o > self._max_ord:
            self._out_of_range(d)
        return o

    # -- queries -------------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """Return True when ``d`` is a working day (Monday to Friday and not a closure)."""
        o = d.toordinal()
        if o < self._min_ord or o > self._max_ord:
            self._out_of_range(d)
        return self._flags[o - self._min_ord] == 1

    def add_working_days(self, d: date, n: int) -> date:
        """Return the ``n``-th working day strictly after ``d`` (strictly before it if n < 0).

        The day ``d`` itself is never counted, whether or not it is a working day: 3 working days
        after Tuesday 23 December 2025 is Tuesday 30 December 2025 (legal-rules.md E2).
        ``n == 0`` returns ``d`` unchanged, so ``working_days_between(d, result) == n`` always.
        """
        o = self._ord(d)
        wd = self._wd
        if n > 0:
            # bisect_right counts the working days on or before d; the next one is at that index.
            idx = bisect_right(wd, o) + n - 1
        elif n < 0:
            # bisect_left counts the working days strictly before d; the last one is at idx - 1.
            idx = bisect_left(wd, o) + n
        else:
            return d
        if idx < 0 or idx >= len(wd):
            self._out_of_range(d, f"{n:+d} working days from")
        return date.fromordinal(wd[idx])

    def next_working_day_on_or_after(self, d: date) -> date:
        """Return ``d`` if it is a working day, otherwise the next working day after it."""
        o = self._ord(d)
        wd = self._wd
        idx = bisect_left(wd, o)
        if idx >= len(wd):
            self._out_of_range(d, "The working day on or after")
        return date.fromordinal(wd[idx])

    def previous_working_day_on_or_before(self, d: date) -> date:
        """Return ``d`` if it is a working day, otherwise the last working day before it."""
        o = self._ord(d)
        wd = self._wd
        idx = bisect_right(wd, o) - 1
        if idx < 0:
            self._out_of_range(d, "The working day on or before")
        return date.fromordinal(wd[idx])

    def working_days_on_or_before(self, d: date) -> int:
        """Return how many working days of the calendar fall on or before ``d``."""
        return bisect_right(self._wd, self._ord(d))

    def working_days_before(self, d: date) -> int:
        """Return how many working days of the calendar fall strictly before ``d``."""
        return bisect_left(self._wd, self._ord(d))

    def working_days_between(self, a: date, b: date) -> int:
        """Return the signed number of working days from ``a`` to ``b``, counted like a step.

        Forwards (``b`` after ``a``): the working days after ``a`` up to and including ``b``.
        Backwards (``b`` before ``a``): minus the working days from ``b`` up to but excluding
        ``a``. So it is the exact inverse of ``add_working_days`` from any start, working day or
        not: ``working_days_between(a, add_working_days(a, n)) == n``. Between two working days it
        is antisymmetric; it is 0 when no working day is crossed.
        """
        oa, ob = self._ord(a), self._ord(b)
        wd = self._wd
        if ob >= oa:
            return bisect_right(wd, ob) - bisect_right(wd, oa)
        return bisect_left(wd, ob) - bisect_left(wd, oa)

    def working_days_in_year(self, year: int) -> int:
        """Return how many working days ``year`` has (handy for sanity checks and reports)."""
        if year < self._first_year or year > self._last_year:
            self._out_of_range(date(year, 1, 1), "Year starting")
        wd = self._wd
        return bisect_right(wd, date(year, 12, 31).toordinal()) - bisect_left(
            wd, date(year, 1, 1).toordinal()
        )

    def closures_on_weekdays(self, year: int) -> list[date]:
        """Return the closure dates of ``year`` that fall Monday to Friday, sorted.

        These are the days that actually stop the clock; a bank holiday on a Saturday changes
        nothing (its substitute Monday is listed instead).
        """
        return sorted(c for c in self._closures if c.year == year and c.weekday() < 5)

    def with_closures(self, extra: Iterable[date], name: str | None = None) -> WorkingCalendar:
        """Return a new calendar with ``extra`` closure dates added (this one is unchanged)."""
        return WorkingCalendar(
            self._closures | frozenset(extra),
            self._first_year,
            self._last_year,
            name if name is not None else f"{self._name} with extra closures",
        )


def _statutory_closures(first_year: int, last_year: int) -> frozenset[date]:
    years = range(first_year, last_year + 1)
    # The same class as holidays.UK(subdiv="ENG", ...); this spelling is the typed entry point.
    closures = set(holidays.country_holidays("GB", subdiv="ENG", years=years).keys())
    # Christmas Day and Good Friday are common-law holidays, not bank holidays under the 1971 Act,
    # so add them ourselves in case the package ever lists only "bank" holidays.
    for year in years:
        closures.add(date(year, 12, 25))
        closures.add(easter_sunday(year) - timedelta(days=2))
    return frozenset(closures)


@lru_cache(maxsize=1)
def statutory_calendar() -> WorkingCalendar:
    """Return the shared statutory working-day calendar for England, 2014 to 2040.

    Closures: England & Wales bank holidays from the ``holidays`` package (with substitute days and
    one-off days such as 19 September 2022 and 8 May 2023), plus Christmas Day and Good Friday,
    added explicitly. Every statutory deadline uses this calendar, never a service's own closures.
    """
    return WorkingCalendar(
        _statutory_closures(FIRST_YEAR, LAST_YEAR),
        FIRST_YEAR,
        LAST_YEAR,
        "statutory calendar for England",
    )


@lru_cache(maxsize=64)
def _service_calendar(extra: frozenset[date]) -> WorkingCalendar:
    return statutory_calendar().with_closures(extra, "service calendar")


def service_calendar(extra_closures: Iterable[date]) -> WorkingCalendar:
    """Return the statutory calendar plus a provider's own closure days (e.g. 24 Dec to 1 Jan).

    Use it for the service's own targets only: statutory deadlines always count on
    ``statutory_calendar()``, because the law does not pause for a provider's office closure.
    Calendars are cached by their set of extra dates, so calling this per request is cheap.
    """
    extra = frozenset(extra_closures)
    for d in extra:
        if not isinstance(d, date):
            raise TypeError(f"closure dates must be dates, not {type(d).__name__}")
    return _service_calendar(extra)
