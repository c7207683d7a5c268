"""Disagreement resolution in a real browser: voluntary for everyone, so a party can decline."""

from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from mediation.cases.models import Party
from mediation.cases.services import MatterInput
from tests.factories.organisations import SchoolFactory
from tests.journeys.steps import heading, sign_in

pytestmark = pytest.mark.browser


def test_a_dr_case_where_the_school_declines(
    live_server: Any, page: Page, staff: Any, make_case: Any, screenshot: Any, today: Any
) -> None:
    staff("coordinator", email="priya@test.example", full_name="Priya Shah")
    case = make_case(
        wants="disagreement_resolution",
        matters=[
            MatterInput(
                decision="other_disagreement", details="The support the school gives in class"
            )
        ],
    )
    SchoolFactory.create(
        name="Hillside Academy", email="head@hillside.example", local_authority=case.local_authority
    )
    base = live_server.url
    sign_in(page, base, "priya@test.example")
    page.goto(f"{base}/cases/{case.pk}/")

    # The clock suggests disagreement resolution: it is not about an appealable decision.
    page.get_by_role("button", name="Confirm the route").click()
    expect(page.get_by_label("Disagreement resolution")).to_be_checked()
    page.get_by_role("button", name="Confirm route").click()
    page.get_by_role("button", name="Parties and their answers").click()
    expect(heading(page)).to_have_text("Parties and participants")

    page.get_by_role("button", name="Add a party").click()
    page.get_by_label("School or college").check()
    page.get_by_label("Organisation", exact=True).select_option(label="Hillside Academy (School)")
    screenshot("add-school")
    page.get_by_role("button", name="Add party").click()

    page.get_by_role("button", name="Add a party").click()
    page.get_by_label("Local authority", exact=True).check()
    page.get_by_label("Organisation", exact=True).select_option(
        label=f"{case.local_authority.name} (Local authority)"
    )
    page.get_by_role("button", name="Add party").click()

    school = Party.objects.get(case=case, kind="school")
    la = Party.objects.get(case=case, kind="local_authority")
    # Ask the school: it is e-mailed; then it declines.
    page.goto(f"{base}/cases/{case.pk}/parties/{school.pk}/disagreement-resolution/")
    page.get_by_label("We have asked and are waiting for an answer").check()
    page.get_by_role("button", name="Save").click()
    assert any("head@hillside.example" in m.to for m in mail.outbox)
    page.goto(f"{base}/cases/{case.pk}/parties/{school.pk}/disagreement-resolution/")
    page.get_by_label("No, it does not agree").check()
    page.get_by_label("Notes (optional)").fill("It prefers its own complaints procedure.")
    page.get_by_role("button", name="Save").click()
    page.goto(f"{base}/cases/{case.pk}/parties/{la.pk}/disagreement-resolution/")
    page.get_by_label("Yes, it agrees to take part").check()
    page.get_by_role("button", name="Save").click()

    main = page.locator("main")
    expect(main).to_contain_text("Does not agree to take part")
    expect(main).to_contain_text("It prefers its own complaints procedure.")
    expect(main).to_contain_text("Agrees to take part")
    expect(main).not_to_contain_text("Every party has agreed")
    screenshot("dr-answers")

    page.get_by_role("link", name="Back to the case").click()
    expect(heading(page)).to_have_text(case.child_name)
    page.get_by_role("link", name="Timeline", exact=True).click()
    expect(heading(page)).to_have_text("Timeline")
    timeline = page.locator(".moj-timeline")
    expect(timeline).to_contain_text("Hillside Academy does not agree to take part")
    expect(timeline).to_contain_text("agrees to take part in disagreement resolution")
