"""The vocabulary of certificates. Public: other apps and templates use these choices."""

from django.db import models


class CertificateKind(models.TextChoices):
    DECLINED = "declined", "Mediation information given: mediation not wanted"
    AFTER_MEDIATION = "after_mediation", "Mediation took place"
    LA_CANNOT_ARRANGE = "la_cannot_arrange", "Mediation could not be arranged within 30 days"
    WITHDRAWN = "withdrawn", "Family withdrew from mediation"


class CertificateStatus(models.TextChoices):
    ISSUED = "issued", "Issued"
    WITHDRAWN = "withdrawn", "Withdrawn"


class IssuerRole(models.TextChoices):
    MEDIATION_ADVISER = "Mediation adviser", "Mediation adviser"
    MEDIATOR = "Mediator", "Mediator"


# Short words for timeline titles and e-mail subjects: "Certificate LDN-C-2026-0007 issued
# (mediation not wanted)".
KIND_SHORT: dict[str, str] = {
    CertificateKind.DECLINED: "mediation not wanted",
    CertificateKind.AFTER_MEDIATION: "after mediation",
    CertificateKind.LA_CANNOT_ARRANGE: "mediation could not be arranged within 30 days",
    CertificateKind.WITHDRAWN: "family withdrew from mediation",
}

# Kinds after which the service's part in the case is done, so issuing closes the case.
KINDS_THAT_CLOSE_THE_CASE = frozenset({CertificateKind.DECLINED, CertificateKind.WITHDRAWN})
