"""Writing private notes, and recording a manager's reason for reading them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from mediation.cases import services as case_services
from mediation.cases.choices import EventKind
from mediation.core.errors import ApplicationError
from mediation.notes.models import NotesAccess, PrivateNote

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case


@transaction.atomic
def note_add(*, case: Case, author: Actor, body: str) -> PrivateNote:
    if not body.strip():
        raise ApplicationError("Enter the note.", field="body")
    return PrivateNote.objects.create(case=case, author=author, body=body.strip())


@transaction.atomic
def notes_access_record(*, case: Case, reader: Actor, reason: str) -> NotesAccess:
    """A manager gives the reason for reading a case's private notes; the case timeline says so
    (without the notes)."""
    if len(reason.strip()) < 10:
        raise ApplicationError(
            "Give the reason for reading the private notes, in a sentence.", field="reason"
        )
    access = NotesAccess.objects.create(case=case, reader=reader, reason=reason.strip())
    case_services.event_record(
        case=case,
        kind=EventKind.NOTES_READ,
        title=f"{reader.full_name} read the mediator's private notes",
        description=f"Reason: {access.reason}",
        actor=reader,
        restricted=True,
    )
    return access
