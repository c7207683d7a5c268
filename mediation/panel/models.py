"""The mediator panel: who may mediate, where, in which languages, with what conflicts; and who
mediates each case.

Mediators are members of staff (users with the mediator role); their panel profile holds what the
service checks before offering them a case. A conflict of interest is declared against an
organisation (a local authority, school, ICB...) or a family, named by surname and the child's
date of birth only, so that a family can be recognised without keeping more about it than needed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from mediation.core.models import ActorStampedModel, actor_field
from mediation.panel.choices import AccreditationRegister


class MediatorProfile(ActorStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mediator_profile"
    )
    register = models.CharField(
        "accreditation register", max_length=20, choices=AccreditationRegister.choices, blank=True
    )
    register_other = models.CharField(
        "name of the register", max_length=150, blank=True, help_text="When the register is Other."
    )
    registration_number = models.CharField(max_length=50, blank=True)
    accredited_until = models.DateField(null=True, blank=True)
    any_area = models.BooleanField(
        "works in any area", default=False, help_text="Takes cases for every local authority."
    )
    areas = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "local_authority"},
        help_text="The local authorities whose cases this mediator takes.",
    )
    languages = models.JSONField(
        default=list, blank=True, help_text="Languages the mediator mediates in, e.g. English."
    )
    available = models.BooleanField(default=True, help_text="Taking new cases.")
    availability_notes = models.CharField(max_length=200, blank=True)
    max_open_cases = models.PositiveSmallIntegerField(default=6)

    class Meta:
        ordering = ["user__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_open_cases__gte=1), name="mediator_profile_capacity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Panel profile of {self.user}"

    @property
    def register_label(self) -> str:
        if self.register == AccreditationRegister.OTHER and self.register_other:
            return self.register_other
        return self.get_register_display() if self.register else ""


class ConflictDeclaration(ActorStampedModel):
    """A mediator's declared conflict of interest (past work for an LA, a school, a family...)."""

    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conflict_declarations"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    family_surname = models.CharField(max_length=100, blank=True)
    family_child_date_of_birth = models.DateField(null=True, blank=True)
    description = models.TextField()
    declared_on = models.DateField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = actor_field()
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-declared_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        organisation__isnull=False,
                        family_surname="",
                        family_child_date_of_birth__isnull=True,
                    )
                    | (
                        Q(organisation__isnull=True, family_child_date_of_birth__isnull=False)
                        & ~Q(family_surname="")
                    )
                ),
                name="conflict_with_organisation_or_family",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="conflict_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mediator}: conflict with {self.subject}"

    @property
    def is_family(self) -> bool:
        return self.organisation_id is None

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None

    @property
    def subject(self) -> str:
        """What the conflict is with, e.g. "Islington (local authority)" or "the Morgan family"."""
        if self.organisation is not None:
            return f"{self.organisation.name} ({self.organisation.get_kind_display().lower()})"
        return f"the {self.family_surname} family"


class Allocation(ActorStampedModel):
    """A mediator allocated to a case. Reallocation ends the current one and keeps the reason."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="mediator_allocations"
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mediator_allocations"
    )
    allocated_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = actor_field()
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-allocated_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(ended_at__isnull=True),
                name="allocation_one_current_per_case",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | ~Q(end_reason=""),
                name="allocation_end_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["mediator", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.mediator} on {self.case_id}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None
