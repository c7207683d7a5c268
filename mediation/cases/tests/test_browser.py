"""Finding cases in a real browser: a closed case found from the work queue by reference and by
the child's name, a wrong date answered with GOV.UK errors, and a mediator's "My cases". axe-core
checks every page."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from mediation.accounts.models import User
from mediation.cases import services as case_services
from mediation.cases.models import Case
from mediation.directory.models import Organisation
from mediation.panel.services import mediator_allocate
from tests.factories.cases import MediationRequestedCaseFactory
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page: Page, live_server: Any, email: str) -> None:
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_closed_case_is_found_again_by_reference_and_by_the_childs_name(
    live_server: Any,
    page: Page,
    screenshot: Callable[[str], Any],
    make_case: Callable[..., Case],
    coordinator: User,
) -> None:
    case = make_case(child_first_name="Ada", child_last_name="Lovelace")
    make_case(child_first_name="Ben")
    case_services.case_close(case=case, reason="Certificate issued.", actor=coordinator)
    prefix, year, number = case.reference.split("-")

    sign_in(page, live_server, coordinator.email)
    page.goto(live_server.url + "/cases/")
    page.get_by_label("Search by reference or name").fill("Ada Lovelace")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("No open cases match.")).to_be_visible()
    page.get_by_role("link", name="Search all cases, including closed").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Find a case")
    expect(page.get_by_label("Reference or name")).to_have_value("Ada Lovelace")
    table = page.locator(".govuk-table")
    expect(table.locator("caption")).to_have_text("1 case found")
    expect(table).to_contain_text("Ada Lovelace")
    expect(table).to_contain_text("Closed")
    expect(table).not_to_contain_text("Ben Morgan")
    screenshot("found-by-name")

    page.get_by_label("Reference or name").fill(f"{prefix.lower()} {year} {int(number)}")
    page.get_by_role("button", name="Search").click()
    expect(table.locator("caption")).to_have_text("1 case found")
    table.get_by_role("link", name=case.reference).click()
    expect(page).to_have_url(f"{live_server.url}/cases/{case.pk}/")


def test_a_wrong_date_is_answered_with_govuk_errors(
    live_server: Any, page: Page, make_case: Callable[..., Case], coordinator: User
) -> None:
    make_case()
    sign_in(page, live_server, coordinator.email)
    page.goto(live_server.url + "/cases/search/")
    page.get_by_text("Filter by local authority, people and dates").click()
    received = page.get_by_role("group", name="Received from")
    received.get_by_label("Day").fill("31")
    received.get_by_label("Month").fill("2")
    received.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Search").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The received from date must be a real date")
    expect(page).to_have_title("Error: Find a case - SEND mediation and disagreement resolution")
    expect(page.locator(".govuk-table")).to_have_count(0)
    summary.get_by_role("link").click()
    expect(received.get_by_label("Day")).to_be_focused()


def test_a_mediator_sees_their_cases(
    live_server: Any,
    page: Page,
    screenshot: Callable[[str], Any],
    served_la_with_email: Organisation,
    staff: Callable[..., User],
    coordinator: User,
) -> None:
    helen = staff("mediator", full_name="Helen Marsh", profile=True)
    mine = MediationRequestedCaseFactory.create(
        local_authority=served_la_with_email, child_first_name="Kit"
    )
    MediationRequestedCaseFactory.create(
        local_authority=served_la_with_email, child_first_name="Other"
    )
    mediator_allocate(case=mine, mediator=helen, actor=coordinator)

    sign_in(page, live_server, helen.email)
    page.get_by_role("link", name="My cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases (1)")
    table = page.locator(".govuk-table")
    expect(table).to_contain_text("Kit Morgan")
    expect(table).not_to_contain_text("Other Morgan")
    screenshot("my-cases")
