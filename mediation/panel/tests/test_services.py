"""Writing the panel: profiles, conflicts, allocation and reallocation (with their rules)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from mediation.cases.services import case_close
from mediation.core.errors import ApplicationError, ConflictError
from mediation.notifications.models import OutboundEmail
from mediation.panel import selectors, services
from mediation.panel.models import Allocation, ConflictDeclaration
from tests.factories.organisations import LocalAuthorityFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def profile_args(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "register": "send_joint",
        "registration_number": " SEND-0412 ",
        "accredited_until": timezone.localdate() + dt.timedelta(days=400),
        "languages": ["english", " Bengali ", "BSL", "English"],
        "available": True,
        "max_open_cases": 5,
        "any_area": True,
    }
    values.update(overrides)
    return values


# ---------------------------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------------------------


def test_profile_save_creates_then_updates_one_profile(
    staff: Callable[..., Any], served_la: Any
) -> None:
    helen = staff("mediator", full_name="Helen Marsh")
    manager = staff("service_manager")
    profile = services.profile_save(mediator=helen, actor=manager, **profile_args())
    assert profile.languages == ["English", "Bengali", "British Sign Language"]
    assert profile.registration_number == "SEND-0412"
    assert profile.updated_by == manager
    assert profile.created_by == manager
    again = services.profile_save(
        mediator=helen,
        actor=manager,
        **profile_args(any_area=False, areas=[served_la], available=False),
    )
    assert again.pk == profile.pk
    assert list(again.areas.all()) == [served_la]
    assert not again.available
    # Choosing "any area" again clears the list.
    services.profile_save(mediator=helen, actor=manager, **profile_args(areas=[served_la]))
    assert list(selectors.profile_of(mediator=helen).areas.all()) == []  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"register": "nonsense"}, "Choose the register"),
        ({"register": "other"}, "Enter the name of the register"),
        ({"accredited_until": None}, "Enter the date the accreditation runs until"),
        ({"max_open_cases": 0}, "must be 1 or more"),
        ({"languages": [" ", ""]}, "at least one language"),
        ({"any_area": False}, "Choose the local authorities"),
        ({"any_area": False, "areas": "provider"}, "Areas must be local authorities"),
    ],
)
def test_profile_save_refuses_bad_input(
    staff: Callable[..., Any], overrides: dict[str, Any], message: str
) -> None:
    if overrides.get("areas") == "provider":
        overrides = {**overrides, "areas": [ProviderFactory.create()]}
    with pytest.raises(ApplicationError, match=message):
        services.profile_save(mediator=staff("mediator"), actor=None, **profile_args(**overrides))


def test_only_mediators_have_profiles(staff: Callable[..., Any]) -> None:
    with pytest.raises(ApplicationError, match="Only a mediator"):
        services.profile_save(mediator=staff("coordinator"), actor=None, **profile_args())


def test_another_register_needs_its_name(staff: Callable[..., Any]) -> None:
    profile = services.profile_save(
        mediator=staff("mediator"),
        actor=None,
        **profile_args(register="other", register_other="Family Mediation Council"),
    )
    assert profile.register_label == "Family Mediation Council"


# ---------------------------------------------------------------------------------------------
# Conflicts
# ---------------------------------------------------------------------------------------------


def test_a_conflict_is_with_an_organisation_or_a_family_never_both(
    mediator: Callable[..., Any], served_la: Any
) -> None:
    helen = mediator("Helen Marsh")
    with pytest.raises(ApplicationError, match="not both"):
        services.conflict_declare(
            mediator=helen,
            actor=helen,
            organisation=served_la,
            family_surname="Morgan",
            description="x",
        )
    with pytest.raises(ApplicationError, match="surname"):
        services.conflict_declare(mediator=helen, actor=helen, description="x")
    with pytest.raises(ApplicationError, match="date of birth"):
        services.conflict_declare(
            mediator=helen, actor=helen, family_surname="Morgan", description="x"
        )
    with pytest.raises(ApplicationError, match="in the past"):
        services.conflict_declare(
            mediator=helen,
            actor=helen,
            family_surname="Morgan",
            family_child_date_of_birth=timezone.localdate() + dt.timedelta(days=1),
            description="x",
        )
    with pytest.raises(ApplicationError, match="Describe"):
        services.conflict_declare(
            mediator=helen, actor=helen, organisation=served_la, description="  "
        )
    # And the database holds the same rule.
    with pytest.raises(IntegrityError), transaction.atomic():
        ConflictDeclaration.objects.create(
            mediator=helen,
            organisation=served_la,
            family_surname="Morgan",
            family_child_date_of_birth=dt.date(2015, 3, 14),
            description="x",
            declared_on=timezone.localdate(),
        )


def test_declaring_a_conflict_on_a_case_already_held_flags_the_case(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    case = mediation_case()
    services.mediator_allocate(case=case, mediator=helen, actor=staff("coordinator"))
    conflict = services.conflict_declare(
        mediator=helen,
        actor=helen,
        organisation=case.local_authority,
        description="I have just taken a job with Islington.",
    )
    assert conflict.created_by == helen
    assert conflict.declared_on == timezone.localdate()
    event = case.events.get(kind="mediator_conflict_declared")
    assert event.title == "Helen Marsh declared a conflict of interest"
    assert "Islington (local authority)" in event.description
    assert "Consider allocating another mediator" in event.description


def test_withdrawing_keeps_the_declaration_with_its_reason(
    mediator: Callable[..., Any], served_la: Any, staff: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    manager = staff("service_manager")
    conflict = services.conflict_declare(
        mediator=helen, actor=manager, organisation=served_la, description="Worked there"
    )
    with pytest.raises(ApplicationError, match="Say why"):
        services.conflict_withdraw(conflict=conflict, actor=manager, reason=" ")
    services.conflict_withdraw(conflict=conflict, actor=manager, reason="Declared in error")
    conflict.refresh_from_db()
    assert conflict.withdrawn_at is not None
    assert conflict.withdrawn_by == manager
    assert conflict.updated_by == manager
    assert conflict.withdrawal_reason == "Declared in error"
    with pytest.raises(ConflictError, match="already been withdrawn"):
        services.conflict_withdraw(conflict=conflict, actor=manager, reason="Again")
    assert list(selectors.conflicts_of(mediator=helen)) == [conflict]
    assert list(selectors.conflicts_of(mediator=helen, include_withdrawn=False)) == []


# ---------------------------------------------------------------------------------------------
# Allocation
# ---------------------------------------------------------------------------------------------


def test_allocating_a_mediator_records_it_and_tells_them(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    daniel = mediator("Daniel Reyes", email="daniel@test.example")
    coordinator = staff("coordinator", full_name="Priya Shah")
    case = mediation_case()
    allocation = services.mediator_allocate(case=case, mediator=daniel, actor=coordinator)
    assert allocation.is_current
    assert allocation.created_by == coordinator
    assert selectors.current_mediator(case=case) == daniel
    event = case.events.get(kind="mediator_allocated")
    assert event.title == "Mediator allocated: Daniel Reyes"
    assert event.actor == coordinator

    email = OutboundEmail.objects.get(template="panel_mediator_allocated")
    assert email.to == ["daniel@test.example"]
    assert email.subject == f"You are the mediator for {case.reference}"
    assert case.reference in email.body
    assert f"/cases/{case.pk}/" in email.body
    assert "Child or young person: SM" in email.body
    assert "Sam Morgan" not in email.body  # initials only, by e-mail
    due = case.mediation_requested_on + dt.timedelta(days=30)
    assert f"Mediation must take place by: {due.day} {due:%B %Y}" in email.body
    assert "Introduce yourself to each party" in email.body
    assert email.case_id_ref == case.pk


def test_reallocation_needs_a_reason_and_keeps_it(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh", email="helen@test.example")
    daniel = mediator("Daniel Reyes", email="daniel@test.example")
    coordinator = staff("coordinator")
    case = mediation_case()
    first = services.mediator_allocate(case=case, mediator=helen, actor=coordinator)

    with pytest.raises(ApplicationError, match="Give the reason for replacing Helen Marsh"):
        services.mediator_allocate(case=case, mediator=daniel, actor=coordinator, reason="  ")
    assert selectors.current_mediator(case=case) == helen

    second = services.mediator_allocate(
        case=case, mediator=daniel, actor=coordinator, reason="Helen is away on the meeting date"
    )
    first.refresh_from_db()
    assert first.ended_at is not None
    assert first.ended_by == coordinator
    assert first.updated_by == coordinator
    assert first.end_reason == "Helen is away on the meeting date"
    assert second.is_current
    assert selectors.current_mediator(case=case) == daniel
    event = case.events.get(kind="mediator_reallocated")
    assert event.title == "Mediator changed from Helen Marsh to Daniel Reyes"
    assert event.description == "Reason: Helen is away on the meeting date"
    told = OutboundEmail.objects.get(template="panel_mediator_replaced")
    assert told.to == ["helen@test.example"]
    assert "Daniel Reyes is now the mediator" in told.body
    (welcome,) = [
        e
        for e in OutboundEmail.objects.filter(template="panel_mediator_allocated")
        if e.to == ["daniel@test.example"]
    ]
    assert "in place of Helen Marsh" in welcome.body


def test_an_ineligible_mediator_is_refused_with_the_reason(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    case = mediation_case()
    services.conflict_declare(
        mediator=helen,
        actor=helen,
        organisation=case.local_authority,
        description="Worked for Islington's SEN team until 2024",
    )
    with pytest.raises(ApplicationError) as caught:
        services.mediator_allocate(case=case, mediator=helen, actor=staff("coordinator"))
    assert caught.value.message == (
        "Helen Marsh cannot be allocated to this case. Declared a conflict of interest with "
        "Islington, the local authority: Worked for Islington's SEN team until 2024."
    )
    assert not Allocation.objects.exists()
    assert not case.events.filter(kind="mediator_allocated").exists()


def test_allocation_refuses_the_same_mediator_other_services_non_mediators_and_closed_cases(
    mediator: Callable[..., Any],
    mediation_case: Callable[..., Any],
    staff: Callable[..., Any],
    make_user: Callable[..., Any],
) -> None:
    helen = mediator("Helen Marsh")
    coordinator = staff("coordinator")
    case = mediation_case()
    services.mediator_allocate(case=case, mediator=helen, actor=coordinator)
    with pytest.raises(ConflictError, match="already the mediator"):
        services.mediator_allocate(case=case, mediator=helen, actor=coordinator, reason="x")
    with pytest.raises(ApplicationError, match="Only a mediator"):
        services.mediator_allocate(case=case, mediator=coordinator, actor=coordinator, reason="x")
    outsider = make_user("mediator", full_name="Rita Far")
    with pytest.raises(ApplicationError, match="do not work in the London service"):
        services.mediator_allocate(case=case, mediator=outsider, actor=coordinator, reason="x")
    case_close(case=case, reason="Family withdrew", actor=coordinator)
    with pytest.raises(ConflictError, match="closed"):
        services.mediator_allocate(
            case=case, mediator=mediator("Daniel Reyes"), actor=coordinator, reason="x"
        )


def test_the_database_allows_one_current_allocation_per_case(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    daniel = mediator("Daniel Reyes")
    case = mediation_case()
    services.mediator_allocate(case=case, mediator=helen, actor=staff("coordinator"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(case=case, mediator=daniel, allocated_at=timezone.now())
    # An ended allocation must say why it ended.
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.filter(case=case).update(ended_at=timezone.now())


def test_a_mediator_on_no_area_list_cannot_be_allocated(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    owen = mediator(
        "Owen Lake", any_area=False, areas=[LocalAuthorityFactory.create(name="Camden")]
    )
    with pytest.raises(ApplicationError, match="Does not cover Islington"):
        services.mediator_allocate(case=mediation_case(), mediator=owen, actor=staff("coordinator"))
