"""The mediator's private notes: for the mediator alone (a caucus stays private).

A service manager may read them only after recording why (a complaint, a safeguarding concern,
quality assurance); every such reading is kept on record.
"""

from django.conf import settings
from django.db import models

from mediation.core.models import BaseModel


class PrivateNote(BaseModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="private_notes"
    )
    body = models.TextField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Private note on {self.case_id}"


class NotesAccess(BaseModel):
    """A manager read a case's private notes, and why."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notes_access")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "notes access records"

    def __str__(self) -> str:
        return f"{self.reader_id} read notes of {self.case_id}"
