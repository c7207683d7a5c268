"""The mediation (or disagreement resolution) meeting: when, where, how, who is invited.

A case has at most one arranged meeting at a time. Rescheduling changes the meeting in place and
keeps every change in `MeetingChange`; each invitation, update and cancellation sent to a
participant is kept in `Invitation`; reminders are rows in `Reminder`, delivered by a deferred task
that sends nothing if the meeting has moved since the reminder was scheduled.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from mediation.core.models import ActorStampedModel, BaseModel
from mediation.meetings.choices import (
    DEFAULT_DURATION_MINUTES,
    InvitationKind,
    MeetingFormat,
    MeetingStatus,
    ReminderKind,
    ReminderStatus,
)


class Meeting(ActorStampedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="meetings")
    format = models.CharField(max_length=10, choices=MeetingFormat.choices)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=DEFAULT_DURATION_MINUTES)
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    dial_in = models.TextField(blank=True, help_text="The number to call and any PIN.")
    arrangements = models.TextField(
        blank=True, help_text="Adjustments and practical arrangements (interpreter, breaks...)."
    )
    notice_given_on = models.DateField(
        help_text="The day the family was given the date and place of the meeting."
    )
    short_notice_agreed = models.BooleanField(default=False)
    short_notice_note = models.TextField(
        blank=True, help_text="Who agreed to shorter notice, when and how."
    )
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.ARRANGED
    )
    # iCalendar SEQUENCE: 0 for the first invitation, one more for each change or cancellation.
    sequence = models.PositiveIntegerField(default=0)
    # The case's stage before the meeting was arranged (restored if the meeting is cancelled).
    stage_before = models.CharField(max_length=30, blank=True)
    held_recorded_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="arranged"),
                name="meeting_one_arranged_per_case",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15), name="meeting_duration_at_least_15"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} meeting {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def is_arranged(self) -> bool:
        return self.status == MeetingStatus.ARRANGED

    @property
    def place(self) -> str:
        """Where (or how) the meeting happens, in one line."""
        return place_label(
            format=self.format,
            venue_name=self.venue_name,
            venue_address=self.venue_address,
            video_link=self.video_link,
            dial_in=self.dial_in,
        )


def place_label(
    *, format: str, venue_name: str, venue_address: str, video_link: str, dial_in: str
) -> str:
    if format == MeetingFormat.IN_PERSON:
        address = ", ".join(line.strip() for line in venue_address.splitlines() if line.strip())
        return f"In person at {venue_name}, {address}" if address else f"In person at {venue_name}"
    if format == MeetingFormat.VIDEO:
        return f"By video: {video_link}"
    return f"By phone: {' '.join(dial_in.split())}"


class MeetingChange(ActorStampedModel):
    """One reschedule: what moved, why, who changed it and when (never edited)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    from_starts_at = models.DateTimeField()
    to_starts_at = models.DateTimeField()
    from_duration_minutes = models.PositiveSmallIntegerField()
    to_duration_minutes = models.PositiveSmallIntegerField()
    from_place = models.TextField()
    to_place = models.TextField()
    reason = models.TextField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.from_starts_at:%Y-%m-%d %H:%M} -> {self.to_starts_at:%Y-%m-%d %H:%M}"

    @property
    def time_changed(self) -> bool:
        return (self.from_starts_at, self.from_duration_minutes) != (
            self.to_starts_at,
            self.to_duration_minutes,
        )

    @property
    def place_changed(self) -> bool:
        return self.from_place != self.to_place


class Invitation(ActorStampedModel):
    """One e-mail with a calendar file sent to one person: invitation, update or cancellation.

    The person is a participant of the case, or (`user`) the mediator allocated to it.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    participant = models.ForeignKey(
        "cases.Participant",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
    )
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=15, choices=InvitationKind.choices)
    sequence = models.PositiveIntegerField()
    email_address = models.EmailField()
    sent_at = models.DateTimeField()
    email_id = models.UUIDField(null=True, blank=True, help_text="The OutboundEmail sent.")

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=False, user__isnull=True)
                | Q(participant__isnull=True, user__isnull=False),
                name="invitation_to_a_participant_or_a_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.email_address} (sequence {self.sequence})"


class Reminder(BaseModel):
    """A reminder e-mail to everyone invited, for the meeting as it was when it was scheduled."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    send_at = models.DateTimeField()
    for_starts_at = models.DateTimeField(help_text="The start the reminder is about.")
    status = models.CharField(
        max_length=12, choices=ReminderStatus.choices, default=ReminderStatus.SCHEDULED
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.JSONField(default=list, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["send_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.send_at:%Y-%m-%d %H:%M})"
