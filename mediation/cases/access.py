"""The case a page is about: found by id (else a 404 page) and allowed to this user (else 403).

Every view about one case starts here, in every app:

    case = case_or_404(request, case_id, "meeting.manage")

The family's private pages, which have no signed-in user, start from their link instead:

    case = family_case_or_404(token)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest

from mediation import policy
from mediation.cases import selectors, services

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.cases.models import Case


def case_or_404(request: HttpRequest, case_id: UUID | str, action: str = "case.view") -> Case:
    """The case, if it exists and the signed-in user may do ``action`` to it."""
    return policy.authorised(request.user, action, selectors.case_get(case_id=case_id))


def family_case_or_404(token: str) -> Case:
    """The case a family's private link opens; an unknown or revoked link is a plain 404 (so
    links cannot be probed)."""
    case = services.family_access_case(token=token)
    if case is None:
        raise Http404("No such link")
    return case
