"""The key dates as an iCalendar (.ics) file, for the family's own calendar.

Its own module: icalendar is slow to import and only the calendar download needs it, so the keydates
command (which uses the services) never loads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Final

from icalendar import Alarm, Calendar, Event

from mediation.rules import Deadline

# What a calendar entry is called, by deadline key. Anything else uses the rule's own title.
_CALENDAR_SUMMARIES: Final = {
    "appeal_deadline": "Appeal deadline: the SEND Tribunal must receive your appeal by 5pm",
    "adviser_contact_deadline": "Last day to contact a mediation adviser",
}


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
