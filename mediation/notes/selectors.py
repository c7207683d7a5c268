from typing import Any

from django.db.models import QuerySet

from mediation.notes.models import NotesAccess, PrivateNote


def notes_for_case(*, case: Any) -> QuerySet[PrivateNote]:
    return PrivateNote.objects.filter(case=case).select_related("author")


def notes_access_for_case(*, case: Any) -> QuerySet[NotesAccess]:
    return NotesAccess.objects.filter(case=case).select_related("reader")
