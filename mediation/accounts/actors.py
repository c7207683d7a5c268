"""Who did this: the one type for the person behind an action, and the one way to find them.

Services take ``actor: Actor | None``: the signed-in person who acted, or None when nobody
signed in did (a family's online referral, a scheduled reminder). Views find the actor with
`request_actor` (anyone) or `signed_in` (pages that need a sign-in; the policy has already sent
anonymous visitors to the sign-in page).

Other apps import `Actor` under ``TYPE_CHECKING`` only, like any model type.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from mediation.accounts.models import User

type Actor = User


def request_actor(request: HttpRequest) -> Actor | None:
    """The signed-in, active person making the request, or None."""
    user = getattr(request, "user", None)
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def signed_in(request: HttpRequest) -> Actor:
    """The signed-in person, on a page only signed-in people reach (refused otherwise)."""
    actor = request_actor(request)
    if actor is None:
        raise PermissionDenied("Sign in first")
    return actor
