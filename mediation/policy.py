"""Who may do what: the one place that answers "may this user do this to this object?".

Every view asks here (through `require` or the `policy_required` decorator). Anything not written
down here is refused: an unknown action, an anonymous or inactive user, a role with no rule.

Rules are plain functions of (user, obj). They may read the object's fields and call selectors;
they never write.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from mediation.accounts.roles import PARTNER_ROLES, STAFF_ROLES, Role

Rule = Callable[[Any, Any], bool]

_RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    """Register the rule for an action (one rule per action)."""

    def register(fn: Rule) -> Rule:
        if action in _RULES:
            raise ValueError(f"Policy rule for {action!r} is defined twice")
        _RULES[action] = fn
        return fn

    return register


def can(user: Any, action: str, obj: Any = None) -> bool:
    """True only if a rule for this action exists and allows this active, signed-in user."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not getattr(user, "is_active", False):
        return False
    check = _RULES.get(action)
    if check is None:
        return False
    return bool(check(user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied (a 403 page) unless the user may do this."""
    if not can(user, action, obj):
        raise PermissionDenied(action)


def known_actions() -> frozenset[str]:
    return frozenset(_RULES)


# ---------------------------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------------------------


def is_staff_member(user: Any) -> bool:
    return user.role in STAFF_ROLES


def is_partner(user: Any) -> bool:
    return user.role in PARTNER_ROLES


def is_manager(user: Any) -> bool:
    return user.role == Role.SERVICE_MANAGER


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------


@rule("admin.access")
def _admin_access(user: Any, obj: Any) -> bool:
    # Django admin edits reference data (organisations, services, users): managers only.
    return is_manager(user)


@rule("staff.workspace")
def _staff_workspace(user: Any, obj: Any) -> bool:
    return is_staff_member(user)


@rule("partner.workspace")
def _partner_workspace(user: Any, obj: Any) -> bool:
    return is_partner(user)


@rule("directory.view")
def _directory_view(user: Any, obj: Any) -> bool:
    return is_staff_member(user)


@rule("signed_in.home")
def _signed_in_home(user: Any, obj: Any) -> bool:
    return is_staff_member(user) or is_partner(user)


@rule("account.view_own")
def _account_view_own(user: Any, obj: Any) -> bool:
    return obj is None or obj == user


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

CASEWORK_ROLES = frozenset({Role.SERVICE_MANAGER, Role.COORDINATOR, Role.MEDIATION_ADVISER})
ALLOCATING_ROLES = frozenset({Role.SERVICE_MANAGER, Role.COORDINATOR})


def service_ids(user: Any) -> frozenset[Any]:
    """The services a member of staff works in (cached on the user for the request)."""
    cached = getattr(user, "_policy_service_ids", None)
    if cached is None:
        cached = frozenset(user.services.values_list("pk", flat=True))
        user._policy_service_ids = cached
    return cached


def works_on(user: Any, case: Any) -> bool:
    """Staff see the cases of the services they work in; managers see every service."""
    if case is None or not is_staff_member(user):
        return False
    if is_manager(user):
        return True
    return case.service_id in service_ids(user)


@rule("referral.create_staff")
def _referral_create_staff(user: Any, obj: Any) -> bool:
    return user.role in CASEWORK_ROLES


@rule("case.view")
def _case_view(user: Any, case: Any) -> bool:
    return works_on(user, case)


@rule("case.edit")
def _case_edit(user: Any, case: Any) -> bool:
    return works_on(user, case) and user.role in CASEWORK_ROLES


@rule("case.route")
def _case_route(user: Any, case: Any) -> bool:
    return works_on(user, case) and user.role in CASEWORK_ROLES


@rule("case.assign")
def _case_assign(user: Any, case: Any) -> bool:
    return works_on(user, case) and user.role in ALLOCATING_ROLES


@rule("case.close")
def _case_close(user: Any, case: Any) -> bool:
    return works_on(user, case) and user.role in ALLOCATING_ROLES


@rule("case.safeguarding.record")
def _safeguarding_record(user: Any, case: Any) -> bool:
    # Anyone working on a case may raise a concern.
    return works_on(user, case)


@rule("case.safeguarding.read")
def _safeguarding_read(user: Any, case: Any) -> bool:
    # The details are for the service manager and the caseworker who holds the case.
    return works_on(user, case) and (is_manager(user) or case.assigned_to_id == user.pk)


@rule("mias.manage")
def _mias_manage(user: Any, case: Any) -> bool:
    return works_on(user, case) and user.role in CASEWORK_ROLES | {Role.MEDIATOR}


@rule("certificate.issue")
def _certificate_issue(user: Any, case: Any) -> bool:
    return works_on(user, case) and user.role in CASEWORK_ROLES | {Role.MEDIATOR}


@rule("certificate.withdraw")
def _certificate_withdraw(user: Any, case: Any) -> bool:
    return works_on(user, case) and user.role in ALLOCATING_ROLES


# ---------------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------------


def policy_required(action: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Sign-in first (anonymous users go to the sign-in page), then the action must be allowed.

    For rules about one object, the view loads it (404 if missing) and calls `require` itself.
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require(request.user, action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
