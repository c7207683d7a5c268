"""The policy module denies by default and answers per role."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from mediation import policy

pytestmark = pytest.mark.django_db


def test_unknown_actions_are_refused(make_user: Any) -> None:
    assert policy.can(make_user("service_manager"), "no.such.action") is False


def test_anonymous_and_inactive_users_are_refused(make_user: Any) -> None:
    assert policy.can(AnonymousUser(), "staff.workspace") is False
    assert policy.can(None, "staff.workspace") is False
    assert policy.can(make_user("coordinator", is_active=False), "staff.workspace") is False


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        ("service_manager", "admin.access", True),
        ("coordinator", "admin.access", False),
        ("mediator", "admin.access", False),
        ("la_officer", "admin.access", False),
        ("coordinator", "staff.workspace", True),
        ("mediation_adviser", "staff.workspace", True),
        ("mediator", "staff.workspace", True),
        ("la_officer", "staff.workspace", False),
        ("icb_officer", "staff.workspace", False),
        ("school_contact", "staff.workspace", False),
        ("service_manager", "case.search", True),
        ("coordinator", "case.search", True),
        ("mediation_adviser", "case.search", True),
        ("mediator", "case.search", True),
        ("la_officer", "case.search", False),
        ("icb_officer", "case.search", False),
        ("school_contact", "case.search", False),
        ("la_officer", "partner.workspace", True),
        ("coordinator", "partner.workspace", False),
    ],
)
def test_role_rules(make_user: Any, role: str, action: str, allowed: bool) -> None:
    assert policy.can(make_user(role), action) is allowed


def test_require_raises_permission_denied(make_user: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        policy.require(make_user("la_officer"), "admin.access")


def test_a_rule_cannot_be_defined_twice() -> None:
    with pytest.raises(ValueError, match="defined twice"):
        policy.rule("admin.access")(lambda user, obj: True)
