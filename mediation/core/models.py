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
