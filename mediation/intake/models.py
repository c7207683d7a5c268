"""Referrals held back by the spam checks, kept for staff to review (never thrown away)."""

from django.db import models

from mediation.core.models import BaseModel, actor_field


class HeldReason(models.TextChoices):
    HONEYPOT = "honeypot", "A hidden spam-trap field was filled in"
    RATE_LIMIT = "rate_limit", "Too many referrals from the same internet address in an hour"


class HeldStatus(models.TextChoices):
    HELD = "held", "Waiting for review"
    CASE_CREATED = "case_created", "Case created"
    DISMISSED = "dismissed", "Dismissed"


class HeldReferral(BaseModel):
    """An online referral the spam checks stopped: the answers exactly as sent, and why.

    A person may be behind it (a shared computer, an autofilling browser), so staff look at each
    one and either turn it into a case or dismiss it.
    """

    answers = models.JSONField(help_text="The answers to each question page, as typed.")
    reason = models.CharField(max_length=20, choices=HeldReason.choices)
    ip_hash = models.CharField(
        max_length=64,
        db_index=True,
        help_text="A keyed hash of the sender's internet address (the address is not kept).",
    )
    # Which service's staff should review it (null when the answers name no local authority we
    # serve, e.g. a spam bot's): only they and managers see the family's details.
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="held_referrals",
    )
    status = models.CharField(
        max_length=20, choices=HeldStatus.choices, default=HeldStatus.HELD, db_index=True
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = actor_field()
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Held referral {self.created_at:%Y-%m-%d %H:%M} ({self.get_reason_display()})"

    @property
    def is_waiting(self) -> bool:
        return self.status == HeldStatus.HELD
