"""Reading certificates: one certificate, a case's certificates, what a new one would print, and
the public check that a certificate is genuine."""

from __future__ import annotations

import datetime as dt
import hmac
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet
from django.utils import timezone

from mediation.certificates.choices import CertificateKind, CertificateStatus
from mediation.certificates.models import Certificate
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.formatting import govuk_date

if TYPE_CHECKING:
    from mediation.cases.models import Case


def certificate_get(*, certificate_id: UUID | str) -> Certificate | None:
    try:
        return (
            Certificate.objects.select_related(
                "case", "service", "created_by", "withdrawn_by", "replaces"
            )
            .filter(pk=certificate_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def certificates_for_case(*, case: Case) -> QuerySet[Certificate]:
    """Every certificate of the case, live and withdrawn, newest first."""
    return Certificate.objects.filter(case=case).order_by("-issued_at", "-sequence")


def certificate_live(*, case: Case, kind: str) -> Certificate | None:
    """The case's certificate of this kind that is still valid, if any."""
    return Certificate.objects.filter(case=case, kind=kind, status=CertificateStatus.ISSUED).first()


def certificate_to_replace(*, case: Case, kind: str) -> Certificate | None:
    """The latest withdrawn certificate of this kind that no new certificate has replaced yet."""
    return (
        Certificate.objects.filter(
            case=case, kind=kind, status=CertificateStatus.WITHDRAWN, replaced_by__isnull=True
        )
        .order_by("-withdrawn_at")
        .first()
    )


# ---------------------------------------------------------------------------------------------
# What a certificate of each kind needs, and what it says
# ---------------------------------------------------------------------------------------------

# The case's fact each kind certifies: (field on the case, label printed beside its date).
KIND_FACT: dict[str, tuple[str, str]] = {
    CertificateKind.DECLINED: ("mediation_declined_on", "Date mediation was declined"),
    CertificateKind.AFTER_MEDIATION: ("mediation_concluded_on", "Date mediation concluded"),
    CertificateKind.LA_CANNOT_ARRANGE: (
        "la_cannot_arrange_on",
        "Date the local authority said it could not arrange mediation",
    ),
    CertificateKind.WITHDRAWN: ("certificate_requested_on", "Date the certificate was asked for"),
}

_MISSING_FACT: dict[str, str] = {
    CertificateKind.DECLINED: "Record the date the family said it does not want mediation before "
    "issuing this certificate",
    CertificateKind.AFTER_MEDIATION: "Record the date the mediation concluded before issuing "
    "this certificate",
    CertificateKind.LA_CANNOT_ARRANGE: "Record the date the local authority said it cannot "
    "arrange mediation within 30 days before issuing this certificate",
}


def kind_fact_date(*, case: Case, kind: str) -> dt.date | None:
    field_name, _ = KIND_FACT[CertificateKind(kind)]
    value: dt.date | None = getattr(case, field_name)
    return value


def suggested_kind(*, case: Case) -> str | None:
    """The kind the case's facts point to: the one whose fact happened last."""
    dated = [
        (value, order, kind)
        for order, kind in enumerate(
            (
                CertificateKind.DECLINED,
                CertificateKind.LA_CANNOT_ARRANGE,
                CertificateKind.AFTER_MEDIATION,
                CertificateKind.WITHDRAWN,
            )
        )
        if (value := kind_fact_date(case=case, kind=kind)) is not None
    ]
    if not dated:
        return None
    return str(max(dated)[2])


def certificate_issue_problem(*, case: Case, kind: str, on: dt.date) -> ApplicationError | None:
    """Why a certificate of this kind cannot be issued for this case on this day (None: it can)."""
    if kind not in CertificateKind.values:
        return ApplicationError("Choose the kind of certificate", field="kind")
    if case.decision_date is None:
        return ApplicationError(
            "Add the date on the local authority's decision letter to the case before issuing a "
            "certificate"
        )
    if case.decision_date > on:
        return ApplicationError(
            f"The decision letter is dated {govuk_date(case.decision_date)}, which is after "
            f"today. Check the date on the case"
        )
    fact = kind_fact_date(case=case, kind=kind)
    if kind in _MISSING_FACT and fact is None:
        return ApplicationError(_MISSING_FACT[kind])
    if fact is not None and fact > on:
        _, label = KIND_FACT[CertificateKind(kind)]
        return ApplicationError(
            f"{label} is recorded as {govuk_date(fact)}, which is after today. A certificate "
            "cannot record something that has not happened yet"
        )
    live = certificate_live(case=case, kind=kind)
    if live is not None:
        return ConflictError(
            f"Certificate {live.number} of this kind is already valid for this case. Withdraw it "
            "first if it needs replacing"
        )
    return None


# ---------------------------------------------------------------------------------------------
# Public verification
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^([A-Z0-9]{1,6}?)C(\d{4})(\d{4,6})$")
# A code that no certificate has (the alphabet has no 0): compared against when the number is
# unknown, so a wrong number takes as long to answer as a wrong code.
_NO_CODE = "000000000000"


def compact(value: str) -> str:
    """Upper case, letters and digits only: people type numbers and codes in many ways."""
    return re.sub(r"[^A-Z0-9]", "", value.upper())


def canonical_number(value: str) -> str | None:
    """'ldn c 2026 7' and 'LDN-C-2026-0007' both mean LDN-C-2026-0007 (None if not a number)."""
    match = _NUMBER.match(compact(value))
    if match is None:
        return None
    prefix, year, sequence = match.groups()
    return f"{prefix}-C-{year}-{int(sequence):04d}"


@dataclass(frozen=True)
class VerificationResult:
    """The public answer: genuine, withdrawn or not confirmed, and only what each may show."""

    outcome: str  # "genuine", "withdrawn" or "not_confirmed"
    number: str = ""
    kind_label: str = ""
    issued_on: dt.date | None = None
    local_authority_name: str = ""
    child_initials: str = ""
    withdrawn_on: dt.date | None = None

    @property
    def confirmed(self) -> bool:
        """The number and code matched (a withdrawn certificate too: it is not a guess)."""
        return self.outcome != "not_confirmed"


def certificate_verify(*, number: str, code: str) -> VerificationResult:
    """Check a certificate number and verification code, as the Tribunal or anyone may.

    A wrong number and a wrong code give the same answer, so numbers cannot be probed; codes are
    compared in constant time.
    """
    canonical = canonical_number(number)
    certificate = (
        Certificate.objects.filter(number=canonical)
        .only(
            "number",
            "kind",
            "status",
            "issued_on",
            "local_authority_name",
            "child_initials",
            "verification_code",
            "withdrawn_at",
        )
        .first()
        if canonical
        else None
    )
    expected = compact(certificate.verification_code) if certificate else _NO_CODE
    matches = hmac.compare_digest(compact(code).encode(), expected.encode())
    if certificate is None or not matches:
        return VerificationResult(outcome="not_confirmed")
    if certificate.status == CertificateStatus.WITHDRAWN:
        assert certificate.withdrawn_at is not None
        return VerificationResult(
            outcome="withdrawn",
            number=certificate.number,
            withdrawn_on=timezone.localtime(certificate.withdrawn_at).date(),
        )
    return VerificationResult(
        outcome="genuine",
        number=certificate.number,
        kind_label=certificate.kind_label(),
        issued_on=certificate.issued_on,
        local_authority_name=certificate.local_authority_name,
        child_initials=certificate.child_initials,
    )
