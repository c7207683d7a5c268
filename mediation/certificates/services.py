"""Issuing and withdrawing mediation certificates, and rendering them as PDFs.

Issuing is one transaction: number, snapshot, PDF, clock date, timeline, e-mails, closing the case.
The PDF is rendered inside it, so a rendering failure rolls everything back and no number is
used up (the numbering counter is a row of the same transaction).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from mediation.cases import services as case_services
from mediation.cases.choices import EventKind, Stage
from mediation.cases.lifecycle import MoveName
from mediation.certificates import document, selectors
from mediation.certificates.choices import (
    KIND_SHORT,
    KINDS_THAT_CLOSE_THE_CASE,
    CertificateKind,
    CertificateStatus,
    IssuerRole,
)
from mediation.certificates.models import Certificate
from mediation.core.branding import brand
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.formatting import govuk_date, weekday_date
from mediation.core.sequences import counter_next
from mediation.notifications.services import email_queue

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case

# Letters and digits that cannot be mistaken for each other when read aloud or typed from paper:
# no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4


def verification_code_new() -> str:
    """A random code like K7QX-M4PT-9WRD (about 59 bits: guessing is hopeless, see the limit)."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def certificate_verify_url(*, number: str, code: str) -> str:
    """The public page that confirms this certificate (what the QR code opens)."""
    query = urlencode({"number": number, "code": code})
    return f"{settings.SITE_URL.rstrip('/')}{reverse('certificates:verify')}?{query}"


def certificate_render_pdf(*, certificate: Certificate) -> bytes:
    """The certificate as a tagged, accessible A4 PDF (PDF/UA), from its snapshot alone."""
    verify_url = certificate_verify_url(
        number=certificate.number, code=certificate.verification_code
    )
    qr = segno.make(verify_url, error="m")
    # segno's SVG is generated from the URL only (no user text), so it is safe to inline.
    qr_svg = Markup(qr.svg_inline(scale=3, dark="#0b0c0c", border=0))  # noqa: S704
    html = render_to_string(
        "certificates/pdf/certificate.html",
        {
            "certificate": certificate,
            "kind_label": CertificateKind(certificate.kind).label,
            "verify_url": verify_url,
            "verify_page_url": settings.SITE_URL.rstrip("/") + reverse("certificates:verify"),
            "qr_svg": qr_svg,
            "brand": brand(),
        },
    )
    # Imported here: WeasyPrint is heavy to load and only this function needs it.
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def _discard(paths: list[str]) -> None:
    """Remove files written by a transaction that then rolled back (nothing may point at them)."""
    for path in paths:
        # If even that fails, leave it: an orphan file is harmless, masking the real error is not.
        with contextlib.suppress(OSError):
            default_storage.delete(path)


def _email_certificate(*, case: Case, certificate: Certificate) -> list[str]:
    """Send the certificate to the applicant and any referrer; return who it went to."""
    attachment = {
        "name": certificate.pdf_filename,
        "path": str(certificate.pdf.name),
        "mimetype": "application/pdf",
    }
    context = {
        "certificate": certificate,
        "number": certificate.number,
        "kind": certificate.kind,
        "kind_label": CertificateKind(certificate.kind).label,
        "issued_on": govuk_date(certificate.issued_on),
        "applicant_name": certificate.applicant_name,
        "child_name": certificate.child_name,
        "local_authority_name": certificate.local_authority_name,
        "decision_date": govuk_date(certificate.decision_date),
        "appeal_deadline": weekday_date(certificate.appeal_deadline),
        "appeal_deadline_explanation": certificate.appeal_deadline_explanation,
        "verify_url": certificate_verify_url(
            number=certificate.number, code=certificate.verification_code
        ),
        "contact_phone": certificate.service_phone,
        "contact_email": certificate.service_email,
    }
    sent_to: list[str] = []
    recipients = [(case.applicant_email, certificate.applicant_name, False)]
    if case.is_third_party and case.referrer_email:
        recipients.append((case.referrer_email, case.referrer_name, True))
    for address, name, for_referrer in recipients:
        email = email_queue(
            template="certificate_issued",
            to=[address],
            context={**context, "recipient_name": name, "for_referrer": for_referrer},
            case=case,
            attachments=[attachment],
        )
        if email is not None:
            sent_to.append(address.strip().lower())
    return sent_to


def _certificate_new(
    *, case: Case, details: document.CertificateDetails, actor: Actor | None
) -> Certificate:
    """The certificate as it will be printed, with the next number of its service and year."""
    service = case.service
    prefix = service.reference_prefix
    year = details.issued_on.year
    sequence = counter_next(key=f"certificate:{prefix}:{year}")
    return Certificate(
        case=case,
        service=service,
        number=f"{prefix}-C-{year}-{sequence:04d}",
        service_prefix=prefix,
        year=year,
        sequence=sequence,
        kind=details.kind,
        status=CertificateStatus.ISSUED,
        issued_on=details.issued_on,
        issued_at=timezone.now(),
        created_by=actor,
        updated_by=actor,
        issuer_name=details.issuer_name,
        issuer_role=details.issuer_role,
        provider_name=details.provider_name,
        service_name=details.service_name,
        service_phone=details.service_phone,
        service_email=details.service_email,
        applicant_name=details.applicant_name,
        applicant_role=details.applicant_role,
        child_name=details.child_name,
        child_initials=details.child_initials,
        local_authority_name=details.local_authority_name,
        decision_date=details.decision_date,
        event_date=details.event_date,
        event_label=details.event_label,
        statement=details.statement,
        matters=details.matters,
        appeal_deadline=details.appeal_deadline,
        appeal_deadline_explanation=details.appeal_deadline_explanation,
        verification_code=verification_code_new(),
        replaces=selectors.certificate_to_replace(case=case, kind=details.kind),
    )


def _print_and_save(*, certificate: Certificate, written: list[str]) -> None:
    """Render the PDF, store it (noting the file in ``written``) and save the certificate."""
    pdf = certificate_render_pdf(certificate=certificate)
    certificate.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(pdf), save=False)
    written.append(str(certificate.pdf.name))
    certificate.save(force_insert=True)


def _record_issue(
    *, case: Case, certificate: Certificate, sent_to: list[str], actor: Actor | None
) -> None:
    """The case timeline's entry for the certificate: who issued it, its deadline, who got it."""
    lines = [
        f"Issued by {certificate.issuer_name} ({certificate.issuer_role}).",
        f"Appeal deadline: {weekday_date(certificate.appeal_deadline)} (the Tribunal must "
        "receive the appeal by 5pm).",
    ]
    if certificate.replaces is not None:
        lines.append(f"Replaces withdrawn certificate {certificate.replaces.number}.")
    if sent_to:
        lines.append(f"Sent by email to {', '.join(sent_to)}.")
    else:
        lines.append("There is no email address on the case: print the certificate and post it.")
    case_services.event_record(
        case=case,
        kind=EventKind.CERTIFICATE_ISSUED,
        title=f"Certificate {certificate.number} issued ({KIND_SHORT[certificate.kind]})",
        description=" ".join(lines),
        actor=actor,
    )


def _move_the_case_on(*, case: Case, certificate: Certificate, actor: Actor | None) -> None:
    """After the certificate: close the case if the service's part is done, or go back to
    arranging mediation if the family may still mediate."""
    kind = certificate.kind
    if kind in KINDS_THAT_CLOSE_THE_CASE and case.is_open:
        why = (
            "the family does not want mediation"
            if kind == CertificateKind.DECLINED
            else "the family withdrew from mediation"
        )
        case_services.case_close(
            case=case,
            reason=f"Certificate {certificate.number} issued: {why}, so the service's part is "
            "done. The family can contact us again at any time.",
            actor=actor,
        )
    elif (
        kind == CertificateKind.LA_CANNOT_ARRANGE
        and case.is_open
        and case.stage == Stage.CERTIFICATE_DUE
    ):
        # The family may still mediate later, if the LA arranges it: back to arranging.
        case_services.case_move(
            case=case,
            move=MoveName.ARRANGING_RESUMED,
            actor=actor,
            title="Certificate issued; mediation can still be arranged if the family wants it",
        )


def _issue(
    *,
    case: Case,
    kind: str,
    issuer_name: str,
    issuer_role: str,
    actor: Actor | None,
    on: dt.date,
    expected_fingerprint: str | None,
    written: list[str],
) -> Certificate:
    details = document.certificate_details(
        case=case, kind=kind, issuer_name=issuer_name, issuer_role=issuer_role, on=on
    )
    if expected_fingerprint is not None and details.fingerprint() != expected_fingerprint:
        raise ConflictError(
            "The case's details changed after you checked the certificate. Check the details "
            "again before issuing it"
        )
    certificate = _certificate_new(case=case, details=details, actor=actor)
    _print_and_save(certificate=certificate, written=written)
    if kind == CertificateKind.WITHDRAWN and case.certificate_requested_on is None:
        case_services.case_record_clock_event(case=case, event="certificate_requested", on=on)
    case_services.case_record_clock_event(case=case, event="certificate_issued", on=on)
    sent_to = _email_certificate(case=case, certificate=certificate)
    _record_issue(case=case, certificate=certificate, sent_to=sent_to, actor=actor)
    _move_the_case_on(case=case, certificate=certificate, actor=actor)
    return certificate


def certificate_issue(
    *,
    case: Case,
    kind: str,
    issuer_name: str,
    issuer_role: str,
    actor: Actor | None,
    on: dt.date | None = None,
    expected_fingerprint: str | None = None,
) -> Certificate:
    """Issue a mediation certificate for the case: number it, print it, send it, record it.

    ``expected_fingerprint`` is what the member of staff checked (``CertificateDetails``): if the
    case changed since, nothing is issued. Raises ``ApplicationError`` when the case's facts do not
    support this kind, and ``ConflictError`` when a certificate of this kind is already valid.
    """
    if not issuer_name.strip():
        raise ApplicationError(
            "Enter the name of the person issuing the certificate", field="issuer_name"
        )
    if issuer_role not in IssuerRole.values:
        raise ApplicationError(
            "Choose the role of the person issuing the certificate", field="issuer_role"
        )
    on = on or timezone.localdate()
    written: list[str] = []
    try:
        with transaction.atomic():
            return _issue(
                case=case,
                kind=kind,
                issuer_name=issuer_name,
                issuer_role=issuer_role,
                actor=actor,
                on=on,
                expected_fingerprint=expected_fingerprint,
                written=written,
            )
    except IntegrityError as exc:
        _discard(written)
        live = selectors.certificate_live(case=case, kind=kind)
        if live is None:
            raise
        # Someone else issued the same kind for this case at the same moment.
        raise ConflictError(
            f"Certificate {live.number} of this kind was issued for this case just now. "
            "Withdraw it first if it needs replacing"
        ) from exc
    except BaseException:
        _discard(written)
        raise


@transaction.atomic
def certificate_withdraw(
    *, certificate: Certificate, reason: str, actor: Actor | None
) -> Certificate:
    """Withdraw a certificate: it stays on record, marked withdrawn, and a new one may be issued.

    This is the only change an issued certificate ever takes.
    """
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Enter why the certificate is being withdrawn", field="reason")
    now = timezone.now()
    # A conditional update: of two people withdrawing at once, only one succeeds.
    changed = Certificate.objects.filter(pk=certificate.pk, status=CertificateStatus.ISSUED).update(
        status=CertificateStatus.WITHDRAWN,
        withdrawn_at=now,
        withdrawn_by=actor,
        withdrawal_reason=reason,
        updated_at=now,
        updated_by=actor,
    )
    if not changed:
        raise ConflictError(f"Certificate {certificate.number} has already been withdrawn")
    certificate.refresh_from_db()
    case = certificate.case
    # The clock counts from the certificate still valid, if any (a replacement is then due).
    still_valid = (
        Certificate.objects.filter(case=case, status=CertificateStatus.ISSUED)
        .order_by("-issued_on", "-issued_at")
        .first()
    )
    case_services.case_record_clock_event(
        case=case,
        event="certificate_issued",
        on=still_valid.issued_on if still_valid is not None else None,
    )
    case_services.event_record(
        case=case,
        kind=EventKind.CERTIFICATE_WITHDRAWN,
        title=f"Certificate {certificate.number} withdrawn",
        description=f"Reason: {reason} A new certificate can now be issued.",
        actor=actor,
    )
    return certificate
