"""What a partner's pages show: its list of cases and the case page, each with the next thing to do.

What the family shares (its names, summaries, the child's views, the agreement) is shown only once
the family has given permission to share with this party.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

from mediation.agreements import presenters as agreement_presenters
from mediation.agreements import selectors as agreement_selectors
from mediation.cases import clock, lifecycle
from mediation.cases.choices import DRAnswer, ParticipantRole, PartyKind, Stage
from mediation.meetings import presenters as meeting_presenters
from mediation.portal import selectors
from mediation.preparation import selectors as preparation_selectors

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.agreements.models import Agreement, AgreementItem, Confirmation
    from mediation.cases.models import Case, Participant, Party
    from mediation.meetings.presenters import PartyMeetingView
    from mediation.preparation.models import CaseSummary, ChildViews
    from mediation.rules import Deadline

# The parties that must send someone with the authority to resolve the issues (the arranging
# bodies). A school or social care may name one too, but it is not required.
DECISION_MAKER_REQUIRED = frozenset({PartyKind.LOCAL_AUTHORITY, PartyKind.ICB})

SUMMARY_INTRO = (
    "Tell the mediator and the other parties, in a page or two, what the disagreement is about "
    "from your side and what you would like to happen. You choose who can read it."
)


def _has_confirmed_decision_maker(participants: list[Participant]) -> bool:
    return any(p.is_decision_maker and p.decision_maker_confirmed_at for p in participants)


def _agreement_step(party: Party) -> str:
    """What to do about the written agreement, once there is one this party may read."""
    agreement = agreement_selectors.agreement_for_party(party=party)
    if agreement is None:
        return ""
    if party.pk not in agreement_selectors.confirmations_by_party(agreement=agreement):
        return "Confirm the agreement"
    if agreement_selectors.agreement_items_for_party(party=party).exists():
        return "Do your agreed actions by their due dates"
    return ""


def _preparation_step(party: Party, participants: list[Participant], has_summary: bool) -> str:
    """Before the meeting: attend, send a decision maker, send a summary."""
    if party.attendance_confirmed_at is None:
        return "Confirm you will attend"
    if party.kind in DECISION_MAKER_REQUIRED and not _has_confirmed_decision_maker(participants):
        return "Confirm who can make decisions"
    if not has_summary:
        return "Send your case summary"
    step = lifecycle.next_step(party.case)
    return f"Nothing for now: {step.for_partners}" if step else "Nothing for now"


def next_step(*, party: Party, participants: list[Participant], has_summary: bool) -> str:
    """The next thing this partner should do on the case, in a few words."""
    case = party.case
    if case.agreement_recorded_on is not None:
        step = _agreement_step(party)
        if step:
            return step
    if lifecycle.next_step(case) is None:
        return "Nothing: the case is closed"
    if case.is_disagreement_resolution and party.dr_answer in (
        DRAnswer.NOT_ASKED,
        DRAnswer.ASKED,
    ):
        return "Tell us if you will take part"
    if party.dr_answer == DRAnswer.DECLINES:
        return "Nothing: you said you will not take part"
    if case.stage == Stage.AFTER_MEETING:
        return "Nothing for now: the agreement will be sent to you"
    return _preparation_step(party, participants, has_summary)


def child_label(*, party: Party) -> str:
    """The child's name once the family lets this party see its information; initials before."""
    case = party.case
    if party.may_receive_shared_information:
        return case.child_name
    return case.child_initials


# ---------------------------------------------------------------------------------------------
# The partner's list of cases
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerCaseRow:
    case: Case
    party: Party
    child_label: str
    meeting_on: dt.date | None
    next_step: str


def _case_row(party: Party) -> PartnerCaseRow:
    participants = selectors.active(party.participants.all())
    has_summary = any(s.withdrawn_at is None for s in party.summaries.all())
    return PartnerCaseRow(
        case=party.case,
        party=party,
        child_label=child_label(party=party),
        meeting_on=party.case.meeting_on,
        next_step=next_step(party=party, participants=participants, has_summary=has_summary),
    )


def partner_case_rows(*, user: Actor) -> list[PartnerCaseRow]:
    """The partner organisation's cases: open ones first (soonest meeting first), then closed."""
    parties = selectors.partner_parties(user=user)
    if parties is None:
        return []
    rows = [_case_row(party) for party in parties]
    far = dt.date.max
    rows.sort(
        key=lambda r: (
            not r.case.is_open,
            r.meeting_on or far,
            -r.case.received_at.timestamp(),
        )
    )
    return rows


# ---------------------------------------------------------------------------------------------
# The partner's case page
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    """One agreed action this party is responsible for, with where its due date comes from."""

    item: AgreementItem
    due_on: dt.date
    basis: str


def _action_row(agreement: Agreement, item: AgreementItem) -> ActionRow:
    if item.due_date_changed:
        basis = "A different timescale the parties agreed in writing"
        if item.due_date_note:
            basis += f": {item.due_date_note}"
    else:
        deadline = agreement_selectors.item_deadline(agreed_on=agreement.agreed_on, kind=item.kind)
        basis = (
            f"{agreement_presenters.kind_timescale(deadline)} from the agreement date, SEND "
            "Regulations 2014"
            if deadline is not None
            else "As agreed at the meeting"
        )
    return ActionRow(item=item, due_on=item.due_on, basis=basis)


@dataclass(frozen=True)
class PartnerCaseView:
    """Everything the partner's case page shows."""

    case: Case
    party: Party
    child_label: str
    may_see_family_information: bool
    meeting: PartyMeetingView | None
    mediation_due: Deadline | None
    participants: list[Participant]
    own_summaries: list[CaseSummary]
    shared_summaries: list[CaseSummary]
    child_views: ChildViews | None
    agreement: Agreement | None  # the final agreement only
    actions: list[ActionRow] = field(default_factory=list)
    confirmation: Confirmation | None = None
    next_step: str = ""

    @property
    def decision_maker_confirmed(self) -> bool:
        return _has_confirmed_decision_maker(self.participants)

    @property
    def before_meeting(self) -> bool:
        """Still getting ready: attendance, the decision maker and summaries still matter."""
        return (
            self.case.is_open
            and self.case.mediation_concluded_on is None
            and self.case.stage != Stage.AFTER_MEETING
        )

    @property
    def decision_maker_required(self) -> bool:
        return self.party.kind in DECISION_MAKER_REQUIRED

    @property
    def is_disagreement_resolution(self) -> bool:
        return self.case.is_disagreement_resolution

    @property
    def dr_question_open(self) -> bool:
        return (
            self.is_disagreement_resolution
            and self.case.is_open
            and self.party.dr_answer in (DRAnswer.NOT_ASKED, DRAnswer.ASKED)
        )


@dataclass(frozen=True)
class _AgreementPart:
    agreement: Agreement | None = None
    actions: list[ActionRow] = field(default_factory=list)
    confirmation: Confirmation | None = None


def _agreement_part(party: Party) -> _AgreementPart:
    agreement = agreement_selectors.agreement_for_party(party=party)
    if agreement is None:
        return _AgreementPart()
    return _AgreementPart(
        agreement=agreement,
        actions=[
            _action_row(agreement, item)
            for item in agreement_selectors.agreement_items_for_party(party=party)
        ],
        confirmation=agreement_selectors.confirmations_by_party(agreement=agreement).get(party.pk),
    )


def partner_case_view(*, case: Case, party: Party, today: dt.date | None = None) -> PartnerCaseView:
    today = today or timezone.localdate()
    participants = selectors.participants_attending(party=party)
    readable = preparation_selectors.summaries_for_party_view(party=party)
    own = [s for s in readable if s.party_id == party.pk]
    part = _agreement_part(party)
    deadlines = clock.case_clock(case, today=today).deadlines
    return PartnerCaseView(
        case=case,
        party=party,
        child_label=child_label(party=party),
        may_see_family_information=party.may_receive_shared_information,
        meeting=meeting_presenters.meeting_for_party(case=case, party=party),
        mediation_due=deadlines.get("mediation_due"),
        participants=participants,
        own_summaries=own,
        shared_summaries=[s for s in readable if s.party_id != party.pk],
        child_views=preparation_selectors.child_views_readable_by_party(party=party),
        agreement=part.agreement,
        actions=part.actions,
        confirmation=part.confirmation,
        next_step=next_step(party=party, participants=participants, has_summary=bool(own)),
    )


# ---------------------------------------------------------------------------------------------
# Forms' first answers
# ---------------------------------------------------------------------------------------------


def participant_initial(*, user: Actor, themselves: bool) -> dict[str, object]:
    """Adding yourself: your own details to start from."""
    if not themselves:
        return {}
    return {
        "name": user.full_name,
        "email": user.email,
        "job_title": user.job_title,
        "phone": user.phone,
        "role": ParticipantRole.OFFICER.value,
    }


def agreement_intro(agreement: Agreement) -> str:
    return (
        f"The agreement dated {agreement.agreed_on.day} {agreement.agreed_on:%B %Y}. "
        "Read it before you confirm. If it does not record what was agreed, contact us instead."
    )
