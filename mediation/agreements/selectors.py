"""Reading outcomes and agreements: for staff, for the case page, for partners.

What the agreement prints is `mediation.agreements.document`; what its pages show,
`mediation.agreements.presenters`.

Partner-facing reads (`agreement_for_party`, `agreement_items_for_party`) return only a final
agreement, and only to a party the family has allowed the service to share information with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from mediation.agreements.choices import (
    AGREEMENT_OUTCOMES,
    AgreementStatus,
    ItemKind,
    OutcomeKind,
)
from mediation.agreements.models import (
    Agreement,
    AgreementDelivery,
    AgreementItem,
    Confirmation,
    Outcome,
)
from mediation.cases import clock
from mediation.rules import Deadline, RulesInputError, agreement_item_due

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.cases.models import Case, Party


# ---------------------------------------------------------------------------------------------
# Timescales (regs 42 and 44, from the statutory clock)
# ---------------------------------------------------------------------------------------------


def item_deadline(*, agreed_on: dt.date, kind: str) -> Deadline | None:
    """The clock's deadline for an item of this kind in an agreement of this date (or None)."""
    if kind not in ItemKind.values:
        return None
    try:
        return agreement_item_due(agreed_on, kind)
    except RulesInputError:
        return None


# ---------------------------------------------------------------------------------------------
# Outcomes and agreements
# ---------------------------------------------------------------------------------------------


def outcome_for_case(*, case: Case) -> Outcome | None:
    return Outcome.objects.select_related("updated_by").filter(case=case).first()


def agreement_for_case(*, case: Case, include_draft: bool = False) -> Agreement | None:
    """The case's written agreement: only once final, unless `include_draft` (staff only)."""
    qs = Agreement.objects.select_related("case", "case__service", "outcome", "finalised_by")
    if not include_draft:
        qs = qs.filter(status=AgreementStatus.FINAL)
    return qs.filter(case=case).first()


def agreement_items(*, agreement: Agreement) -> QuerySet[AgreementItem]:
    return agreement.items.select_related("matter", "responsible", "responsible__organisation")


def agreement_item_get(*, agreement: Agreement, item_id: UUID | str) -> AgreementItem | None:
    """One item of this agreement (None for an item of another agreement, or no item)."""
    try:
        return agreement_items(agreement=agreement).filter(pk=item_id).first()
    except (ValueError, TypeError):
        return None


def agreement_for_party(*, party: Party) -> Agreement | None:
    """The final agreement, for a party that may receive it (the family always may)."""
    if not party.may_receive_agreement:
        return None
    return agreement_for_case(case=party.case)


def agreement_items_for_party(*, party: Party) -> QuerySet[AgreementItem]:
    """The actions this party is responsible for, in the final agreement, soonest first."""
    if agreement_for_party(party=party) is None:
        return AgreementItem.objects.none()
    return (
        AgreementItem.objects.select_related("agreement", "matter", "responsible")
        .filter(
            responsible=party,
            agreement__case_id=party.case_id,
            agreement__status=AgreementStatus.FINAL,
        )
        .order_by("due_on", "created_at")
    )


@dataclass(frozen=True)
class AgreementPdf:
    filename: str
    content: bytes


def agreement_pdf(*, agreement: Agreement) -> AgreementPdf | None:
    """The printed agreement (only a final one has been printed)."""
    if not agreement.is_final or not agreement.pdf:
        return None
    with agreement.pdf.open("rb") as handle:
        content = handle.read()
    return AgreementPdf(filename=agreement.pdf_filename, content=content)


def confirmations_by_party(*, agreement: Agreement) -> dict[UUID, Confirmation]:
    return {c.party_id: c for c in agreement.confirmations.select_related("created_by")}


def deliveries(*, agreement: Agreement) -> QuerySet[AgreementDelivery]:
    return agreement.deliveries.select_related("party", "party__organisation", "created_by")


def parties_of(case: Case) -> list[Party]:
    return list(case.parties.select_related("organisation").order_by("created_at"))


def party_get(*, case: Case, party_id: UUID | str) -> Party | None:
    """One party of this case (None for a party of another case, or no party)."""
    return next((p for p in parties_of(case) if str(p.pk) == str(party_id)), None)


# ---------------------------------------------------------------------------------------------
# Who receives the agreement
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """One party, the people its copy goes to (name, e-mail), and why it cannot go, if so."""

    party: Party
    people: tuple[tuple[str, str], ...]
    problem: str = ""

    @property
    def will_receive(self) -> bool:
        return not self.problem

    @property
    def addresses(self) -> list[str]:
        return [email for _, email in self.people]


def _people(party: Party) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for participant in party.participants.filter(removed_at__isnull=True).order_by("created_at"):
        email = participant.email.strip().lower()
        if email and email not in seen:
            seen.add(email)
            found.append((participant.name, email))
    return found


def recipient_for(*, party: Party) -> Recipient:
    """Where the party's copy of the agreement goes.

    The family's people (and the applicant, always); an organisation's people with an e-mail
    address, or failing that the organisation's own address. Nothing goes to an organisation the
    family has not allowed the service to share information with.
    """
    case = party.case
    people = _people(party)
    if party.is_family:
        applicant = case.applicant_email.strip().lower()
        if applicant and applicant not in {email for _, email in people}:
            people.insert(0, (case.applicant_name, applicant))
        if not people:
            return Recipient(
                party, (), "There is no email address for the family: post the agreement to them"
            )
        return Recipient(party, tuple(people))
    if not party.may_receive_agreement:
        return Recipient(
            party,
            tuple(people),
            f"The family has not given permission to share information with {party.name}. "
            "Record the family's permission first",
        )
    if not people and party.organisation is not None and party.organisation.email:
        people = [(party.organisation.name, party.organisation.email.strip().lower())]
    if not people:
        return Recipient(
            party,
            (),
            f"There is no email address for anyone at {party.name}: add one, or send the "
            "agreement another way",
        )
    return Recipient(party, tuple(people))


def agreement_recipients(*, agreement: Agreement) -> list[Recipient]:
    return [recipient_for(party=party) for party in parties_of(agreement.case)]


# ---------------------------------------------------------------------------------------------
# What stops the agreement being finalised
# ---------------------------------------------------------------------------------------------


def agreement_problems(*, agreement: Agreement) -> list[str]:
    """What must be put right before the agreement can be finalised (empty: it can be)."""
    problems: list[str] = []
    outcome = agreement.outcome
    if outcome.outcome not in AGREEMENT_OUTCOMES:
        problems.append(
            f"The outcome is recorded as “{OutcomeKind(outcome.outcome).label.lower()}”, "
            "which has no written agreement"
        )
    if not agreement.items.exists():
        problems.append("Add at least one thing the parties agreed")
    in_dispute = agreement.matters_in_dispute.strip()
    if outcome.outcome == OutcomeKind.PARTIAL_AGREEMENT and not in_dispute:
        problems.append("Say which matters are still in dispute: the outcome is partial agreement")
    if outcome.outcome == OutcomeKind.FULL_AGREEMENT and in_dispute:
        problems.append(
            "The outcome is full agreement, but matters still in dispute are listed. Change the "
            "outcome to partial agreement, or remove the matters still in dispute"
        )
    if agreement.agreed_on < outcome.concluded_on:
        problems.append("The agreement cannot be dated before the mediation concluded")
    if agreement.agreed_on > timezone.localdate():
        problems.append("The date of the agreement cannot be in the future")
    return problems


# ---------------------------------------------------------------------------------------------
# What the case page shows
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementOverview:
    """The outcome-and-agreement section of the case page (see `_case_section.html`)."""

    outcome: Outcome | None
    agreement: Agreement | None
    items: list[AgreementItem]
    recipients: list[Recipient]
    delivered_party_ids: frozenset[UUID]
    confirmations: dict[UUID, Confirmation]
    certificate_due_on: dt.date | None
    is_disagreement_resolution: bool

    @property
    def has_agreement_outcome(self) -> bool:
        return self.outcome is not None and self.outcome.outcome in AGREEMENT_OUTCOMES

    @property
    def awaiting_confirmation(self) -> list[Party]:
        if self.agreement is None or not self.agreement.is_final:
            return []
        return [r.party for r in self.recipients if r.party.pk not in self.confirmations]


def certificate_after_mediation_due(case: Case) -> dt.date | None:
    """When the certificate after mediation is due (the clock: 3 working days after the mediation
    concluded), while it has not been issued."""
    if case.mediation_concluded_on is None or case.is_disagreement_resolution:
        return None
    deadline = clock.case_clock(case).deadlines.get("certificate_due")
    if (
        deadline is None
        or deadline.counted_from != "mediation_concluded"
        or deadline.done_on is not None
    ):
        return None
    return deadline.due


def case_agreement_overview(*, case: Case) -> AgreementOverview:
    outcome = outcome_for_case(case=case)
    agreement = agreement_for_case(case=case, include_draft=True)
    if agreement is None:
        return AgreementOverview(
            outcome=outcome,
            agreement=None,
            items=[],
            recipients=[],
            delivered_party_ids=frozenset(),
            confirmations={},
            certificate_due_on=certificate_after_mediation_due(case),
            is_disagreement_resolution=case.is_disagreement_resolution,
        )
    return AgreementOverview(
        outcome=outcome,
        agreement=agreement,
        items=list(agreement_items(agreement=agreement)),
        recipients=agreement_recipients(agreement=agreement),
        delivered_party_ids=frozenset(d.party_id for d in agreement.deliveries.all()),
        confirmations=confirmations_by_party(agreement=agreement),
        certificate_due_on=certificate_after_mediation_due(case),
        is_disagreement_resolution=case.is_disagreement_resolution,
    )
