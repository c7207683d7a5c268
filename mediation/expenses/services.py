"""Recording an expense claim, sending it to the LA with its receipts, and settling it."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mediation.cases import services as case_services
from mediation.cases.choices import EventKind
from mediation.core.errors import ApplicationError, ConflictError
from mediation.expenses.models import ClaimStatus, ExpenseClaim, Receipt
from mediation.notifications import services as notifications

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
RECEIPT_TYPES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
}


def receipt_kind(head: bytes) -> tuple[str, str] | None:
    """The real type of an uploaded receipt, from its first bytes (never its name)."""
    for magic, kind in RECEIPT_TYPES.items():
        if head.startswith(magic):
            return kind
    return None


def receipt_check(upload: UploadedFile) -> tuple[bytes, str, str]:
    """Read and check a receipt: PDF, JPEG or PNG, not empty, at most 10MB."""
    size = upload.size
    if size == 0:
        raise ApplicationError("The selected file is empty", field="receipts")
    if size is not None and size > MAX_RECEIPT_BYTES:
        raise ApplicationError("The selected file must be smaller than 10MB", field="receipts")
    data = upload.read()
    kind = receipt_kind(data[:8])
    if kind is None:
        raise ApplicationError("The selected file must be a PDF, JPG or PNG", field="receipts")
    return data, kind[0], kind[1]


@transaction.atomic
def claim_record(
    *,
    case: Case,
    claimant: str,
    description: str,
    amount: Decimal,
    receipts: Iterable[UploadedFile] = (),
    actor: Actor | None,
) -> ExpenseClaim:
    if amount <= 0:
        raise ApplicationError("Enter an amount more than £0", field="amount")
    if not description.strip():
        raise ApplicationError("Enter what the money was spent on", field="description")
    claim = ExpenseClaim.objects.create(
        case=case,
        claimant=claimant.strip(),
        description=description.strip(),
        amount=amount,
        created_by=actor,
        updated_by=actor,
    )
    for upload in receipts:
        data, content_type, extension = receipt_check(upload)
        receipt = Receipt(
            claim=claim, original_name=str(upload.name)[:200], content_type=content_type
        )
        receipt.file.save(f"{secrets.token_hex(12)}.{extension}", ContentFile(data), save=False)
        receipt.save()
    case_services.event_record(
        case=case,
        kind=EventKind.EXPENSE_RECORDED,
        title=f"Expense claim of £{claim.amount:.2f} recorded for {claim.claimant}",
        description=claim.description,
        actor=actor,
    )
    return claim


@transaction.atomic
def claim_send(*, claim: ExpenseClaim, actor: Actor | None) -> ExpenseClaim:
    """Send the claim, with its receipts, to the local authority that pays it."""
    if claim.status != ClaimStatus.RECORDED:
        raise ConflictError("This claim has already been sent.")
    la = claim.case.local_authority
    if not la.email:
        raise ApplicationError(
            f"There is no email address for {la.name}. Add it in Manage reference data first."
        )
    notifications.email_queue(
        template="expense_claim",
        to=[la.email],
        context={"claim": claim, "case": claim.case},
        case=claim.case,
        attachments=[
            {"name": r.original_name, "path": str(r.file.name), "mimetype": r.content_type}
            for r in claim.receipts.all()
        ],
    )
    claim.status = ClaimStatus.SENT
    claim.sent_on = timezone.localdate()
    claim.updated_by = actor
    claim.save(update_fields=["status", "sent_on", "updated_at", "updated_by"])
    case_services.event_record(
        case=claim.case,
        kind=EventKind.EXPENSE_SENT,
        title=f"Expense claim of £{claim.amount:.2f} sent to {la.name}",
        actor=actor,
    )
    return claim


@transaction.atomic
def claim_settle(
    *,
    claim: ExpenseClaim,
    paid: bool,
    on: dt.date,
    la_reference: str = "",
    notes: str = "",
    actor: Actor | None,
) -> ExpenseClaim:
    if claim.status != ClaimStatus.SENT:
        raise ConflictError("Only a claim sent to the local authority can be paid or refused.")
    claim.status = ClaimStatus.PAID if paid else ClaimStatus.REFUSED
    claim.settled_on = on
    claim.la_reference = la_reference
    claim.notes = notes
    claim.updated_by = actor
    claim.save()
    case_services.event_record(
        case=claim.case,
        kind=EventKind.EXPENSE_SETTLED,
        title=f"Expense claim of £{claim.amount:.2f} {'paid' if paid else 'refused'}",
        description=notes,
        actor=actor,
    )
    return claim
