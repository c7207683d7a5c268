"""The certificate as it will be printed: its statement, matters and dates, before it has a
number. Staff check it, then `services.certificate_issue` prints exactly what they checked (its
fingerprint must still match)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings

from mediation.cases.choices import ApplicantRole, DecisionType, PlanSection
from mediation.certificates.choices import CertificateKind
from mediation.certificates.selectors import KIND_FACT, certificate_issue_problem, kind_fact_date
from mediation.core.errors import ApplicationError
from mediation.core.formatting import govuk_date
from mediation.rules import CaseFacts, RulesInputError, compute_deadlines

if TYPE_CHECKING:
    from mediation.cases.models import Case
    from mediation.directory.models import Service


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
