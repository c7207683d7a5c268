"""Mediation information (MIAS): the call in which an adviser explains mediation to the family."""

from django.conf import settings
from django.db import models

from mediation.core.models import ActorStampedModel


class CallMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"


class CallStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    GIVEN = "given", "Information given"
    MISSED = "missed", "Missed"
    CANCELLED = "cancelled", "Cancelled"


class Outcome(models.TextChoices):
    WANTS_MEDIATION = "wants_mediation", "Wants mediation"
    DECLINES = "declines", "Does not want mediation (certificate)"
    UNDECIDED = "undecided", "Has not decided yet"
    OUT_OF_SCOPE = "out_of_scope", "Out of scope"


class InformationCall(ActorStampedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="calls")
    scheduled_for = models.DateTimeField()
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="information_calls"
    )
    method = models.CharField(max_length=10, choices=CallMethod.choices)
    phone_number = models.CharField(max_length=40, blank=True)
    video_link = models.URLField(blank=True)
    booking_notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=CallStatus.choices, default=CallStatus.BOOKED)
    given_at = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-scheduled_for"]

    def __str__(self) -> str:
        return f"Information call {self.scheduled_for:%d %b %Y %H:%M}"


class FamilyDecision(ActorStampedModel):
    """What the family decided about mediation (after a call or a later follow-up)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="decisions")
    call = models.ForeignKey(
        InformationCall, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    decided_on = models.DateField(help_text="The day the family told the adviser.")
    follow_up_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.decided_on:%d %b %Y}"
