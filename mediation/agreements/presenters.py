"""What the outcome and agreement pages show: the answers a form starts from, the item kinds with
their timescales, the builder and check pages, and the messages after each step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mediation import policy
from mediation.agreements import selectors
from mediation.agreements.choices import ITEM_KIND_EXAMPLES, ItemKind, OutcomeKind
from mediation.agreements.document import ItemLine, agreement_document, item_line, item_lines
from mediation.cases.choices import PartyKind
from mediation.core.formatting import weekday_date

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.agreements.models import (
        Agreement,
        AgreementDelivery,
        AgreementItem,
        Confirmation,
        Outcome,
    )
    from mediation.cases.models import Case, Party
    from mediation.rules import Deadline


def regulation_short(deadline: Deadline) -> str:
    """ "reg 44" or "reg 42": which regulation sets the timescale, as a hint can say it."""
    return "reg 44" if "reg 44" in deadline.citation else "reg 42"


def kind_timescale(deadline: Deadline) -> str:
    """E.g. "11 weeks (reg 44)"."""
    weeks = deadline.rule.amount
    return f"{weeks} week{'s' if weeks != 1 else ''} ({regulation_short(deadline)})"


# ---------------------------------------------------------------------------------------------
# The outcome
# ---------------------------------------------------------------------------------------------


def outcome_initial(*, case: Case, existing: Outcome | None) -> dict[str, object]:
    """The outcome recorded (to correct it), or the day of the meeting to start from."""
    if existing is not None:
        return {
            "outcome": existing.outcome,
            "concluded_on": existing.concluded_on,
            "notes": existing.notes,
        }
    if case.meeting_on is not None:
        return {"concluded_on": case.meeting_on}
    return {}


def outcome_page(*, case: Case, existing: Outcome | None) -> dict[str, object]:
    """The outcome form's page; disagreement resolution says nothing about a certificate."""
    dr = case.is_disagreement_resolution
    return {
        "title": "Record the outcome",
        "case": case,
        "existing": existing,
        "is_dr": dr,
        "certificate_due_preview": not dr,
    }


def outcome_recorded(record: Outcome) -> str:
    return f"Outcome recorded: {OutcomeKind(record.outcome).label.lower()}"


# ---------------------------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------------------------


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
        deadline = selectors.item_deadline(agreed_on=agreed_on, kind=kind)
        if deadline is None:
            continue
        hint = f"{kind_timescale(deadline)}: by {weekday_date(deadline.due)}"
        if kind in ITEM_KIND_EXAMPLES:
            hint = f"{ITEM_KIND_EXAMPLES[kind]}. {hint}"
        options.append(KindOption(value=kind.value, label=kind.label, hint=hint))
    return options


# ---------------------------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyCopy:
    """One party's copy of a final agreement: where it went, whether it was confirmed."""

    recipient: selectors.Recipient
    deliveries: list[AgreementDelivery]
    confirmation: Confirmation | None

    @property
    def party(self) -> Party:
        return self.recipient.party


def party_copies(*, agreement: Agreement, overview: selectors.AgreementOverview) -> list[PartyCopy]:
    sent = list(agreement.deliveries.all())
    return [
        PartyCopy(
            recipient=recipient,
            deliveries=[d for d in sent if d.party_id == recipient.party.pk],
            confirmation=overview.confirmations.get(recipient.party.pk),
        )
        for recipient in overview.recipients
    ]


def builder_page(*, case: Case, viewer: Actor) -> dict[str, object] | None:
    """The written agreement being built (or as sent); None before an agreement outcome."""
    overview = selectors.case_agreement_overview(case=case)
    agreement = overview.agreement
    if agreement is None and not overview.has_agreement_outcome:
        return None
    return {
        "title": "Written agreement",
        "case": case,
        "overview": overview,
        "agreement": agreement,
        "lines": item_lines(agreement=agreement) if agreement else [],
        "copies": party_copies(agreement=agreement, overview=overview)
        if agreement and agreement.is_final
        else [],
        "can_manage": policy.can(viewer, "agreement.manage", case),
        "problems": selectors.agreement_problems(agreement=agreement) if agreement else [],
    }


# ---------------------------------------------------------------------------------------------
# Check, finalise
# ---------------------------------------------------------------------------------------------


def check_page(*, case: Case, agreement: Agreement, viewer: Actor) -> dict[str, object]:
    """The agreement as it will print (prepared by this person), who it goes to, what stops it."""
    return {
        "title": "Check the agreement before you send it",
        "case": case,
        "agreement": agreement,
        "doc": agreement_document(agreement=agreement, prepared_by=viewer.full_name),
        "recipients": selectors.agreement_recipients(agreement=agreement),
        "problems": selectors.agreement_problems(agreement=agreement),
    }


def finalised(agreement: Agreement) -> str:
    sent = agreement.deliveries.count()
    return f"Agreement finalised and sent to {sent} {'party' if sent == 1 else 'parties'}"


def item_remove_line(item: AgreementItem) -> ItemLine:
    """The item about to be removed, as its card says it."""
    return item_line(item, 1)
