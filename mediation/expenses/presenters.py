"""What the expenses pages show: each claim as a card, in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mediation.core.formatting import govuk_date
from mediation.expenses.models import ClaimStatus

if TYPE_CHECKING:
    from mediation.expenses.models import ExpenseClaim

STATUS_TAG_CLASSES: dict[str, str] = {
    ClaimStatus.PAID: "govuk-tag--green",
    ClaimStatus.REFUSED: "govuk-tag--red",
    ClaimStatus.SENT: "govuk-tag--blue",
}


def claim_title(claim: ExpenseClaim) -> str:
    """£12.40 for Alex Morgan."""
    return f"£{claim.amount:.2f} for {claim.claimant}"


def settle_title(claim: ExpenseClaim) -> str:
    return f"The local authority's decision on £{claim.amount:.2f}"


def claim_progress(claim: ExpenseClaim) -> str:
    """When it was sent and decided: " Sent 3 March 2026. Decided 9 March 2026 (ref PAY-1)."."""
    text = ""
    if claim.sent_on:
        text += f" Sent {govuk_date(claim.sent_on)}."
    if claim.settled_on:
        reference = f" (ref {claim.la_reference})" if claim.la_reference else ""
        text += f" Decided {govuk_date(claim.settled_on)}{reference}."
    return text


@dataclass(frozen=True)
class ClaimCard:
    """One claim on the expenses page, and what may be done next."""

    claim: ExpenseClaim
    title: str
    status: str
    status_classes: str
    progress: str
    may_send: bool
    may_settle: bool


def claim_cards(claims: Iterable[ExpenseClaim], *, may_edit: bool) -> list[ClaimCard]:
    return [
        ClaimCard(
            claim=claim,
            title=claim_title(claim),
            status=claim.get_status_display(),
            status_classes=STATUS_TAG_CLASSES.get(claim.status, "govuk-tag--grey"),
            progress=claim_progress(claim),
            may_send=may_edit and claim.status == ClaimStatus.RECORDED,
            may_settle=may_edit and claim.status == ClaimStatus.SENT,
        )
        for claim in claims
    ]
