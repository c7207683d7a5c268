"""Preparing for the meeting: the mediator's first contact with each party, each party's case
summary, and the child's or young person's views.

What a party sends is read only by those the sender chose (`Visibility`), and a partner reads what
another party shared only once the family has given permission to share with it (see the policy).
Uploaded files live in the default storage under a random name, and are served only through a
view that asks the policy first.
"""

import uuid

from django.db import models
from django.db.models import Q

from mediation.core.models import ActorStampedModel, actor_field
from mediation.preparation.choices import (
    CHILD_VIEWS_QUESTIONS,
    FILE_MIMETYPES,
    ChildViewsBy,
    ContactMethod,
    FileKind,
    Visibility,
)


class IntroContact(ActorStampedModel):
    """The mediator (or a caseworker) introduced themselves to a party and explained the meeting."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="intro_contacts")
    party = models.ForeignKey(
        "cases.Party", on_delete=models.CASCADE, related_name="intro_contacts"
    )
    contacted_on = models.DateField()
    method = models.CharField(max_length=12, choices=ContactMethod.choices)
    spoke_to = models.CharField(
        max_length=150, blank=True, help_text="Who they spoke to, or wrote to, for the party."
    )
    notes = models.TextField(blank=True)
    made_by = actor_field(help_text="The member of staff who made the contact.")

    class Meta:
        ordering = ["-contacted_on", "-created_at"]

    def __str__(self) -> str:
        return f"Introductory contact {self.contacted_on:%d %b %Y}"


def summary_file_path(instance: "CaseSummary", filename: str) -> str:
    """A random name that says nothing about the child, the family or the party."""
    return f"preparation/summaries/{uuid.uuid4().hex}.{instance.file_kind or 'bin'}"


class CaseSummary(ActorStampedModel):
    """One party's case summary: typed, or an uploaded PDF or Word document, or both."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="summaries")
    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="summaries")
    submitted_by_name = models.CharField(
        max_length=150, help_text="Who wrote or sent it, for the party."
    )
    text = models.TextField(blank=True)
    file = models.FileField(upload_to=summary_file_path, max_length=200, blank=True)
    file_name = models.CharField(max_length=200, blank=True, help_text="The name it was sent with.")
    file_kind = models.CharField(max_length=5, choices=FileKind.choices, blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    visibility = models.CharField(max_length=15, choices=Visibility.choices)
    submitted_at = models.DateTimeField()
    exchanged_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was last sent to the other parties."
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = actor_field()
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name_plural = "case summaries"
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(file=""), name="summary_has_text_or_file"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="summary_visibility_chosen"
            ),
        ]

    def __str__(self) -> str:
        return f"Case summary from {self.party_id} ({self.get_visibility_display()})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_shared(self) -> bool:
        return self.visibility == Visibility.SHARED

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    @property
    def mimetype(self) -> str:
        return FILE_MIMETYPES.get(FileKind(self.file_kind), "application/octet-stream")


class ChildViews(ActorStampedModel):
    """The child's or young person's views ("my views"), or how they will join the meeting.

    Where a parent is the party, the mediator must take reasonable steps to find out the child's
    views; the child may join the meeting if the parent and the mediator agree (reg 38).
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="child_views")
    completed_by = models.CharField(max_length=20, choices=ChildViewsBy.choices)
    completed_by_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="Who helped the child, or the parent who filled it in.",
    )
    what_i_like = models.TextField(blank=True)
    what_i_am_good_at = models.TextField(blank=True)
    what_is_hard = models.TextField(blank=True)
    what_helps_me = models.TextField(blank=True)
    what_i_would_like_to_happen = models.TextField(blank=True)
    who_i_would_like_to_speak_for_me = models.TextField(blank=True)
    joins_meeting_note = models.TextField(
        blank=True, help_text="Which part of the meeting the child will join, and how."
    )
    parent_agrees = models.BooleanField(default=False)
    mediator_agrees = models.BooleanField(default=False)
    completed_on = models.DateField()
    visibility = models.CharField(max_length=15, choices=Visibility.choices)

    class Meta:
        verbose_name_plural = "child's views"
        constraints = [
            models.CheckConstraint(
                condition=~Q(completed_by="joins_meeting")
                | (Q(parent_agrees=True) & Q(mediator_agrees=True) & ~Q(joins_meeting_note="")),
                name="child_views_joining_needs_both_to_agree",
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="child_views_visibility_chosen"
            ),
        ]

    def __str__(self) -> str:
        return f"Child's views ({self.get_completed_by_display()})"

    @property
    def is_shared(self) -> bool:
        return self.visibility == Visibility.SHARED

    @property
    def joins_meeting(self) -> bool:
        return self.completed_by == ChildViewsBy.JOINS_MEETING

    def answers(self) -> list[tuple[str, str]]:
        """The easy-read questions and the answers given (unanswered ones left out)."""
        pairs = [(question, getattr(self, field)) for field, question in CHILD_VIEWS_QUESTIONS]
        return [(question, answer) for question, answer in pairs if answer.strip()]
