"""What the certificate pages show: the answers a form starts from, messages, titles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.urls import reverse

from mediation import policy
from mediation.certificates import selectors, services
from mediation.certificates.choices import KINDS_THAT_CLOSE_THE_CASE, IssuerRole
from mediation.policy.roles import Role

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case
    from mediation.certificates.models import Certificate

VERIFY_TITLES = {
    "genuine": "This certificate is genuine",
    "withdrawn": "This certificate has been withdrawn",
    "not_confirmed": "We could not confirm this certificate",
}


def case_url(case: Case) -> str:
    return reverse("casework:detail", kwargs={"case_id": case.pk})


def issue_initial(*, case: Case, saved: Mapping[str, str], actor: Actor) -> dict[str, str | None]:
    """The issue form's answers: those given before (back from the check page), else the kind
    the case's facts point to and the person issuing it."""
    default_role = (
        IssuerRole.MEDIATOR if actor.role == Role.MEDIATOR else IssuerRole.MEDIATION_ADVISER
    )
    return {
        "kind": saved.get("kind") or selectors.suggested_kind(case=case),
        "issuer_name": saved.get("issuer_name") or actor.full_name,
        "issuer_role": saved.get("issuer_role") or default_role,
    }


def closes_case(*, case: Case, kind: str) -> bool:
    return kind in KINDS_THAT_CLOSE_THE_CASE and case.is_open


def issued_message(*, case: Case, certificate: Certificate) -> str:
    if case.applicant_email:
        sent = f" and emailed to {case.applicant_email}"
    else:
        sent = ". There is no email address on the case: print it and post it"
    return f"Certificate {certificate.number} issued{sent}"


def certificate_page(*, certificate: Certificate, viewer: Actor) -> dict[str, object]:
    """One certificate: what it says, what replaced it, and what this person may do next."""
    case = certificate.case
    replaced_by = certificate.replaced_by.first()
    can_reissue = (
        not certificate.is_live
        and replaced_by is None
        and policy.can(viewer, "certificate.issue", case)
        and selectors.certificate_live(case=case, kind=certificate.kind) is None
    )
    return {
        "title": f"Certificate {certificate.number}",
        "certificate": certificate,
        "case": case,
        "case_url": case_url(case),
        "replaced_by": replaced_by,
        "can_withdraw": certificate.is_live and policy.can(viewer, "certificate.withdraw", case),
        "can_reissue": can_reissue,
        "verify_url": services.certificate_verify_url(
            number=certificate.number, code=certificate.verification_code
        ),
    }
