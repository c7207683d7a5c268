"""The case a page is about: found by id (else a 404 page) and allowed to this user (else 403).

Every view about one case starts here, in every app:

    case = case_or_404(request, case_id, "meeting.manage")

and a page about one of its parties or the people taking part goes on from the case:

    party = party_or_404(case, party_id)

The family's private pages, which have no signed-in user, start from their link instead:

    case = family_case_or_404(token)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from mediation import policy
from mediation.cases import selectors, services
from mediation.core.lookups import found_or_404

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.cases.models import Case, Participant, Party


def case_or_404(request: HttpRequest, case_id: UUID | str, action: str = "case.view") -> Case:
    """The case, if it exists and the signed-in user may do ``action`` to it."""
    return policy.authorised(request.user, action, selectors.case_get(case_id=case_id))


def party_or_404(case: Case, party_id: UUID | str) -> Party:
    """One of the case's parties (a 404 page for a party of another case, or none)."""
    return found_or_404(selectors.party_get(case=case, party_id=party_id), "No such party")


def participant_or_404(case: Case, participant_id: UUID | str) -> Participant:
    """Someone taking part in the case (a 404 page if they are not)."""
    found = selectors.participant_get(case=case, participant_id=participant_id)
    return found_or_404(found, "No such person")


def family_case_or_404(token: str) -> Case:
    """The case a family's private link opens; an unknown or revoked link is a plain 404 (so
    links cannot be probed)."""
    return found_or_404(services.family_access_case(token=token), "No such link")
