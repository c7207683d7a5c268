"""The public pages in a real browser: GOV.UK styles and scripts load, and axe finds nothing."""

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_start_page_renders_in_the_providers_brand_with_govuk_styles_and_scripts(
    live_server: Any, page: Any, axe: Any, screenshot: Any
) -> None:
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "SEND mediation and disagreement resolution"
    )
    page.evaluate("document.fonts.ready")
    # Arial, never GOV.UK's own typeface, and no web font at all; GOV.UK Frontend started.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.startswith("arial"), font
    assert page.evaluate("[...document.fonts].length") == 0
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    expect(page.locator("html")).to_have_attribute("data-frontend-initialised", "true")
    # The provider's header: its logo, its name and its colour (from settings, via /brand.css).
    header = page.locator(".govuk-generic-header")
    expect(header).to_contain_text("Synthetic Mediation Services")
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('.govuk-generic-header')).backgroundColor"
        )
        == "rgb(11, 92, 99)"
    )
    assert page.evaluate("document.querySelector('.app-brand-header__logo').naturalWidth") > 0
    expect(page.locator(".govuk-header, .govuk-footer, .govuk-logo")).to_have_count(0)
    screenshot("start")
    assert live_server.url + "/" in axe.audited


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        (
            "/accessibility/",
            "Accessibility statement for SEND mediation and disagreement resolution",
        ),
        ("/privacy/", "Privacy notice"),
        ("/cookies/", "Cookies"),
        ("/no-such-page/", "Page not found"),
    ],
    ids=["accessibility", "privacy", "cookies", "404"],
)
def test_public_pages_pass_axe(
    live_server: Any, page: Any, axe: Any, path: str, heading: str, screenshot: Any
) -> None:
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    screenshot(path.strip("/") or "root")
    assert axe.audited  # the page was audited (violations fail the test at teardown)


def test_skip_link_moves_focus_to_main_content(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    skip.press("Enter")
    assert page.url.endswith("#main-content")


def test_the_axe_audit_catches_violations(live_server: Any, page: Any, axe: Any) -> None:
    """The accessibility check really runs: a page with an unlabelled image is reported."""
    page.goto(live_server.url + "/")
    page.set_content("<html lang='en'><title>t</title><main><img src='x.png'></main></html>")
    assert any(v["id"] == "image-alt" for v in axe.violations)
    axe.violations.clear()  # this page was broken on purpose
