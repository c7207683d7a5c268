"""The written agreement as it is printed: the PDF, the check page before it and the item cards
print the same thing.

The child is named by first name and initials only: the agreement goes to organisations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from mediation.agreements import selectors
from mediation.agreements.choices import ItemKind, OutcomeKind
from mediation.cases.choices import DecisionType, ParticipantRole, PartyKind
from mediation.core.formatting import weekday_date

if TYPE_CHECKING:
    from mediation.agreements.models import Agreement, AgreementItem
    from mediation.cases.models import Case, Matter, Participant


def matter_label(matter: Matter | None) -> str:
    if matter is None:
        return "Something else the parties agreed"
    label = (
        DecisionType(matter.decision).label
        if matter.decision in DecisionType.values
        else matter.decision
    )
    sections = matter.section_list
    if sections and "section" not in label.lower():
        label = f"{label} (section{'s' if len(sections) > 1 else ''} {', '.join(sections)})"
    return label


@dataclass(frozen=True)
class ItemLine:
    """An item as printed: the due date and the rule (or agreement) it comes from."""

    number: int
    item: AgreementItem
    matter: str
    decided: str
    action: str
    responsible: str
    kind_label: str
    due_on: dt.date
    default_due_on: dt.date | None
    due_date_changed: bool
    basis: str  # "SEND Regulations 2014, reg 42 and reg 44(2)(e)" or "Agreed by the parties"
    basis_explanation: str
    how_checked: str


def _basis(item: AgreementItem) -> tuple[str, str]:
    """Where the item's due date comes from, and the sentence that explains it."""
    agreement = item.agreement
    deadline = (
        selectors.item_deadline(agreed_on=agreement.agreed_on, kind=item.kind)
        if agreement.statutory
        else None
    )
    if deadline is not None and not item.due_date_changed:
        return deadline.citation, deadline.explanation
    if deadline is not None:
        return (
            "A different date the parties agreed in writing (reg 42)",
            f"The regulations would set {weekday_date(deadline.due)} ({deadline.citation}), but "
            f"the parties agreed a different timescale in writing, as regulation 42 allows. "
            f"{item.due_date_note.strip()}",
        )
    return "The date the parties agreed", item.due_date_note.strip()


def item_line(item: AgreementItem, number: int) -> ItemLine:
    basis, explanation = _basis(item)
    return ItemLine(
        number=number,
        item=item,
        matter=matter_label(item.matter),
        decided=item.decided,
        action=item.action,
        responsible=item.responsible.name,
        kind_label=ItemKind(item.kind).label if item.kind in ItemKind.values else "",
        due_on=item.due_on,
        default_due_on=item.default_due_on,
        due_date_changed=item.due_date_changed,
        basis=basis,
        basis_explanation=explanation,
        how_checked=item.how_checked,
    )


def item_lines(*, agreement: Agreement) -> list[ItemLine]:
    return [
        item_line(item, number)
        for number, item in enumerate(selectors.agreement_items(agreement=agreement), start=1)
    ]


@dataclass(frozen=True)
class PartyLine:
    name: str
    kind_label: str
    attended: list[str]


def _person(participant: Participant) -> str:
    role = ""
    if participant.role in ParticipantRole.values:
        # "Advocate or supporter (the family's choice)" prints as "advocate or supporter".
        role = ParticipantRole(participant.role).label.split(" (")[0]
        if role[1:2].islower():  # "Parent or carer" reads "parent or carer"; "SENCo" stays
            role = role[:1].lower() + role[1:]
    job = participant.job_title.strip()
    described = ", ".join(p for p in (job, role) if p)
    return f"{participant.name} ({described})" if described else participant.name


def _party_lines(case: Case) -> list[PartyLine]:
    """Each party, and who of its people attended."""
    lines = []
    for party in selectors.parties_of(case):
        people = party.participants.filter(removed_at__isnull=True, attending=True).order_by(
            "created_at"
        )
        lines.append(
            PartyLine(
                name=party.name,
                kind_label=PartyKind(party.kind).label,
                attended=[_person(p) for p in people],
            )
        )
    return lines


def _also_present(case: Case) -> list[str]:
    """People at the meeting for no party (an interpreter, say)."""
    return [
        _person(p)
        for p in case.participants.filter(
            party__isnull=True, removed_at__isnull=True, attending=True
        ).order_by("created_at")
    ]


@dataclass(frozen=True)
class AgreementDocument:
    """Everything the written agreement prints."""

    provider_name: str
    service_name: str
    service_phone: str
    service_email: str
    reference: str
    child: str
    local_authority_name: str
    agreed_on: dt.date
    concluded_on: dt.date
    outcome: str
    outcome_key: str
    statutory: bool
    matters: list[str]
    parties: list[PartyLine]
    also_present: list[str]
    items: list[ItemLine]
    matters_in_dispute: str
    prepared_by: str
    printed_on: dt.date
    appealable_items: bool = field(default=False)


APPEALABLE_KINDS = frozenset(ItemKind) - {ItemKind.OTHER, ItemKind.LA_NOTIFIED}


def agreement_document(*, agreement: Agreement, prepared_by: str = "") -> AgreementDocument:
    case = agreement.case
    outcome = agreement.outcome
    items = item_lines(agreement=agreement)
    service = case.service
    return AgreementDocument(
        provider_name=settings.SERVICE_PROVIDER_NAME,
        service_name=service.name,
        service_phone=service.phone or settings.SERVICE_PHONE,
        service_email=service.email or settings.SERVICE_EMAIL,
        reference=case.reference,
        child=f"{case.child_first_name} ({case.child_initials})",
        local_authority_name=case.local_authority.name,
        agreed_on=agreement.agreed_on,
        concluded_on=outcome.concluded_on,
        outcome=OutcomeKind(outcome.outcome).label,
        outcome_key=outcome.outcome,
        statutory=agreement.statutory,
        matters=[matter_label(m) for m in case.matters.all()],
        parties=_party_lines(case),
        also_present=_also_present(case),
        items=items,
        matters_in_dispute=agreement.matters_in_dispute.strip(),
        prepared_by=prepared_by or agreement.finalised_by_name,
        printed_on=timezone.localdate(),
        appealable_items=any(line.item.kind in APPEALABLE_KINDS for line in items),
    )
