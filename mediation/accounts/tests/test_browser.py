"""Staff sign in, in a real browser."""

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.factories.people import PASSWORD

pytestmark = pytest.mark.browser


def test_staff_sign_in_and_out(
    live_server: Any, page: Any, make_user: Any, screenshot: Any
) -> None:
    make_user("coordinator", email="priya@test.example", full_name="Priya Shah")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Staff and partner sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    screenshot("sign-in")
    page.get_by_label("Email address").fill("priya@test.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()


def test_wrong_password_shows_the_govuk_error_summary(
    live_server: Any, page: Any, make_user: Any, screenshot: Any
) -> None:
    make_user("coordinator", email="priya@test.example")
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill("priya@test.example")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct email address and password")
    # GOV.UK Frontend moves focus to the summary so screen readers announce it.
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: ")
    screenshot("sign-in-error")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Email address")).to_be_focused()
