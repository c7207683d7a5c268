"""Dates and times written the GOV.UK way: "29 November 2025", "Friday 2 January 2026", "2:30pm"."""

from datetime import date, datetime

from django.utils import timezone


def govuk_date(value: date | datetime | None) -> str:
    """29 November 2025 (the GOV.UK style: no leading zero, full month, no ordinal)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return f"{value.day} {value:%B %Y}"


def govuk_date_short(value: date | datetime | None) -> str:
    """29 Nov 2025, for tables where space is short."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return f"{value.day} {value:%b %Y}"


def weekday_date(value: date | datetime | None) -> str:
    """Friday 2 January 2026."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return f"{value:%A} {govuk_date(value)}"


def govuk_time(value: datetime | None) -> str:
    """2:30pm, 10am, midday, midnight (the GOV.UK style guide's times)."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def govuk_datetime(value: datetime | None) -> str:
    """29 November 2025 at 2:30pm."""
    if value is None:
        return ""
    return f"{govuk_date(value)} at {govuk_time(value)}"


# -- clock ---------------------------------------------------------------------------------------

_SHORT_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_weekday_date(value: date) -> str:
    """Fri 2 Jan 2026, for a narrow table column (never locale-dependent)."""
    weekday, month = _SHORT_WEEKDAYS[value.weekday()], _SHORT_MONTHS[value.month - 1]
    return f"{weekday} {value.day} {month} {value.year}"
