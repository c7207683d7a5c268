"""The vocabulary of a meeting. Public: other apps and templates use these choices."""

from zoneinfo import ZoneInfo

from django.db import models


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "By video"
    PHONE = "phone", "By phone"


class MeetingStatus(models.TextChoices):
    ARRANGED = "arranged", "Arranged"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class InvitationKind(models.TextChoices):
    INVITATION = "invitation", "Invitation"
    UPDATE = "update", "Update (new date, time or place)"
    CANCELLATION = "cancellation", "Cancellation"


class ReminderKind(models.TextChoices):
    TWO_WORKING_DAYS = "two_working_days", "2 working days before"
    MORNING = "morning", "On the morning of the meeting"


class ReminderStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    SENT = "sent", "Sent"
    SUPERSEDED = "superseded", "Not needed: the meeting changed"


DEFAULT_DURATION_MINUTES = 180
MINIMUM_NOTICE_WORKING_DAYS = 5

# Meetings happen in England: their dates, times and reminders are London times.
LONDON = ZoneInfo("Europe/London")
