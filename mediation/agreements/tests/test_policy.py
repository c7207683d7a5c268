"""Who may manage, read and confirm a written agreement (mediation.policy, agreements section)."""

from collections.abc import Callable
from typing import Any

import pytest

from mediation import policy
from tests.factories.cases import party_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "manage", "view"),
    [
        ("service_manager", True, True),
        ("coordinator", True, True),
        ("mediator", False, True),  # not this case's mediator
        ("mediation_adviser", False, True),
    ],
)
def test_staff_of_the_service(
    staff: Callable[..., Any], mediation_case: Any, role: str, manage: bool, view: bool
) -> None:
    user = staff(role)
    assert policy.can(user, "agreement.manage", mediation_case) is manage
    assert policy.can(user, "agreement.view", mediation_case) is view


def test_the_cases_mediator_manages_it(mediator: Any, mediation_case: Any) -> None:
    assert policy.can(mediator, "agreement.manage", mediation_case)


def test_a_manager_of_any_service_and_no_one_outside(
    make_user: Callable[..., Any], mediation_case: Any
) -> None:
    assert policy.can(make_user("service_manager"), "agreement.manage", mediation_case)
    assert not policy.can(make_user("coordinator"), "agreement.view", mediation_case)
    assert not policy.can(make_user("mediator"), "agreement.manage", mediation_case)


@pytest.mark.parametrize("role", ["la_officer", "icb_officer", "school_contact"])
def test_partners_neither_manage_nor_read_drafts(
    make_user: Callable[..., Any], mediation_case: Any, role: str
) -> None:
    user = make_user(role)
    assert not policy.can(user, "agreement.manage", mediation_case)
    assert not policy.can(user, "agreement.view", mediation_case)


def test_a_partner_confirms_only_for_its_own_organisation(
    make_user: Callable[..., Any], mediation_case: Any, coordinator: Any
) -> None:
    la = party_of(mediation_case, "local_authority")
    school = party_of(mediation_case, "school")
    officer = make_user("la_officer", organisation=mediation_case.local_authority)
    assert policy.can(officer, "agreement.confirm", la)
    assert not policy.can(officer, "agreement.confirm", school)
    assert not policy.can(make_user("la_officer"), "agreement.confirm", la)
    assert policy.can(coordinator, "agreement.confirm", school)
    assert not policy.can(make_user("coordinator"), "agreement.confirm", school)
