"""The meeting as a calendar file: iCalendar (RFC 5545) with RFC 5546's METHOD.

The UID is stable for the life of the meeting and SEQUENCE is the meeting's, so a calendar that
was sent an earlier version replaces it (or, with METHOD:CANCEL, removes it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from mediation.meetings import presenters, selectors
from mediation.meetings.choices import LONDON, MeetingFormat

if TYPE_CHECKING:
    from mediation.cases.models import Case
    from mediation.meetings.models import Meeting
    from mediation.meetings.selectors import Recipient

PRODID = "-//SEND mediation and disagreement resolution//Meetings//EN"
METHODS = frozenset({"REQUEST", "CANCEL"})
# Calendars remind everyone a day before and an hour before.
ALARMS_MINUTES_BEFORE = (24 * 60, 60)


def meeting_ics(
    *,
    meeting: Meeting,
    method: str = "REQUEST",
    recipient: Recipient | None = None,
    attendees: list[Recipient] | None = None,
) -> bytes:
    """The meeting as an iCalendar file.

    `method` is REQUEST (invitation or update) or CANCEL. Attendees are the people sent the
    meeting (or `attendees`), the mediator as CHAIR; in a file for a party the family has not
    agreed to share its information with, the family's names and addresses are left out.
    Without a `recipient` (staff downloading it), everyone is listed.
    """
    if method not in METHODS:
        raise ValueError(f"Unsupported iTIP method {method!r}")
    cancelled = method == "CANCEL"
    people = selectors.recipients_invited(meeting=meeting) if attendees is None else attendees
    event = _event(meeting, cancelled=cancelled)
    event.add("organizer", _organiser(meeting.case))
    for person in _listed(people, recipient):
        event.add("attendee", _attendee(person))
    if not cancelled:
        _add_alarms(event, presenters.meeting_title(meeting.case))
    calendar = _calendar(method)
    calendar.add_component(event)
    _add_timezone(calendar, meeting)
    return bytes(calendar.to_ical())


def meeting_ics_filename(meeting: Meeting) -> str:
    return f"{meeting.case.reference}-meeting.ics"


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the life of the meeting, so calendars update (or remove) the same event."""
    host = urlsplit(settings.SITE_URL).hostname or "mediation.invalid"
    return f"meeting-{meeting.pk}@{host}"


def organiser_name(case: Case) -> str:
    return f"{settings.SERVICE_PROVIDER_NAME} ({case.service.name} service)"


def ics_location(meeting: Meeting) -> str:
    if meeting.format == MeetingFormat.IN_PERSON:
        return ", ".join([meeting.venue_name, *presenters.address_lines(meeting.venue_address)])
    if meeting.format == MeetingFormat.VIDEO:
        return meeting.video_link
    return f"By phone: {' '.join(meeting.dial_in.split())}"


def ics_description(meeting: Meeting, *, cancelled: bool) -> str:
    case = meeting.case
    kind = presenters.meeting_kind_label(case)
    phone = presenters.contact_phone(case)
    email = presenters.contact_email(case)
    if cancelled:
        return (
            f"This {kind} has been cancelled. Case reference: {case.reference}.\n"
            f"Questions: phone {phone} or email {email}."
        )
    return "\n".join(
        [
            f"SEND {kind} arranged by {settings.SERVICE_PROVIDER_NAME}.",
            f"Case reference: {case.reference}",
            f"How to join: {presenters.how_to_join(meeting)}",
            f"Length: about {presenters.duration_label(meeting.duration_minutes)}",
            "What to bring: your case summary (send it to us before the meeting if you have not "
            "already) and any papers you want to refer to.",
            "The meeting is confidential.",
            f"Questions or changes: phone {phone} or email {email}.",
        ]
    )


# ---------------------------------------------------------------------------------------------
# The steps
# ---------------------------------------------------------------------------------------------


def _calendar(method: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _event(meeting: Meeting, *, cancelled: bool) -> icalendar.Event:
    """The meeting itself: when, where, what it is, and whether it still stands."""
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(LONDON))
    event.add("dtend", meeting.ends_at.astimezone(LONDON))
    event.add("summary", presenters.meeting_title(meeting.case))
    event.add("location", ics_location(meeting))
    event.add("description", ics_description(meeting, cancelled=cancelled))
    if meeting.format == MeetingFormat.VIDEO and meeting.video_link:
        event.add("url", meeting.video_link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("class", "CONFIDENTIAL")
    return event


def _organiser(case: Case) -> icalendar.vCalAddress:
    organiser = icalendar.vCalAddress(f"mailto:{presenters.contact_email(case)}")
    organiser.params["cn"] = organiser_name(case)
    return organiser


def _listed(people: Iterable[Recipient], recipient: Recipient | None) -> list[Recipient]:
    """Who the file lists: everyone with an address, but the family only where it may be seen
    (or where the file is the family member's own)."""
    show_family = recipient is None or recipient.may_see_family_details
    return [
        person
        for person in people
        if person.email and (show_family or not person.is_family or person == recipient)
    ]


def _attendee(person: Recipient) -> icalendar.vCalAddress:
    attendee = icalendar.vCalAddress(f"mailto:{person.email}")
    attendee.params["cn"] = person.name
    attendee.params["role"] = "CHAIR" if person.user is not None else "REQ-PARTICIPANT"
    attendee.params["partstat"] = "NEEDS-ACTION"
    attendee.params["cutype"] = "INDIVIDUAL"
    return attendee


def _add_alarms(event: icalendar.Event, title: str) -> None:
    for minutes_before in ALARMS_MINUTES_BEFORE:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", title)
        alarm.add("trigger", dt.timedelta(minutes=-minutes_before))
        event.add_component(alarm)


def _add_timezone(calendar: icalendar.Calendar, meeting: Meeting) -> None:
    """A VTIMEZONE for Europe/London covering the meeting's year either side, not 1970 to 2038."""
    year = meeting.starts_at.astimezone(LONDON).year
    calendar.add_missing_timezones(
        first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 1, 12, 31)
    )
