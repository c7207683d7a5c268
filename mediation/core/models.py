"""Abstract models every app builds on."""

import uuid

from django.db import models


class BaseModel(models.Model):
    """A random primary key (never guessable from a URL) and when the row was made and changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Counter(models.Model):
    """A named, gap-free sequence (case references, certificate numbers).

    Incremented inside the caller's transaction with a row lock, so two people issuing at once get
    consecutive numbers, and a rolled-back transaction gives its number back.
    """

    key = models.CharField(max_length=100, unique=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
