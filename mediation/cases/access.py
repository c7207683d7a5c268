"""The case a page is about: found by id (else a 404 page) and allowed to this user (else 403).

Every view about one case starts here, in every app:

    case = case_or_404(request, case_id, "meeting.manage")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from mediation import policy
from mediation.cases import selectors

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.cases.models import Case


def case_or_404(request: HttpRequest, case_id: UUID | str, action: str = "case.view") -> Case:
    """The case, if it exists and the signed-in user may do ``action`` to it."""
    return policy.authorised(request.user, action, selectors.case_get(case_id=case_id))
