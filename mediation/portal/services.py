"""What a partner does on the partner side that takes more than one step of another app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mediation.cases import parties as case_parties
from mediation.cases.choices import ParticipantRole

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case, Participant, Party


def partner_participant_add(
    *,
    case: Case,
    party: Party,
    name: str,
    role: str,
    email: str,
    can_decide: bool,
    actor: Actor,
    job_title: str = "",
    phone: str = "",
) -> Participant:
    """Someone who will attend for the partner's organisation.

    Whoever the partner says can make decisions is confirmed as its decision maker at once (an
    officer who can decide is recorded as the decision maker); the partner listing themselves is
    linked to their own account.
    """
    if can_decide and role == ParticipantRole.OFFICER:
        role = ParticipantRole.DECISION_MAKER
    participant = case_parties.participant_add(
        case=case,
        party=party,
        name=name,
        role=role,
        job_title=job_title,
        email=email,
        phone=phone,
        is_decision_maker=can_decide,
        user=actor if email.strip().lower() == actor.email.lower() else None,
        actor=actor,
    )
    if can_decide:
        case_parties.decision_maker_confirm(participant=participant, actor=actor)
    return participant
