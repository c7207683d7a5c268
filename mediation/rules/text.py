"""Plain-English date formatting shared by the explanations ("29 November 2025").

Kept free of locale settings on purpose: explanations must read the same on every server.
"""

from __future__ import annotations

from datetime import date

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(d: date) -> str:
    """Return a date as a parent would write it, e.g. "29 November 2025"."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def long_date_with_weekday(d: date) -> str:
    """Return a date with its weekday, e.g. "Friday 2 January 2026"."""
    return f"{WEEKDAY_NAMES[d.weekday()]} {d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """Return "1 working day" or "4 working days"."""
    if n == 1:
        return f"1 {singular}"
    return f"{n} {plural_form if plural_form is not None else singular + 's'}"


def sentence_case(text: str) -> str:
    """Capitalise the first letter only ("the LA's notice" -> "The LA's notice")."""
    return text[:1].upper() + text[1:]
