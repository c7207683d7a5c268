"""A coordinator walks every section of a case in a real browser, by its sub-navigation; each
page is checked by axe-core (the `page` fixture) and must reflow at 320 CSS pixels wide (WCAG
1.4.10): nothing wider than the screen but a table scrolling inside its own box."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect

from mediation.cases.presenters import CASE_SECTIONS
from mediation.cases.services import case_update_safeguarding
from tests.journeys.steps import heading, sign_in

if TYPE_CHECKING:
    from mediation.cases.models import Case

pytestmark = pytest.mark.browser

HEADINGS = {
    "overview": "Sam Morgan",
    "parties": "Parties and participants",
    "preparation": "Preparing for the meeting",
    "meetings": "Calls and meetings",
    "agreement": "Outcome and agreement",
    "certificates": "Certificates",
    "documents": "Documents",
    "timeline": "Timeline",
}
# What each section shows of this case, beyond the header every section has.
SHOWS = {
    "overview": "Key dates",
    "parties": "Islington",
    "preparation": "Case summary from Islington",
    "meetings": "See the meeting",
    "agreement": "Agreed actions and due dates",
    "certificates": "Mediation took place",
    "documents": "bus.pdf",
    "timeline": "Written agreement finalised",
}


def _fits(page: Page) -> int:
    """How wide the page is laid out, in CSS pixels (wider than the window: it scrolls sideways)."""
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width


def test_a_coordinator_walks_every_section_of_a_case(
    live_server: Any,
    page: Page,
    staff: Callable[..., Any],
    whole_case: Case,
    screenshot: Callable[[str], Any],
) -> None:
    coordinator = staff("coordinator", email="priya@test.example", full_name="Priya Shah")
    case_update_safeguarding(
        case=whole_case, concern=True, notes="Check before calling home.", actor=coordinator
    )
    base = live_server.url
    sign_in(page, base, "priya@test.example")
    page.goto(f"{base}/cases/")
    page.get_by_role("link", name=whole_case.reference).click()
    sections = page.get_by_role("navigation", name=f"Sections of case {whole_case.reference}")

    for key, label, _ in CASE_SECTIONS:
        sections.get_by_role("link", name=label, exact=True).click()
        expect(heading(page)).to_have_text(HEADINGS[key])
        current = sections.locator('[aria-current="page"]')
        expect(current).to_have_count(1)
        expect(current).to_have_text(label)
        main = page.locator("main")
        expect(main).to_contain_text(whole_case.reference)
        expect(main).to_contain_text("Safeguarding concern")
        expect(page.locator("#next-step")).to_contain_text("Close the case")
        expect(main).to_contain_text(SHOWS[key])
        screenshot(f"section-{key}")

    # At 320 CSS pixels (a 1280-pixel screen zoomed to 400%) every section reflows.
    sections.get_by_role("link", name="Overview", exact=True).click()
    overflow = page.evaluate("getComputedStyle(document.querySelector('.app-scrolling')).overflowX")
    assert overflow == "auto", "build/static predates frontend/scss: rebuild it (make assets)"
    page.set_viewport_size({"width": 320, "height": 640})
    for key, label, _ in CASE_SECTIONS:
        sections.get_by_role("link", name=label, exact=True).click()
        expect(heading(page)).to_have_text(HEADINGS[key])
        assert _fits(page) <= 320, f"{key} is {_fits(page)} CSS pixels wide at 320"
        screenshot(f"section-{key}-320px")

    # A wide table scrolls inside its own box, which the keyboard can reach.
    sections.get_by_role("link", name="Preparation", exact=True).click()
    region = page.get_by_role("region", name="Parties: how ready each is")
    expect(region).to_have_attribute("tabindex", "0")
    scrolls = region.evaluate("box => box.scrollWidth > box.clientWidth")
    assert scrolls, "the parties' table fits at 320 pixels: nothing to check"
    region.focus()
    page.keyboard.press("ArrowRight")
    # Keyboard scrolling is animated: wait for the box to have moved.
    page.wait_for_function("box => box.scrollLeft > 0", arg=region.element_handle())
    assert page.evaluate("window.scrollX") == 0  # the box scrolled, not the page
