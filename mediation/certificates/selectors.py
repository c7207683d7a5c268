"""Reading certificates: one certificate, a case's certificates, what a new one would print, and
the public check that a certificate is genuine."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from mediation.cases.choices import ApplicantRole, DecisionType, PlanSection
from mediation.certificates.choices import CertificateKind, CertificateStatus
from mediation.certificates.models import Certificate
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.formatting import govuk_date
from mediation.rules import CaseFacts, RulesInputError, compute_deadlines

if TYPE_CHECKING:
    from mediation.cases.models import Case
    from mediation.directory.models import Service


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


@dataclass(frozen=True)
class CertificateDetails:
    """Everything a certificate prints, before it has a number (for checking, then issuing)."""

    kind: str
    issued_on: dt.date
    issuer_name: str
    issuer_role: str
    provider_name: str
    service_name: str
    service_phone: str
    service_email: str
    applicant_name: str
    applicant_role: str
    child_name: str
    child_initials: str
    local_authority_name: str
    decision_date: dt.date
    event_date: dt.date | None
    event_label: str
    statement: str
    matters: list[str] = field(default_factory=list)
    appeal_deadline: dt.date = dt.date.min
    appeal_deadline_explanation: str = ""

    @property
    def kind_label(self) -> str:
        return CertificateKind(self.kind).label

    def fingerprint(self) -> str:
        """A short digest of what would be printed: the check page and the issue must agree."""
        return hashlib.sha256(repr(self).encode()).hexdigest()[:32]


def _matter_line(decision: str, sections: list[str]) -> str:
    label = DecisionType(decision).label if decision in DecisionType.values else decision
    if not sections:
        return label
    named = [
        PlanSection(s).label.replace(": ", " (", 1) + ")" if s in PlanSection.values else s
        for s in sections
    ]
    return f"{label}. Plan sections: {', '.join(named)}"


def _statement(kind: str, applicant: str, la: str, decision: dt.date, event: dt.date | None) -> str:
    about = f"the decision of {la} in its letter dated {govuk_date(decision)}"
    when = govuk_date(event) if event else ""
    if kind == CertificateKind.DECLINED:
        return (
            f"{applicant} contacted a mediation adviser about {about}, and received information "
            f"about mediation. On {when}, {applicant} told the mediation adviser that they did "
            "not want to take part in mediation. This certificate is issued under section 55(4) "
            "of the Children and Families Act 2014."
        )
    if kind == CertificateKind.AFTER_MEDIATION:
        return (
            f"{applicant} took part in mediation with {la} about {about}. The mediation concluded "
            f"on {when}. This certificate is issued under section 55(5) of the Children and "
            "Families Act 2014."
        )
    if kind == CertificateKind.LA_CANNOT_ARRANGE:
        return (
            f"{applicant} asked for mediation about {about}. On {when}, {la} said that it could "
            "not arrange mediation within 30 days. This certificate is issued under section 55 "
            "of the Children and Families Act 2014, so an appeal can be made without waiting "
            "for mediation."
        )
    requested = f" and on {when} asked for this certificate" if when else ""
    return (
        f"{applicant} contacted a mediation adviser about {about}, and received information about "
        f"mediation. {applicant} then withdrew from mediation{requested}. This certificate is "
        "issued under section 55 of the Children and Families Act 2014."
    )


def _service_contact(service: Service) -> tuple[str, str]:
    return (service.phone or settings.SERVICE_PHONE, service.email or settings.SERVICE_EMAIL)


def certificate_details(
    *, case: Case, kind: str, issuer_name: str, issuer_role: str, on: dt.date
) -> CertificateDetails:
    """What a certificate of this kind, issued on this day, would print (never anything said in
    mediation: only the parties, the decision, the matters and the dates)."""
    problem = certificate_issue_problem(case=case, kind=kind, on=on)
    if problem is not None:
        raise problem
    assert case.decision_date is not None  # checked above
    event_date = kind_fact_date(case=case, kind=kind)
    if kind == CertificateKind.WITHDRAWN and event_date is None:
        event_date = on  # the family is asking now; issuing records the request
    try:
        facts = CaseFacts(events={"decision_sent": case.decision_date, "certificate_issued": on})
        appeal = compute_deadlines(facts).get("appeal_deadline")
    except RulesInputError as exc:
        raise ApplicationError(str(exc)) from exc
    assert appeal is not None  # a decision date always gives an appeal deadline
    la = case.local_authority.name
    applicant = case.applicant_name.strip()
    phone, email = _service_contact(case.service)
    return CertificateDetails(
        kind=kind,
        issued_on=on,
        issuer_name=issuer_name.strip(),
        issuer_role=issuer_role.strip(),
        provider_name=settings.SERVICE_PROVIDER_NAME,
        service_name=case.service.name,
        service_phone=phone,
        service_email=email,
        applicant_name=applicant,
        applicant_role=ApplicantRole(case.applicant_role).label
        if case.applicant_role in ApplicantRole.values
        else case.applicant_role,
        child_name=case.child_name,
        child_initials=case.child_initials,
        local_authority_name=la,
        decision_date=case.decision_date,
        event_date=event_date,
        event_label=KIND_FACT[CertificateKind(kind)][1],
        statement=_statement(kind, applicant, la, case.decision_date, event_date),
        matters=[_matter_line(m.decision, m.section_list) for m in case.matters.all()],
        appeal_deadline=appeal.due,
        appeal_deadline_explanation=appeal.explanation,
    )


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
