"""Small helpers around the statutory clock (``mediation.rules``) for the public tools and CLI.

Nothing here stores anything: the key dates and certificate tools are pure functions of what the
visitor typed, so a result can be bookmarked or shared without keeping personal data.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache
from typing import Final

from mediation.rules import (
    FIRST_YEAR,
    LAST_YEAR,
    CaseFacts,
    Deadline,
    DeadlineList,
    RulesInputError,
    compute_deadlines,
    plan_conflicts,
)

FIRST_COUNTABLE_DATE: Final = date(FIRST_YEAR, 1, 1)
LAST_CALENDAR_DATE: Final = date(LAST_YEAR, 12, 31)

_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

# What a calendar entry is called, by deadline key. Anything else uses the rule's own title.
_CALENDAR_SUMMARIES: Final = {
    "appeal_deadline": "Appeal deadline: the SEND Tribunal must receive your appeal by 5pm",
    "adviser_contact_deadline": "Last day to contact a mediation adviser",
}


def short_date(value: date) -> str:
    """Return a date for a narrow table column, e.g. "Fri 2 Jan 2026" (never locale-dependent)."""
    return f"{_WEEKDAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1]} {value.year}"


def _countable(events: dict[str, date]) -> bool:
    try:
        compute_deadlines(CaseFacts(events))
    except RulesInputError:
        return False
    return True


@cache
def latest_decision_date() -> date:
    """The latest decision letter date whose deadlines still fall inside the calendar (to 2040).

    Found by asking the engine rather than by repeating its arithmetic here, so a change to the
    rules moves this limit too. Deadlines only grow with the date, so the first date that works,
    counting back from the end of the calendar, is the limit.
    """
    day = LAST_CALENDAR_DATE
    while not _countable({"decision_sent": day}):
        day -= timedelta(days=1)
    return day


@cache
def latest_certificate_date() -> date:
    """The latest certificate date whose appeal deadline still falls inside the calendar."""
    day = LAST_CALENDAR_DATE
    while not _countable({"decision_sent": FIRST_COUNTABLE_DATE, "certificate_issued": day}):
        day -= timedelta(days=1)
    return day


def key_dates_compute(
    *, decision_sent: date, certificate_issued: date | None = None, today: date | None = None
) -> DeadlineList:
    """Return the deadlines for a decision letter (and a certificate, if there is one).

    Raises ``RulesInputError`` for dates the rules cannot use (out of range, or a certificate
    dated before the decision letter).
    """
    events = {"decision_sent": decision_sent}
    if certificate_issued is not None:
        events["certificate_issued"] = certificate_issued
    return compute_deadlines(CaseFacts(events), today=today)


def key_dates_calendar(
    *,
    deadlines: Iterable[Deadline],
    decision_sent: date,
    certificate_issued: date | None,
    service_name: str,
    domain: str,
    result_url: str,
    now: datetime,
) -> bytes:
    """Build an iCalendar file with one all-day event (and a week-ahead reminder) per deadline.

    Each event's UID depends only on the deadline and the dates typed, so downloading the file
    again for the same dates updates the entries in a calendar instead of adding copies.
    """
    # Imported here: icalendar is slow to import, and the keydates command never needs it.
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//{service_name}//Key dates//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "SEND appeal key dates")
    inputs = f"{decision_sent.isoformat()}-" + (
        certificate_issued.isoformat() if certificate_issued else "no-certificate"
    )
    for deadline in deadlines:
        summary = _CALENDAR_SUMMARIES.get(deadline.key, deadline.title)
        event = Event()
        event.add("uid", f"{deadline.key}-{inputs}@{domain}")
        event.add("dtstamp", now)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + timedelta(days=1))
        event.add("summary", summary)
        event.add(
            "description",
            f"{deadline.explanation}\n\n"
            f"Rule: {deadline.citation} ({deadline.rule.source_url})\n\n"
            f"Worked out by {service_name}. If anything changes, for example you get a mediation"
            f" certificate, work your dates out again: {result_url}",
        )
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["SEND"])
        reminder = Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", f"In 1 week: {summary}")
        reminder.add("trigger", timedelta(days=-7))
        event.add_component(reminder)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def certificate_plan_conflicts(*, matters: Iterable[str], plan_status: str) -> list[str]:
    """Return the matters that cannot be chosen with this plan status, in the order given.

    The rules know which matters need an existing plan (``MATTERS_NEEDING_A_PLAN``), so a form can
    name exactly the choices its error message is about.
    """
    return plan_conflicts(matters, plan_status)
