"""A mediation certificate: what the Tribunal asks for before most SEND appeals.

A certificate is a legal record. Once issued, nothing printed on it changes: the row keeps a
snapshot of every detail printed (names, dates, matters, the appeal deadline), so the stored PDF
can always be explained and re-rendered from the row, whatever later happens to the case. The only
change allowed is withdrawal, which keeps the record; a new certificate then `replaces` it.
"""

from typing import Any

from django.db import models
from django.db.models import Q

from mediation.certificates.choices import CertificateKind, CertificateStatus
from mediation.core.models import ActorStampedModel, actor_field


def certificate_pdf_path(instance: "Certificate", filename: str) -> str:
    return f"certificates/{instance.service_prefix}/{instance.year}/{instance.number}.pdf"


class Certificate(ActorStampedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="certificates")
    service = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(max_length=30, unique=True)
    service_prefix = models.CharField(max_length=6)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=30, choices=CertificateKind.choices)
    status = models.CharField(
        max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.ISSUED
    )

    issued_on = models.DateField()
    issued_at = models.DateTimeField()
    issuer_name = models.CharField(max_length=150)
    issuer_role = models.CharField(max_length=60)

    # What was printed, exactly as printed.
    provider_name = models.CharField(max_length=200)
    service_name = models.CharField(max_length=100)
    service_phone = models.CharField(max_length=40)
    service_email = models.CharField(max_length=254)
    applicant_name = models.CharField(max_length=150)
    applicant_role = models.CharField(max_length=80)
    child_name = models.CharField(max_length=201)
    child_initials = models.CharField(max_length=4)
    local_authority_name = models.CharField(max_length=200)
    decision_date = models.DateField(help_text="The date on the local authority's decision letter.")
    event_date = models.DateField(
        null=True,
        blank=True,
        help_text="What the certificate records: when mediation was declined or concluded, when "
        "the LA said it could not arrange it, or when the family asked for its certificate.",
    )
    event_label = models.CharField(max_length=120, blank=True)
    statement = models.TextField()
    matters = models.JSONField(
        default=list, help_text="The decisions and plan sections covered, one line each."
    )
    appeal_deadline = models.DateField()
    appeal_deadline_explanation = models.TextField()

    verification_code = models.CharField(max_length=14)
    pdf = models.FileField(upload_to=certificate_pdf_path, max_length=200)
    pdf_sha256 = models.CharField(max_length=64)

    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = actor_field()
    withdrawal_reason = models.TextField(blank=True)
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        help_text="The withdrawn certificate this one replaces.",
    )

    class Meta:
        ordering = ["-issued_at", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "sequence"], name="certificate_unique_sequence"
            ),
            # At most one live certificate of each kind per case: the database has the last
            # word when two people issue at the same moment.
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=Q(status=CertificateStatus.ISSUED),
                name="certificate_one_live_per_kind",
            ),
            models.UniqueConstraint(
                fields=["replaces"],
                condition=Q(replaces__isnull=False),
                name="certificate_replaced_once",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CertificateKind.values), name="certificate_kind_valid"
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="certificate_sequence_gte_1"),
            # Issued: no trace of a withdrawal. Withdrawn: when, and why, always recorded.
            models.CheckConstraint(
                condition=(
                    Q(
                        status=CertificateStatus.ISSUED,
                        withdrawn_at__isnull=True,
                        withdrawal_reason="",
                    )
                    | (
                        Q(status=CertificateStatus.WITHDRAWN, withdrawn_at__isnull=False)
                        & ~Q(withdrawal_reason="")
                    )
                ),
                name="certificate_withdrawal_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(pdf="") & ~Q(verification_code=""),
                name="certificate_has_pdf_and_code",
            ),
        ]
        indexes = [models.Index(fields=["case", "-issued_at"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_live(self) -> bool:
        return self.status == CertificateStatus.ISSUED

    @property
    def pdf_filename(self) -> str:
        return f"mediation-certificate-{self.number}.pdf"

    def kind_label(self) -> str:
        return CertificateKind(self.kind).label

    def matters_lines(self) -> list[str]:
        value: Any = self.matters
        return [str(line) for line in value] if isinstance(value, list) else []
