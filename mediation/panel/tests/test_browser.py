"""The panel in a real browser: allocating a mediator without a conflict, then reallocating; a
manager keeping a profile; a mediator declaring and withdrawing a conflict. axe-core checks every
page."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mediation.panel import selectors, services
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page: Page, live_server: Any, email: str) -> None:
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_coordinator_allocates_a_mediator_without_a_conflict_then_reallocates(
    live_server: Any,
    page: Page,
    screenshot: Callable[[str], Any],
    staff: Callable[..., Any],
    mediator: Callable[..., Any],
    mediation_case: Callable[..., Any],
    served_la: Any,
) -> None:
    helen = mediator("Helen Marsh", languages=["English", "Bengali"])
    daniel = mediator("Daniel Reyes", languages=["English", "Polish"])
    amira = mediator("Amira Khan", languages=["English", "Urdu"])
    services.conflict_declare(
        mediator=helen,
        actor=helen,
        organisation=served_la,
        description="Worked for Islington's SEN team until 2024",
    )
    # Amira already mediates another case, so Daniel (with none) is suggested first.
    coordinator = staff("coordinator", email="priya@test.example", full_name="Priya Shah")
    services.mediator_allocate(
        case=mediation_case(child_first_name="Kit"), mediator=amira, actor=coordinator
    )
    case = mediation_case()
    assert case.local_authority.name == "Islington"

    sign_in(page, live_server, "priya@test.example")
    page.goto(f"{live_server.url}/mediators/cases/{case.pk}/allocate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocate a mediator")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Islington")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Mediation must take place by")

    # Helen is listed as not offered, with her conflict; she is not a choice.
    not_offered = page.locator("#not-offered")
    expect(not_offered).to_contain_text("Helen Marsh")
    expect(not_offered).to_contain_text(
        "Declared a conflict of interest with Islington, the local authority: "
        "Worked for Islington's SEN team until 2024"
    )
    expect(page.get_by_role("radio", name="Helen Marsh")).to_have_count(0)
    radios = page.get_by_role("radio")
    expect(radios).to_have_count(2)
    # Least loaded first: Daniel (no cases), then Amira (one).
    labels = page.locator(".govuk-radios__label")
    expect(labels.nth(0)).to_have_text("Daniel Reyes")
    expect(labels.nth(1)).to_have_text("Amira Khan")
    expect(page.locator(".govuk-radios__hint").nth(0)).to_have_text(
        "0 open cases (maximum 6). Languages: English, Polish."
    )
    screenshot("allocate")

    page.get_by_role("radio", name="Daniel Reyes").check()
    page.get_by_role("button", name="Allocate mediator").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Daniel Reyes is now the mediator for this case"
    )
    assert selectors.current_mediator(case=case) == daniel

    # Later, Daniel cannot make the only date the LA can attend: the coordinator changes it.
    page.goto(f"{live_server.url}/mediators/cases/{case.pk}/allocate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the mediator")
    expect(page.get_by_role("radio", name="Daniel Reyes")).to_have_count(0)
    page.get_by_role("radio", name="Amira Khan").check()
    page.get_by_role("button", name="Change the mediator").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Give the reason for changing the mediator")
    screenshot("reallocate-error")
    summary.get_by_role("link", name="Give the reason for changing the mediator").click()
    expect(page.get_by_label("Why are you changing the mediator?")).to_be_focused()
    page.get_by_label("Why are you changing the mediator?").fill(
        "Daniel is away on the only date the LA can attend"
    )
    page.get_by_role("button", name="Change the mediator").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Amira Khan is now the mediator for this case"
    )
    assert selectors.current_mediator(case=case) == amira

    page.goto(f"{live_server.url}/mediators/cases/{case.pk}/allocate/")
    history = page.locator("#allocation-history")
    expect(history.locator("tbody tr")).to_have_count(2)
    expect(history.locator("tbody tr").nth(0)).to_contain_text("Amira Khan")
    expect(history.locator("tbody tr").nth(0)).to_contain_text("Current")
    expect(history.locator("tbody tr").nth(1)).to_contain_text("Daniel Reyes")
    expect(history.locator("tbody tr").nth(1)).to_contain_text(
        "Daniel is away on the only date the LA can attend"
    )
    screenshot("allocation-history")

    # The panel, from the navigation.
    page.get_by_role("link", name="Mediators", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediators")
    row = page.locator("tbody tr", has_text="Amira Khan")
    expect(row).to_contain_text("2 of 6")
    screenshot("panel")


def test_a_manager_keeps_a_profile_and_a_mediator_declares_and_withdraws_a_conflict(
    live_server: Any,
    page: Page,
    screenshot: Callable[[str], Any],
    staff: Callable[..., Any],
    served_la: Any,
) -> None:
    staff("service_manager", email="morgan@test.example", full_name="Morgan Ellis")
    nadia = staff("mediator", email="nadia@test.example", full_name="Nadia Brook")

    sign_in(page, live_server, "morgan@test.example")
    page.goto(f"{live_server.url}/mediators/")
    page.get_by_role("link", name="Nadia Brook").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Brook")
    expect(page.get_by_text("has no panel profile yet")).to_be_visible()
    page.get_by_role("button", name="Add the panel profile").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Panel profile")
    page.get_by_role(
        "radio", name="Civil Mediation Council and College of Mediators joint SEND register"
    ).check()
    page.get_by_label("Registration number (optional)").fill("SEND-0999")
    year = str(timezone.localdate().year + 1)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill(year)
    page.get_by_role("radio", name="Only the ones I choose").check()
    page.get_by_role("checkbox", name="Islington").check()
    page.get_by_label("Languages the mediator can mediate in").fill("English, Welsh")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("Maximum number of open cases").fill("5")
    screenshot("profile-form")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Panel profile of Nadia Brook saved"
    )
    expect(page.locator(".govuk-summary-list")).to_contain_text(f"31 March {year}")
    expect(page.locator(".govuk-summary-list")).to_contain_text("English, Welsh")
    page.get_by_role("button", name="Sign out").click()

    # Nadia declares that she knows a family, then withdraws it.
    sign_in(page, live_server, "nadia@test.example")
    page.goto(f"{live_server.url}/mediators/{nadia.pk}/")
    page.get_by_role("button", name="Declare a conflict of interest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Declare a conflict of interest")
    page.get_by_role("radio", name="A family").check()
    page.get_by_label("If a family: their surname").fill("Morgan")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2015")
    page.get_by_label("Describe the conflict of interest").fill("Neighbours for ten years")
    screenshot("conflict-form")
    page.get_by_role("button", name="Declare conflict").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Conflict of interest with the Morgan family declared"
    )
    expect(
        page.get_by_role("cell", name="The Morgan family (child born 14 March 2015)", exact=True)
    ).to_be_visible()
    page.get_by_role("link", name="Withdraw").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw a declaration")
    page.get_by_label("Why is the declaration being withdrawn?").fill("Declared in error")
    page.get_by_role("button", name="Withdraw declaration").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("withdrawn")
    expect(page.get_by_text("Withdrawn declarations (1)")).to_be_visible()
    page.get_by_text("Withdrawn declarations (1)").click()
    expect(page.get_by_text("Withdrawn because: Declared in error")).to_be_visible()
    screenshot("mediator-page")
    (conflict,) = selectors.conflicts_of(mediator=nadia)
    assert conflict.withdrawal_reason == "Declared in error"
    assert conflict.family_child_date_of_birth == dt.date(2015, 3, 14)
