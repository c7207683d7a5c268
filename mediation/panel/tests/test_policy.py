"""Who may see the panel, manage it, allocate mediators and declare conflicts."""

from collections.abc import Callable
from typing import Any

import pytest

from mediation import policy
from tests.factories.organisations import ServiceFactory

pytestmark = pytest.mark.django_db

STAFF = ["service_manager", "coordinator", "mediation_adviser", "mediator"]
PARTNERS = ["la_officer", "icb_officer", "school_contact"]


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_the_panel(make_user: Callable[..., Any], role: str) -> None:
    assert policy.can(make_user(role), "panel.view")


@pytest.mark.parametrize("role", PARTNERS)
def test_partners_do_not_see_the_panel(make_user: Callable[..., Any], role: str) -> None:
    assert not policy.can(make_user(role), "panel.view")


@pytest.mark.parametrize("role", STAFF + PARTNERS)
def test_only_managers_manage_the_panel(make_user: Callable[..., Any], role: str) -> None:
    assert policy.can(make_user(role), "panel.manage") == (role == "service_manager")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("service_manager", True),
        ("coordinator", True),
        ("mediation_adviser", False),
        ("mediator", False),
    ],
)
def test_coordinators_and_managers_allocate_in_their_service(
    staff: Callable[..., Any], make_case: Callable[..., Any], role: str, allowed: bool
) -> None:
    case = make_case()
    assert policy.can(staff(role), "mediator.allocate", case) == allowed


@pytest.mark.parametrize("role", PARTNERS)
def test_partners_never_allocate(
    make_user: Callable[..., Any], make_case: Callable[..., Any], role: str
) -> None:
    assert not policy.can(make_user(role), "mediator.allocate", make_case())


def test_a_coordinator_of_another_service_does_not_allocate(
    make_user: Callable[..., Any], make_case: Callable[..., Any], provider: Any
) -> None:
    elsewhere = make_user("coordinator")
    elsewhere.services.add(ServiceFactory.create(provider=provider, reference_prefix="REG"))
    assert not policy.can(elsewhere, "mediator.allocate", make_case())
    assert not policy.can(elsewhere, "mediator.allocate", None)


def test_a_mediator_declares_their_own_conflicts_and_a_manager_anyones(
    staff: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    helen = staff("mediator")
    daniel = staff("mediator")
    manager = staff("service_manager")
    assert policy.can(helen, "conflict.declare", helen)
    assert not policy.can(helen, "conflict.declare", daniel)
    assert policy.can(manager, "conflict.declare", helen)
    assert not policy.can(staff("coordinator"), "conflict.declare", helen)
    assert not policy.can(make_user("la_officer"), "conflict.declare", helen)
    # Only mediators have conflicts to declare.
    assert not policy.can(manager, "conflict.declare", staff("coordinator"))
    assert not policy.can(manager, "conflict.declare", None)
