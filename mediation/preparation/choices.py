"""The vocabulary of preparing for a meeting. Public: other apps and templates use these."""

from django.db import models


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"
    LETTER = "letter", "Letter"


class Visibility(models.TextChoices):
    """Who may read a case summary or the child's views, chosen explicitly by whoever sends it."""

    SHARED = "shared", "Shared with all parties"
    MEDIATOR_ONLY = "mediator_only", "Mediator only"


VISIBILITY_HINTS = {
    Visibility.SHARED: (
        "Every party at the meeting can read it, once the family has given permission to share "
        "with them."
    ),
    Visibility.MEDIATOR_ONLY: (
        "Only the mediator and the service's staff can read it. The other parties will not see it."
    ),
}


class ChildViewsBy(models.TextChoices):
    """How the child's or young person's views reach the meeting."""

    CHILD_WITH_HELP = "child_with_help", "The child or young person, with help if they needed it"
    PARENT_ON_BEHALF = "parent_on_behalf", "A parent or carer, on their behalf"
    JOINS_MEETING = "joins_meeting", "The child or young person will join part of the meeting"


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word document"


FILE_MIMETYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


# The easy-read "my views" questions (model field, question), in the order the form asks them.
CHILD_VIEWS_QUESTIONS: list[tuple[str, str]] = [
    ("what_i_like", "What I like"),
    ("what_i_am_good_at", "What I am good at"),
    ("what_is_hard", "What is hard for me"),
    ("what_helps_me", "What helps me"),
    ("what_i_would_like_to_happen", "What I would like to happen"),
    ("who_i_would_like_to_speak_for_me", "Who I would like to speak for me"),
]
