"""A coordinator adds the family's case summary as "mediator only" and records the child's views;
the LA officer then sees the child's views (shared) but never the family's private summary."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from mediation.preparation.models import CaseSummary, ChildViews
from mediation.preparation.tests.conftest import (
    LA_OFFICER_EMAIL,
    MediationCase,
    docx_bytes,
)
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.browser


def _sign_in(page: Any, email: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_coordinator_prepares_the_familys_side(
    live_server: Any,
    page: Any,
    screenshot: Callable[[str], Any],
    mediation_case: MediationCase,
    share_with: Callable[..., Any],
    tmp_path: Any,
) -> None:
    m = mediation_case
    share_with(m.la)

    page.goto(f"{live_server.url}/cases/{m.case.pk}/preparation/")
    _sign_in(page, "priya@test.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preparing for the meeting")
    parties = page.get_by_role("table", name="Parties")
    expect(parties).to_contain_text("The family")
    expect(parties).to_contain_text("Islington")
    expect(parties).to_contain_text("Northbrook Primary School")
    screenshot("overview-empty")

    # The mediator's first contact with the family, recorded by the coordinator.
    page.get_by_role("button", name="Record an introductory contact").click()
    page.get_by_label("The family").check()
    page.get_by_label("Phone call").check()
    page.get_by_label("Who made the contact?").select_option(label="Helen Marsh (Mediator)")
    page.get_by_label("Who did you speak or write to? (optional)").fill("Alex Morgan")
    page.get_by_role("button", name="Save contact").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Introductory contact with The family recorded"
    )

    # The family's summary, uploaded for them, for the mediator only.
    page.get_by_role("button", name="Add a case summary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case summary")
    expect(page.get_by_label("The family")).to_be_checked()
    expect(page.get_by_label("Name of the person it is from")).to_have_value("Alex Morgan")
    document = tmp_path / "Our side.docx"
    document.write_bytes(docx_bytes("What we would accept"))
    page.get_by_label("Upload a file").set_input_files(str(document))
    page.get_by_label("Mediator only").check()
    screenshot("summary")
    page.get_by_role("button", name="Add case summary").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Case summary from The family added (mediator only)"
    )
    summary = CaseSummary.objects.get()
    assert (summary.party_id, summary.visibility, summary.file_kind) == (
        m.family.pk,
        "mediator_only",
        "docx",
    )

    # The child's views, in easy read.
    page.get_by_role("button", name="Record the child's views").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My views")
    expect(page.locator("main")).to_contain_text("This is about you, Sam.")
    page.get_by_label("The child or young person, with help if they needed it").check()
    page.get_by_label("Name of the person who helped, or of the parent or carer answering").fill(
        "Mum"
    )
    page.get_by_label("What I like", exact=True).fill("Drawing and football")
    page.get_by_label("What is hard for me", exact=True).fill("Noisy classrooms")
    page.get_by_label("What helps me", exact=True).fill("A quiet corner and a timer")
    page.get_by_label("Shared with all parties").check()
    screenshot("child-views")
    page.get_by_role("button", name="Save my views").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Sam's views saved")
    expect(page.locator("#child-views + .govuk-summary-list")).to_contain_text("Noisy classrooms")
    expect(page.get_by_role("table", name="Parties")).to_contain_text("Done")
    screenshot("overview")
    views = ChildViews.objects.get()
    assert views.completed_by == "child_with_help"
    assert views.completed_by_name == "Mum"

    page.get_by_role("button", name="Sign out").click()

    # Islington (the family shares with it) sees the child's views, not the private summary.
    page.goto(f"{live_server.url}/partners/cases/{m.case.pk}/")
    _sign_in(page, LA_OFFICER_EMAIL)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {m.case.reference}")
    expect(page.locator("main")).to_contain_text("A quiet corner and a timer")
    expect(page.locator("main")).not_to_contain_text("Case summary from The family")
    summary_url = f"{live_server.url}/cases/summaries/{summary.pk}/"
    assert page.request.get(summary_url).status == 403
    assert page.request.get(summary_url + "file/").status == 403
