"""Reading outcomes and agreements: for staff, for the case page, for the PDF, for partners.

Partner-facing reads (`agreement_for_party`, `agreement_items_for_party`) return only a final
agreement, and only to a party the family has allowed the service to share information with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from mediation.agreements.choices import (
    AGREEMENT_OUTCOMES,
    CONCLUDING_OUTCOMES,
    ITEM_KIND_EXAMPLES,
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
from mediation.cases.choices import DecisionType, ParticipantRole, PartyKind
from mediation.core.formatting import weekday_date
from mediation.rules import Deadline, RulesInputError, agreement_item_due

if TYPE_CHECKING:
    from mediation.cases.models import Case, Matter, Party


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


def regulation_short(deadline: Deadline) -> str:
    """ "reg 44" or "reg 42": which regulation sets the timescale, as a hint can say it."""
    return "reg 44" if "reg 44" in deadline.citation else "reg 42"


def kind_timescale(deadline: Deadline) -> str:
    """E.g. "11 weeks (reg 44)"."""
    weeks = deadline.rule.amount
    return f"{weeks} week{'s' if weeks != 1 else ''} ({regulation_short(deadline)})"


@dataclass(frozen=True)
class KindOption:
    value: str
    label: str
    hint: str


def kind_options(*, case: Case, agreed_on: dt.date) -> list[KindOption]:
    """The kinds of action an item can be, each with its timescale and due date as a hint.

    The health body's duty to tell the LA is offered only when the LA is not a party or the
    mediation is about health alone.
    """
    la_is_party = case.parties.filter(kind=PartyKind.LOCAL_AUTHORITY).exists()
    offer_la_notified = not la_is_party or case.health_only
    options = []
    for kind in ItemKind:
        if kind == ItemKind.LA_NOTIFIED and not offer_la_notified:
            continue
        deadline = item_deadline(agreed_on=agreed_on, kind=kind)
        if deadline is None:
            continue
        hint = f"{kind_timescale(deadline)}: by {weekday_date(deadline.due)}"
        if kind in ITEM_KIND_EXAMPLES:
            hint = f"{ITEM_KIND_EXAMPLES[kind]}. {hint}"
        options.append(KindOption(value=kind.value, label=kind.label, hint=hint))
    return options


# ---------------------------------------------------------------------------------------------
# Outcomes and agreements
# ---------------------------------------------------------------------------------------------


def outcome_for_case(*, case: Case) -> Outcome | None:
    return Outcome.objects.select_related("recorded_by").filter(case=case).first()


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


def confirmations_by_party(*, agreement: Agreement) -> dict[Any, Confirmation]:
    return {c.party_id: c for c in agreement.confirmations.select_related("recorded_by")}


def deliveries(*, agreement: Agreement) -> QuerySet[AgreementDelivery]:
    return agreement.deliveries.select_related("party", "party__organisation", "sent_by")


def parties_of(case: Case) -> list[Party]:
    return list(case.parties.select_related("organisation").order_by("created_at"))


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
# What the agreement says (the check page and the PDF print the same thing)
# ---------------------------------------------------------------------------------------------


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


def item_line(item: AgreementItem, number: int) -> ItemLine:
    agreement = item.agreement
    deadline = (
        item_deadline(agreed_on=agreement.agreed_on, kind=item.kind)
        if agreement.statutory
        else None
    )
    if deadline is not None and not item.due_date_changed:
        basis = deadline.citation
        explanation = deadline.explanation
    elif deadline is not None:
        basis = "A different date the parties agreed in writing (reg 42)"
        explanation = (
            f"The regulations would set {weekday_date(deadline.due)} ({deadline.citation}), but "
            f"the parties agreed a different timescale in writing, as regulation 42 allows. "
            f"{item.due_date_note.strip()}"
        )
    else:
        basis = "The date the parties agreed"
        explanation = item.due_date_note.strip()
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
        for number, item in enumerate(agreement_items(agreement=agreement), start=1)
    ]


@dataclass(frozen=True)
class PartyLine:
    name: str
    kind_label: str
    attended: list[str]


def _person(participant: Any) -> str:
    role = ""
    if participant.role in ParticipantRole.values:
        # "Advocate or supporter (the family's choice)" prints as "advocate or supporter".
        role = ParticipantRole(participant.role).label.split(" (")[0]
        if role[1:2].islower():  # "Parent or carer" reads "parent or carer"; "SENCo" stays
            role = role[:1].lower() + role[1:]
    job = participant.job_title.strip()
    described = ", ".join(p for p in (job, role) if p)
    return f"{participant.name} ({described})" if described else participant.name


@dataclass(frozen=True)
class AgreementDocument:
    """Everything the written agreement prints. The child is named by first name and initials
    only: the agreement goes to organisations."""

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
    parties = []
    for party in parties_of(case):
        people = party.participants.filter(removed_at__isnull=True, attending=True).order_by(
            "created_at"
        )
        parties.append(
            PartyLine(
                name=party.name,
                kind_label=PartyKind(party.kind).label,
                attended=[_person(p) for p in people],
            )
        )
    also_present = [
        _person(p)
        for p in case.participants.filter(
            party__isnull=True, removed_at__isnull=True, attending=True
        ).order_by("created_at")
    ]
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
        parties=parties,
        also_present=also_present,
        items=items,
        matters_in_dispute=agreement.matters_in_dispute.strip(),
        prepared_by=prepared_by or agreement.finalised_by_name,
        printed_on=timezone.localdate(),
        appealable_items=any(line.item.kind in APPEALABLE_KINDS for line in items),
    )


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
    items: list[ItemLine]
    recipients: list[Recipient]
    delivered_party_ids: frozenset[Any]
    confirmations: dict[Any, Confirmation]
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
        items=item_lines(agreement=agreement),
        recipients=agreement_recipients(agreement=agreement),
        delivered_party_ids=frozenset(d.party_id for d in agreement.deliveries.all()),
        confirmations=confirmations_by_party(agreement=agreement),
        certificate_due_on=certificate_after_mediation_due(case),
        is_disagreement_resolution=case.is_disagreement_resolution,
    )


def outcome_concludes(outcome: str) -> bool:
    return outcome in CONCLUDING_OUTCOMES
