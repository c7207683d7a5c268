"""The panel's pages: who may open them (sign-in, 403, 404) and what they do."""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.panel import selectors, services
from mediation.panel.models import Allocation
from tests.factories.organisations import ServiceFactory

pytestmark = pytest.mark.django_db

PARTNERS = ["la_officer", "icb_officer", "school_contact"]


@pytest.fixture
def world(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], served_la: Any
) -> dict[str, Any]:
    helen = mediator("Helen Marsh", languages=["English", "Bengali"])
    daniel = mediator("Daniel Reyes", languages=["English", "Polish"])
    conflict = services.conflict_declare(
        mediator=helen,
        actor=helen,
        organisation=served_la,
        description="Worked for Islington's SEN team until 2024",
    )
    return {"helen": helen, "daniel": daniel, "conflict": conflict, "case": mediation_case()}


def urls(world: dict[str, Any]) -> dict[str, str]:
    helen = world["helen"]
    return {
        "list": reverse("panel:list"),
        "detail": reverse("panel:detail", kwargs={"user_id": helen.pk}),
        "edit": reverse("panel:edit", kwargs={"user_id": helen.pk}),
        "conflict-new": reverse("panel:conflict-new", kwargs={"user_id": helen.pk}),
        "conflict-withdraw": reverse(
            "panel:conflict-withdraw", kwargs={"conflict_id": world["conflict"].pk}
        ),
        "allocate": reverse("panel:allocate", kwargs={"case_id": world["case"].pk}),
    }


NAMES = ["list", "detail", "edit", "conflict-new", "conflict-withdraw", "allocate"]


# ---------------------------------------------------------------------------------------------
# Who may open what
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(
    client: Any, world: dict[str, Any], name: str, method: str
) -> None:
    response = getattr(client, method)(urls(world)[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("role", PARTNERS)
def test_partners_are_refused_everywhere(
    client_as: Callable[..., Any], world: dict[str, Any], name: str, role: str
) -> None:
    response = client_as(role).get(urls(world)[name])
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


@pytest.mark.parametrize("role", PARTNERS)
def test_partners_of_the_cases_own_organisations_cannot_allocate(
    client_as: Callable[..., Any], world: dict[str, Any], role: str, served_la: Any
) -> None:
    # Even the LA officer of the case's own local authority may not touch the panel.
    kwargs = {"organisation": served_la} if role == "la_officer" else {}
    client = client_as(role, **kwargs)
    assert client.get(urls(world)["allocate"]).status_code == 403
    response = client.post(
        urls(world)["allocate"], {"mediator": str(world["daniel"].pk), "current": ""}
    )
    assert response.status_code == 403
    assert not Allocation.objects.exists()


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("coordinator", "edit"),
        ("mediation_adviser", "edit"),
        ("mediator", "edit"),
        ("coordinator", "conflict-new"),
        ("mediation_adviser", "conflict-withdraw"),
        ("mediator", "conflict-new"),  # another mediator's
        ("mediator", "conflict-withdraw"),
        ("mediator", "allocate"),
        ("mediation_adviser", "allocate"),
    ],
)
def test_staff_without_the_right_are_refused(
    client_as: Callable[..., Any],
    staff: Callable[..., Any],
    world: dict[str, Any],
    role: str,
    name: str,
) -> None:
    client = client_as(staff(role))
    assert client.get(urls(world)[name]).status_code == 403
    assert client.post(urls(world)[name], {}).status_code == 403


def test_a_coordinator_of_another_service_cannot_allocate(
    client_as: Callable[..., Any],
    make_user: Callable[..., Any],
    provider: Any,
    world: dict[str, Any],
) -> None:
    elsewhere = make_user("coordinator")
    elsewhere.services.add(
        ServiceFactory.create(provider=provider, name="Regional", reference_prefix="R")
    )
    client = client_as(elsewhere)
    assert client.get(urls(world)["allocate"]).status_code == 403
    response = client.post(
        urls(world)["allocate"], {"mediator": str(world["daniel"].pk), "current": ""}
    )
    assert response.status_code == 403
    assert not Allocation.objects.exists()


@pytest.mark.parametrize(
    ("name", "kwarg"),
    [
        ("panel:detail", "user_id"),
        ("panel:edit", "user_id"),
        ("panel:conflict-new", "user_id"),
        ("panel:conflict-withdraw", "conflict_id"),
        ("panel:allocate", "case_id"),
    ],
)
def test_missing_things_are_not_found(
    client_as: Callable[..., Any], staff: Callable[..., Any], name: str, kwarg: str
) -> None:
    response = client_as(staff("service_manager")).get(reverse(name, kwargs={kwarg: uuid.uuid4()}))
    assert response.status_code == 404


def test_someone_who_is_not_a_mediator_has_no_panel_page(
    client_as: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    coordinator = staff("coordinator")
    client = client_as(staff("service_manager"))
    for name in ("panel:detail", "panel:edit", "panel:conflict-new"):
        assert client.get(reverse(name, kwargs={"user_id": coordinator.pk})).status_code == 404


# ---------------------------------------------------------------------------------------------
# The panel list and a mediator's page
# ---------------------------------------------------------------------------------------------


def test_the_panel_lists_mediators_with_accreditation_tags(
    client_as: Callable[..., Any],
    staff: Callable[..., Any],
    mediator: Callable[..., Any],
    world: dict[str, Any],
) -> None:
    mediator("Cat Expired", accredited_until=timezone.localdate() - dt.timedelta(days=3))
    mediator("Ben Soon", accredited_until=timezone.localdate() + dt.timedelta(days=20))
    services.mediator_allocate(
        case=world["case"], mediator=world["daniel"], actor=staff("coordinator")
    )
    response = client_as(staff("mediation_adviser")).get(reverse("panel:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Mediators" in page
    assert '<a class="govuk-service-navigation__link" href="/mediators/"' in page
    for name in ("Helen Marsh", "Daniel Reyes", "Cat Expired", "Ben Soon"):
        assert name in page
    assert "Expired" in page
    assert "Expires soon" in page
    assert "English, Bengali" in page
    assert "1 of 6" in page  # Daniel's caseload
    assert "1 declared conflict" in page


def test_a_coordinator_sees_a_profile_but_not_a_familys_conflict_details(
    client_as: Callable[..., Any], staff: Callable[..., Any], world: dict[str, Any]
) -> None:
    helen = world["helen"]
    services.conflict_declare(
        mediator=helen,
        actor=helen,
        family_surname="Okafor",
        family_child_date_of_birth=dt.date(2014, 6, 2),
        description="Our children are friends",
    )
    url = urls(world)["detail"]
    page = client_as(staff("coordinator")).get(url).content.decode()
    assert "Islington (local authority)" in page
    assert "Worked for Islington&#39;s SEN team until 2024" in page
    assert "A family" in page
    assert "Okafor" not in page
    assert "Our children are friends" not in page
    assert "Declare a conflict of interest</a>" not in page
    assert "Change the panel profile" not in page

    own = client_as(helen).get(url).content.decode()
    assert "The Okafor family (child born 2 June 2014)" in own
    assert "Our children are friends" in own
    assert "Declare a conflict of interest" in own


def test_a_mediators_open_cases_are_listed_only_for_those_who_may_see_them(
    client_as: Callable[..., Any],
    staff: Callable[..., Any],
    make_user: Callable[..., Any],
    provider: Any,
    world: dict[str, Any],
) -> None:
    case = world["case"]
    services.mediator_allocate(case=case, mediator=world["daniel"], actor=staff("coordinator"))
    url = reverse("panel:detail", kwargs={"user_id": world["daniel"].pk})
    page = client_as(staff("coordinator")).get(url).content.decode()
    assert case.reference in page
    elsewhere = make_user("coordinator")
    elsewhere.services.add(
        ServiceFactory.create(provider=provider, name="Regional", reference_prefix="R")
    )
    page = client_as(elsewhere).get(url).content.decode()
    assert case.reference not in page
    assert "1 open case, in services you do not work in." in page


# ---------------------------------------------------------------------------------------------
# Editing a profile
# ---------------------------------------------------------------------------------------------


def test_a_manager_adds_a_profile(
    client_as: Callable[..., Any], staff: Callable[..., Any], served_la: Any
) -> None:
    nadia = staff("mediator", full_name="Nadia Brook")
    client = client_as(staff("service_manager"))
    url = reverse("panel:edit", kwargs={"user_id": nadia.pk})
    page = client.get(url).content.decode()
    assert "Civil Mediation Council and College of Mediators joint SEND register" in page
    assert "Islington" in page  # a served local authority to choose

    response = client.post(url, {"coverage": "chosen", "accredited_until-day": "31"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select the register the mediator is accredited on" in page
    assert "The date the accreditation runs until must include a month and year" in page
    assert "Select at least one local authority" in page
    assert "Enter the languages the mediator can mediate in" in page

    response = client.post(
        url,
        {
            "register": "send_joint",
            "registration_number": "SEND-0999",
            "accredited_until-day": "31",
            "accredited_until-month": "3",
            "accredited_until-year": str(timezone.localdate().year + 2),
            "coverage": "chosen",
            "areas": [str(served_la.pk)],
            "languages": "English; Welsh, bsl",
            "available": "yes",
            "availability_notes": "Mondays to Wednesdays",
            "max_open_cases": "4",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("panel:detail", kwargs={"user_id": nadia.pk})
    profile = selectors.profile_of(mediator=nadia)
    assert profile is not None
    assert profile.languages == ["English", "Welsh", "British Sign Language"]
    assert list(profile.areas.all()) == [served_la]
    assert profile.max_open_cases == 4
    page = client.get(response["Location"]).content.decode()
    assert "Panel profile of Nadia Brook saved" in page
    assert "English, Welsh, British Sign Language" in page

    # The form comes back filled in.
    page = client.get(url).content.decode()
    assert 'value="English, Welsh, British Sign Language"' in page
    assert 'value="Mondays to Wednesdays"' in page


# ---------------------------------------------------------------------------------------------
# Declaring and withdrawing conflicts
# ---------------------------------------------------------------------------------------------


def test_a_mediator_declares_a_conflict_with_a_family(
    client_as: Callable[..., Any], world: dict[str, Any]
) -> None:
    daniel = world["daniel"]
    client = client_as(daniel)
    url = reverse("panel:conflict-new", kwargs={"user_id": daniel.pk})
    page = client.get(url).content.decode()
    assert "Tell us any connection" in page
    assert "Islington (local authority)" in page

    response = client.post(url, {"kind": "family", "description": "Neighbours"})
    page = response.content.decode()
    assert "Enter the family&#39;s surname" in page
    assert "Enter the child&#39;s date of birth" in page

    response = client.post(
        url,
        {
            "kind": "family",
            "family_surname": "Morgan",
            "family_child_date_of_birth-day": "14",
            "family_child_date_of_birth-month": "3",
            "family_child_date_of_birth-year": "2015",
            "description": "Neighbours for ten years",
        },
    )
    assert response.status_code == 302
    (conflict,) = selectors.conflicts_of(mediator=daniel)
    assert conflict.family_surname == "Morgan"
    assert conflict.created_by == daniel
    # Sam Morgan's case: Daniel is no longer offered.
    eligible, excluded = selectors.suggest_mediators(case=world["case"])
    assert daniel not in [s.mediator for s in eligible]
    assert daniel in [s.mediator for s in excluded]


def test_a_manager_declares_an_organisation_conflict_for_a_mediator(
    client_as: Callable[..., Any], staff: Callable[..., Any], world: dict[str, Any], served_la: Any
) -> None:
    daniel = world["daniel"]
    client = client_as(staff("service_manager"))
    url = reverse("panel:conflict-new", kwargs={"user_id": daniel.pk})
    response = client.post(url, {"kind": "organisation", "description": "x"})
    assert "Choose the organisation" in response.content.decode()
    response = client.post(
        url,
        {"kind": "organisation", "organisation": str(served_la.pk), "description": "Consultant"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Conflict of interest with Islington (local authority) declared" in page


def test_withdrawing_a_declaration(client_as: Callable[..., Any], world: dict[str, Any]) -> None:
    helen = world["helen"]
    client = client_as(helen)
    url = urls(world)["conflict-withdraw"]
    assert "Worked for Islington" in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert "Say why the declaration is being withdrawn" in response.content.decode()
    response = client.post(url, {"reason": "Declared in error"})
    assert response.status_code == 302
    world["conflict"].refresh_from_db()
    assert world["conflict"].withdrawal_reason == "Declared in error"
    # Once withdrawn, the page says so instead of offering it again.
    response = client.get(url, follow=True)
    assert "That declaration was already withdrawn" in response.content.decode()
    page = client.get(urls(world)["detail"]).content.decode()
    assert "Withdrawn declarations (1)" in page
    assert "Withdrawn because: Declared in error" in page


# ---------------------------------------------------------------------------------------------
# Allocating
# ---------------------------------------------------------------------------------------------


def test_the_allocation_page_offers_only_eligible_mediators(
    client_as: Callable[..., Any], staff: Callable[..., Any], world: dict[str, Any]
) -> None:
    page = client_as(staff("coordinator")).get(urls(world)["allocate"]).content.decode()
    assert '<h1 class="govuk-heading-l">Allocate a mediator</h1>' in page
    assert f'value="{world["daniel"].pk}"' in page
    assert f'value="{world["helen"].pk}"' not in page  # never offered
    assert "Not offered" in page
    assert (
        "Declared a conflict of interest with Islington, the local authority: "
        "Worked for Islington&#39;s SEN team until 2024"
    ) in page
    assert "0 open cases (maximum 6). Languages: English, Polish." in page
    assert "Why are you changing the mediator?" not in page  # no reason for a first allocation


def test_allocate_then_reallocate_with_a_reason(
    client_as: Callable[..., Any],
    staff: Callable[..., Any],
    mediator: Callable[..., Any],
    world: dict[str, Any],
) -> None:
    case = world["case"]
    amira = mediator("Amira Khan")
    client = client_as(staff("coordinator", full_name="Priya Shah"))
    url = urls(world)["allocate"]

    response = client.post(url, {"current": ""})
    assert "Select a mediator" in response.content.decode()

    response = client.post(url, {"mediator": str(world["helen"].pk), "current": ""})
    assert "Select a mediator" in response.content.decode()  # not a choice on offer
    assert not Allocation.objects.exists()

    response = client.post(url, {"mediator": str(world["daniel"].pk), "current": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:detail", kwargs={"case_id": case.pk})
    assert selectors.current_mediator(case=case) == world["daniel"]
    first = Allocation.objects.get()

    page = client.get(url).content.decode()
    assert '<h1 class="govuk-heading-l">Change the mediator</h1>' in page
    assert "Current mediator" in page
    assert f'name="current" value="{first.pk}"' in page
    assert f'value="{world["daniel"].pk}"' not in page  # the current one is not offered again
    assert "Why are you changing the mediator?" in page

    response = client.post(url, {"mediator": str(amira.pk), "current": str(first.pk)})
    assert "Give the reason for changing the mediator" in response.content.decode()
    assert selectors.current_mediator(case=case) == world["daniel"]

    response = client.post(
        url,
        {
            "mediator": str(amira.pk),
            "current": str(first.pk),
            "reason": "Daniel is away on the only date the LA can attend",
        },
    )
    assert response.status_code == 302
    assert selectors.current_mediator(case=case) == amira
    page = client.get(url).content.decode()
    assert "Daniel is away on the only date the LA can attend" in page
    assert "Mediators on this case" in page


def test_a_change_made_meanwhile_is_caught(
    client_as: Callable[..., Any],
    staff: Callable[..., Any],
    mediator: Callable[..., Any],
    world: dict[str, Any],
) -> None:
    case = world["case"]
    amira = mediator("Amira Khan")
    # Someone else allocated Daniel after this coordinator opened the page (with no mediator).
    services.mediator_allocate(case=case, mediator=world["daniel"], actor=staff("coordinator"))
    response = client_as(staff("coordinator")).post(
        urls(world)["allocate"], {"mediator": str(amira.pk), "current": ""}
    )
    assert response.status_code == 200
    assert "Someone changed the mediator while you were on this page" in response.content.decode()
    assert selectors.current_mediator(case=case) == world["daniel"]


def test_a_closed_case_cannot_have_its_mediator_changed(
    client_as: Callable[..., Any], staff: Callable[..., Any], world: dict[str, Any]
) -> None:
    from mediation.cases.services import case_close

    coordinator = staff("coordinator")
    case_close(case=world["case"], reason="Family withdrew", actor=coordinator)
    client = client_as(coordinator)
    page = client.get(urls(world)["allocate"]).content.decode()
    assert "This case is closed" in page
    response = client.post(
        urls(world)["allocate"], {"mediator": str(world["daniel"].pk), "current": ""}
    )
    assert response.status_code == 200
    assert not Allocation.objects.exists()


def test_when_nobody_is_eligible_the_page_says_why(
    client_as: Callable[..., Any], staff: Callable[..., Any], world: dict[str, Any]
) -> None:
    services.profile_save(
        mediator=world["daniel"],
        actor=None,
        register="send_joint",
        registration_number="",
        accredited_until=timezone.localdate() + dt.timedelta(days=100),
        languages=["English"],
        available=False,
        max_open_cases=6,
        any_area=True,
    )
    page = client_as(staff("coordinator")).get(urls(world)["allocate"]).content.decode()
    assert "No other mediator can be offered for this case" in page
    assert "Not taking new cases" in page
    assert 'type="radio"' not in page
