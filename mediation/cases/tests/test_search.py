"""Finding any case, open or closed: the search, its filters, and the cases someone holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from mediation.accounts.models import User
from mediation.cases import selectors
from mediation.cases import services as case_services
from mediation.cases.choices import Stage
from mediation.cases.models import Case
from mediation.cases.selectors import CaseSearch, case_search, cases_held
from mediation.directory.models import Organisation, Service
from mediation.panel.services import mediator_allocate
from tests.factories.cases import (
    CallBookedCaseFactory,
    CaseFactory,
    MediationRequestedCaseFactory,
)
from tests.factories.organisations import LocalAuthorityFactory, ServiceFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


def close(case: Case, *, actor: User | None, on: dt.date | None = None) -> Case:
    """Close the case through the service (on the day given)."""
    if on is None:
        return case_services.case_close(case=case, reason="The family moved away.", actor=actor)
    with time_machine.travel(at(on, 15), tick=False):
        return case_services.case_close(case=case, reason="The family moved away.", actor=actor)


def found(user: User, **criteria: Any) -> list[Case]:
    return list(case_search(user=user, criteria=CaseSearch(**criteria)))


def references(cases: list[Case]) -> list[str]:
    return [c.reference for c in cases]


@pytest.fixture
def other_service_case() -> Case:
    """A case of another service (Kent), for a child with the same name."""
    kent = ServiceFactory.create(name="Kent", reference_prefix="KNT")
    la = LocalAuthorityFactory.create(name="Kent County Council", served_by=[kent])
    return CaseFactory.create(local_authority=la)


# ---------------------------------------------------------------------------------------------
# References, however they are typed
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "reference"),
    [
        ("LDN-2026-00007", "LDN-2026-00007"),
        ("ldn 2026 7", "LDN-2026-00007"),
        ("  ldn-2026-0007 ", "LDN-2026-00007"),
        ("LDN/2026/7", "LDN-2026-00007"),
        ("ldn2026 7", "LDN-2026-00007"),
        ("ldn 2026 123456", "LDN-2026-123456"),
        ("s01 2026 12", "S01-2026-00012"),
        ("Sam", ""),
        ("Sam Morgan", ""),
        ("2026", ""),
        ("2026-00007", ""),
        ("LDN-2026", ""),
        ("", ""),
    ],
)
def test_reference_normalise(typed: str, reference: str) -> None:
    assert selectors.reference_normalise(typed) == reference


def test_a_reference_typed_loosely_finds_the_case_open_or_closed(
    make_case: Callable[..., Case], coordinator: User
) -> None:
    case = make_case()
    make_case()
    prefix, year, number = case.reference.split("-")
    loose = f"{prefix.lower()} {year} {int(number)}"
    assert found(coordinator, text=loose) == [case]
    close(case, actor=coordinator)
    assert found(coordinator, text=loose) == [case]
    assert found(coordinator, text=case.reference.lower()) == [case]


def test_the_exact_reference_comes_first_then_the_newest(
    make_case: Callable[..., Case], coordinator: User
) -> None:
    """ "LDN-2026-0001" is the case LDN-2026-00001, and also part of LDN-2026-00010 to 00012."""
    start = dt.date(2026, 1, 5)
    cases = [make_case(received_at=at(start + dt.timedelta(days=n))) for n in range(12)]
    assert cases[0].reference == "LDN-2026-00001"
    result = found(coordinator, text="LDN-2026-0001")
    assert references(result) == [
        "LDN-2026-00001",
        "LDN-2026-00012",
        "LDN-2026-00011",
        "LDN-2026-00010",
    ]


def test_without_a_reference_the_newest_come_first(
    make_case: Callable[..., Case], coordinator: User
) -> None:
    older = make_case(received_at=at(dt.date(2026, 3, 2)))
    newer = make_case(received_at=at(dt.date(2026, 6, 1)))
    oldest = make_case(received_at=at(dt.date(2025, 11, 3)))
    assert found(coordinator) == [newer, older, oldest]
    assert found(coordinator, text="Sam") == [newer, older, oldest]


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------


def test_names_of_the_child_the_applicant_and_the_la(
    make_case: Callable[..., Case], coordinator: User
) -> None:
    ada = make_case(child_first_name="Ada", child_last_name="Lovelace", applicant_name="Anne Byron")
    sam = make_case(child_first_name="Sam", child_last_name="Okafor", applicant_name="Chidi Okafor")
    assert found(coordinator, text="ada") == [ada]
    assert found(coordinator, text="LOVELACE") == [ada]
    assert found(coordinator, text="Ada Lovelace") == [ada]
    assert found(coordinator, text="  ada   lovelace ") == [ada]
    assert found(coordinator, text="byron") == [ada]
    assert found(coordinator, text="Chidi") == [sam]
    assert set(found(coordinator, text="islington")) == {ada, sam}
    # Every word must match something: the child's name and the LA's together.
    assert found(coordinator, text="Sam Islington") == [sam]
    assert found(coordinator, text="Ada Okafor") == []


def test_a_closed_case_is_found_by_the_childs_name(
    make_case: Callable[..., Case], coordinator: User
) -> None:
    case = make_case(child_first_name="Ada", child_last_name="Lovelace")
    close(case, actor=coordinator)
    assert found(coordinator, text="Ada Lovelace") == [case]
    # The work queue is for open cases only.
    queue = selectors.work_queue(user=coordinator, filters=selectors.QueueFilters(search="Ada"))
    assert list(queue) == []


def test_other_services_cases_are_never_found(
    make_case: Callable[..., Case],
    coordinator: User,
    other_service_case: Case,
    make_user: Callable[..., User],
) -> None:
    ours = make_case()
    theirs = other_service_case
    assert found(coordinator) == [ours]
    assert found(coordinator, text=theirs.reference) == []
    assert found(coordinator, text="Sam Morgan") == [ours]
    assert found(coordinator, service_id=str(theirs.service_id)) == []
    assert found(coordinator, local_authority_id=str(theirs.local_authority_id)) == []
    close(theirs, actor=None)
    assert found(coordinator, stage="closed") == []
    # A manager sees every service's cases.
    manager = make_user("service_manager")
    assert set(found(manager, text="Sam Morgan")) == {ours, theirs}
    assert found(manager, text=theirs.reference) == [theirs]


def test_partners_find_nothing(
    make_case: Callable[..., Case], make_user: Callable[..., User]
) -> None:
    case = make_case()
    assert found(make_user("la_officer"), text=case.reference) == []


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------


def test_stage_filters_open_closed_and_one_stage(
    make_case: Callable[..., Case], coordinator: User
) -> None:
    new = make_case(child_first_name="New")
    routed = make_case(child_first_name="Routed")
    case_services.case_confirm_route(
        case=routed, route=routed.proposed_route, reason="", actor=coordinator
    )
    routed.refresh_from_db()
    closed = close(make_case(child_first_name="Closed"), actor=coordinator)
    assert set(found(coordinator)) == {new, routed, closed}
    assert set(found(coordinator, stage="open")) == {new, routed}
    assert found(coordinator, stage="closed") == [closed]
    assert found(coordinator, stage=Stage.NEW) == [new]
    assert found(coordinator, stage=routed.stage) == [routed]
    assert found(coordinator, stage="closed", text="New") == []


def test_service_and_local_authority_filters(
    make_case: Callable[..., Case],
    service: Service,
    served_la: Organisation,
    other_service_case: Case,
    make_user: Callable[..., User],
) -> None:
    ours = make_case()
    camden = LocalAuthorityFactory.create(name="Camden", served_by=[service])
    in_camden = CaseFactory.create(local_authority=camden)
    manager = make_user("service_manager")
    assert set(found(manager, service_id=str(service.pk))) == {ours, in_camden}
    assert found(manager, service_id=str(other_service_case.service_id)) == [other_service_case]
    assert found(manager, local_authority_id=str(camden.pk)) == [in_camden]
    assert found(manager, local_authority_id=str(served_la.pk)) == [ours]


def test_mediator_filter_is_the_mediator_allocated_now(
    served_la_with_email: Organisation, staff: Callable[..., User], coordinator: User
) -> None:
    helen = staff("mediator", full_name="Helen Marsh", profile=True)
    daniel = staff("mediator", full_name="Daniel Reyes", profile=True)
    first = MediationRequestedCaseFactory.create(local_authority=served_la_with_email)
    second = MediationRequestedCaseFactory.create(local_authority=served_la_with_email)
    MediationRequestedCaseFactory.create(local_authority=served_la_with_email)
    mediator_allocate(case=first, mediator=helen, actor=coordinator)
    mediator_allocate(case=second, mediator=helen, actor=coordinator)
    mediator_allocate(case=second, mediator=daniel, actor=coordinator, reason="Helen is on leave")
    assert found(coordinator, mediator_id=str(helen.pk)) == [first]
    assert found(coordinator, mediator_id=str(daniel.pk)) == [second]
    # A closed case keeps its mediator.
    close(first, actor=coordinator)
    assert found(coordinator, mediator_id=str(helen.pk), stage="closed") == [first]


def test_assigned_to_filter_and_nobody(
    make_case: Callable[..., Case], coordinator: User, staff: Callable[..., User]
) -> None:
    priya_case = make_case()
    case_services.case_assign(case=priya_case, assignee=coordinator, actor=coordinator)
    other = staff("coordinator")
    other_case = make_case()
    case_services.case_assign(case=other_case, assignee=other, actor=coordinator)
    nobodys = make_case()
    assert found(coordinator, assigned_to_id=str(coordinator.pk)) == [priya_case]
    assert found(coordinator, assigned_to_id=str(other.pk)) == [other_case]
    assert found(coordinator, assigned_to_id=selectors.NOBODY) == [nobodys]


def test_received_between_includes_both_days(
    make_case: Callable[..., Case], coordinator: User
) -> None:
    march = make_case(received_at=at(dt.date(2026, 3, 1), hour=0))  # just after midnight
    april = make_case(received_at=at(dt.date(2026, 4, 30), hour=23))  # just before midnight
    may = make_case(received_at=at(dt.date(2026, 5, 1)))
    window = {"received_from": dt.date(2026, 3, 1), "received_to": dt.date(2026, 4, 30)}
    assert found(coordinator, **window) == [april, march]
    assert found(coordinator, received_from=dt.date(2026, 4, 30)) == [may, april]
    assert found(coordinator, received_to=dt.date(2026, 2, 28)) == []


def test_closed_between(make_case: Callable[..., Case], coordinator: User) -> None:
    june = close(make_case(), actor=coordinator, on=dt.date(2026, 6, 10))
    july = close(make_case(), actor=coordinator, on=dt.date(2026, 7, 1))
    make_case()  # open: never in a closed range
    window = {"closed_from": dt.date(2026, 6, 10), "closed_to": dt.date(2026, 6, 30)}
    assert found(coordinator, **window) == [june]
    assert set(found(coordinator, closed_from=dt.date(2026, 6, 1))) == {june, july}
    assert found(coordinator, closed_to=dt.date(2026, 7, 1), closed_from=dt.date(2026, 7, 1)) == [
        july
    ]


# ---------------------------------------------------------------------------------------------
# The cases someone holds ("My cases", and the work queue's "Only my cases")
# ---------------------------------------------------------------------------------------------


def test_the_cases_a_mediator_holds_are_the_ones_allocated_to_them_now(
    served_la_with_email: Organisation, staff: Callable[..., User], coordinator: User
) -> None:
    helen = staff("mediator", full_name="Helen Marsh", profile=True)
    daniel = staff("mediator", full_name="Daniel Reyes", profile=True)
    old = at(dt.date(2026, 9, 1))
    closed = MediationRequestedCaseFactory.create(
        local_authority=served_la_with_email, received_at=old
    )
    current = MediationRequestedCaseFactory.create(local_authority=served_la_with_email)
    handed_on = MediationRequestedCaseFactory.create(local_authority=served_la_with_email)
    MediationRequestedCaseFactory.create(local_authority=served_la_with_email)
    for case in (closed, current, handed_on):
        mediator_allocate(case=case, mediator=helen, actor=coordinator)
    mediator_allocate(case=handed_on, mediator=daniel, actor=coordinator, reason="Leave")
    close(closed, actor=coordinator)
    # Open first, then closed.
    assert list(cases_held(user=helen)) == [current, closed]
    assert selectors.open_cases_held_count(user=helen) == 1
    assert list(cases_held(user=daniel)) == [handed_on]
    # The work queue's "Only my cases" counts them too.
    mine = selectors.QueueFilters(assigned_to_me=True)
    assert list(selectors.work_queue(user=helen, filters=mine)) == [current]
    assert list(selectors.work_queue(user=daniel, filters=mine)) == [handed_on]


def test_the_cases_a_caseworker_holds_are_assigned_to_them_or_advised_by_them(
    make_case: Callable[..., Case], coordinator: User, staff: Callable[..., User]
) -> None:
    assigned = make_case()
    case_services.case_assign(case=assigned, assignee=coordinator, actor=coordinator)
    make_case()
    adviser = staff("mediation_adviser")
    advised = CallBookedCaseFactory.create(
        local_authority=assigned.local_authority, adviser=adviser
    )
    assert list(cases_held(user=coordinator)) == [assigned]
    assert list(cases_held(user=adviser)) == [advised]
    assert selectors.open_cases_held_count(user=coordinator) == 1
    close(assigned, actor=coordinator)
    assert selectors.open_cases_held_count(user=coordinator) == 0
    assert list(cases_held(user=coordinator)) == [assigned]
