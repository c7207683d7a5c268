"""Every e-mail the service sends, kept as a record (what was sent, to whom, whether it went)."""

from django.db import models

from mediation.core.models import BaseModel


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutboundEmail(BaseModel):
    template = models.CharField(max_length=80)
    to = models.JSONField(help_text="List of addresses.")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    case_id_ref = models.UUIDField(null=True, blank=True, db_index=True)
    attachments = models.JSONField(
        default=list, blank=True, help_text="[{name, path, mimetype}] in the default storage."
    )
    status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.subject} -> {', '.join(self.to)}"
