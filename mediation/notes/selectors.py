from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from mediation.notes.models import NotesAccess, PrivateNote

if TYPE_CHECKING:
    from mediation.cases.models import Case


def notes_for_case(*, case: Case) -> QuerySet[PrivateNote]:
    return PrivateNote.objects.filter(case=case).select_related("author")


def notes_access_for_case(*, case: Case) -> QuerySet[NotesAccess]:
    return NotesAccess.objects.filter(case=case).select_related("reader")
