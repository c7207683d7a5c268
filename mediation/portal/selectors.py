"""What a partner (LA, ICB, school) may read: only the cases its organisation is a party to.

Every read starts from the partner's organisation (`organisation.parties`), so a case of another
organisation is never in the list; the case page is guarded by the policy's `portal.case.view`.
What the page makes of it is `mediation.portal.presenters`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from uuid import UUID

    from django.db.models import QuerySet

    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case, Participant, Party


def partner_party(*, user: Actor, case: Case) -> Party | None:
    """The party the partner's organisation is on this case (None: not a party)."""
    if not user.organisation_id:
        return None
    return (
        case.parties.select_related("organisation", "case").filter(
            organisation_id=user.organisation_id
        )
    ).first()


def partner_parties(*, user: Actor) -> QuerySet[Party] | None:
    """Every party the partner's organisation is, on any case (None: no organisation)."""
    organisation = user.organisation
    if organisation is None:
        return None
    return organisation.parties.select_related(
        "case", "case__service", "case__local_authority", "organisation"
    ).prefetch_related("participants", "summaries")


def active(participants: Iterable[Participant]) -> list[Participant]:
    """Those still attending (not removed)."""
    return [p for p in participants if p.removed_at is None]


def participants_attending(*, party: Party) -> list[Participant]:
    """The party's people who will attend, in the order they were added."""
    return active(party.participants.order_by("created_at").select_related("user"))


def participant_of_party(*, party: Party, participant_id: UUID | str) -> Participant | None:
    """One of this party's people (None if they are someone else's, or removed)."""
    try:
        return party.participants.filter(pk=participant_id, removed_at__isnull=True).first()
    except (ValueError, TypeError):
        return None
