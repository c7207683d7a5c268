"""Steps shared by the end-to-end journeys: what a person does on a page, said once."""

import datetime as dt
import io
from typing import Any

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.factories.people import PASSWORD


def heading(page: Page) -> Any:
    return page.get_by_role("heading", level=1)


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def fill_date(page: Page, prefix: str, day: dt.date) -> None:
    """Fill a GOV.UK date input by its field id prefix (e.g. "id_day")."""
    page.locator(f"#{prefix}-day").fill(str(day.day))
    page.locator(f"#{prefix}-month").fill(str(day.month))
    page.locator(f"#{prefix}-year").fill(str(day.year))


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
