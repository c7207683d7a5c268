"""Abstract models every app builds on."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor


class BaseModel(models.Model):
    """A random primary key (never guessable from a URL) and when the row was made and changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def actor_field(
    verbose_name: str | None = None, **kwargs: Any
) -> models.ForeignKey[Actor | None, Actor | None]:
    """The one way to record who did something to a row: a signed-in person, or nobody.

    Empty when nobody signed in did it (a family's online referral, a scheduled task) and when the
    account is later removed: SET_NULL, so the record of what happened outlives the account (the
    names that matter are kept as text where they are printed or sent). ``related_name="+"``: a
    person's account does not grow a reverse accessor for every stamp on every table; nobody asks
    "everything this person ever recorded" through the ORM. ``kwargs`` add a help text and the
    like; the standard attributes cannot be overridden (passing one again is a TypeError).

    A person the row is *about* (a case's caseworker, an allocated mediator, a participant's
    account) is a real relation, declared as such, not an actor field.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **kwargs,
    )


class ActorStampedModel(BaseModel):
    """A row that keeps who made it and who last saved it, beside when (`BaseModel`).

    ``created_by`` is the person whose action made the row (issued the certificate, booked the
    call, recorded the consent); ``updated_by`` is who saved it last, as ``updated_at`` is when:
    the maker until someone changes it. Services set both from the ``actor`` they are given:
    ``created_by=actor, updated_by=actor`` when they create the row, ``updated_by=actor`` when they
    change it (never in ``save()`` or a thread-local "current user": the service knows who acted,
    the model does not). An event that is not the row's creation and needs its own name (withdrawn,
    finalised, ended) is an `actor_field` of its own beside its timestamp.
    """

    created_by = actor_field()
    updated_by = actor_field()

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
