"""Organisations: the mediation provider and its services, local authorities, ICBs, schools."""

from django.db import models
from django.db.models import Q

from mediation.core.models import BaseModel


class OrganisationKind(models.TextChoices):
    PROVIDER = "provider", "Mediation provider"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    ICB = "icb", "Integrated care board"
    SCHOOL = "school", "School"
    COLLEGE = "college", "College"
    EARLY_YEARS = "early_years", "Early years setting"
    SOCIAL_CARE = "social_care", "Social care"
    IASS = "iass", "Information, advice and support service"
    OTHER = "other", "Other organisation"


class Organisation(BaseModel):
    """Any organisation a user belongs to or a case involves.

    Local authorities and ICBs come from the reference data files in `data/` and are keyed by their
    official codes (ONS GSS code for local authorities, NHS ODS code for ICBs).
    """

    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, db_index=True)
    name = models.CharField(max_length=200)
    code = models.CharField(
        max_length=20,
        blank=True,
        help_text="GSS code for a local authority, ODS code for an ICB, URN for a school.",
    )
    dfe_la_code = models.CharField("DfE LA code", max_length=3, blank=True)
    region = models.CharField(max_length=60, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(
        null=True, blank=True, help_text="Empty while the organisation still exists."
    )
    local_authority = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="settings_in_area",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
        help_text="For a school, college or setting: the local authority area it is in.",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    complaints_url = models.URLField(
        blank=True, help_text="For a local authority: where families make a complaint."
    )
    local_offer_url = models.URLField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=~Q(code=""),
                name="organisation_unique_code_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class Service(BaseModel):
    """One of the provider's services (e.g. "London", "Regional"), serving a set of LAs.

    Case references and certificate numbers are unique within a service.
    """

    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="services",
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
    )
    name = models.CharField(max_length=100)
    reference_prefix = models.CharField(
        max_length=6,
        unique=True,
        help_text="Starts every case reference and certificate number, e.g. LDN.",
    )
    local_authorities = models.ManyToManyField(
        Organisation,
        related_name="served_by",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
        blank=True,
    )
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="service_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.provider.name}: {self.name}"


class ServiceClosure(BaseModel):
    """A day the service is closed (beyond bank holidays): counts for service targets only."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["service", "date"], name="closure_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.service.name} closed {self.date:%d %b %Y}"
