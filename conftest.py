"""Fixtures shared by the whole suite, including the real-browser fixtures.

Browser tests drive Debian's Chromium through Playwright against pytest-django's live server. Every
page they load is checked with axe-core (WCAG 2.2 A and AA) and a violation fails the test.
"""

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "test-results"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# ---------------------------------------------------------------------------------------------
# Users and organisations
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def provider(db: Any) -> Any:
    from mediation.directory.tests.factories import ProviderFactory

    return ProviderFactory()


@pytest.fixture
def make_user(db: Any, provider: Any) -> Callable[..., Any]:
    """Make a user of a role: staff belong to the provider, partners to their own organisation."""
    from mediation.accounts.roles import STAFF_ROLES
    from mediation.accounts.tests import factories

    by_role = {
        "service_manager": factories.ManagerFactory,
        "coordinator": factories.CoordinatorFactory,
        "mediation_adviser": factories.AdviserFactory,
        "mediator": factories.MediatorFactory,
        "la_officer": factories.LAOfficerFactory,
        "icb_officer": factories.ICBOfficerFactory,
        "school_contact": factories.SchoolContactFactory,
    }

    def make(role: str, **kwargs: Any) -> Any:
        if role in STAFF_ROLES:
            kwargs.setdefault("organisation", provider)
        return by_role[role](**kwargs)

    return make


@pytest.fixture
def client_as(client: Any, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """A test client signed in as a new user of the given role (or as a given user)."""

    def sign_in(role_or_user: Any, **kwargs: Any) -> Any:
        user = make_user(role_or_user, **kwargs) if isinstance(role_or_user, str) else role_or_user
        client.force_login(user)
        client.user = user
        return client

    return sign_in


@pytest.fixture
def reference_data(db: Any) -> None:
    """The real local authorities, ICBs and provider organisation."""
    from mediation.directory import services

    services.local_authorities_load()
    services.icbs_load()
    services.provider_ensure(name="Synthetic Mediation Services")


# ---------------------------------------------------------------------------------------------
# Browser
# ---------------------------------------------------------------------------------------------


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    for item in items:
        if "browser" in item.keywords:
            # Browser tests use the live server, which needs committed data.
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium (Playwright cannot download a browser here)."""
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        message = (
            f"Chromium is not installed at {CHROMIUM}: install Debian's chromium package "
            "(sudo apt-get install chromium) or set CHROMIUM_PATH"
        )
        if os.environ.get("CI"):
            pytest.fail(message + ". Browser tests may not be skipped in CI.")
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London"}


class AxeAudit:
    """Runs axe-core on every document the page loads, and collects violations."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.violations: list[dict[str, Any]] = []
        self.audited: list[str] = []

    def run(self, label: str | None = None) -> list[dict[str, Any]]:
        page = self.page
        try:
            if not page.evaluate("typeof window.axe !== 'undefined'"):
                page.add_script_tag(path=str(AXE_SCRIPT))
            # One audit at a time per document: a load-event audit may still be running.
            result = page.evaluate(
                """async (tags) => {
                    while (window.__axeBusy) { await new Promise(r => setTimeout(r, 25)); }
                    window.__axeBusy = true;
                    try {
                        return await axe.run(document, {
                            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
                        });
                    } finally { window.__axeBusy = false; }
                }""",
                AXE_TAGS,
            )
        except Exception as exc:
            if "context was destroyed" in str(exc) or "navigat" in str(exc):
                return []  # the page moved on; the next document is audited when it loads
            raise
        url = label or page.url
        self.audited.append(url)
        found = [
            {
                "url": url,
                "id": v["id"],
                "impact": v.get("impact"),
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        self.violations.extend(found)
        return found


@pytest.fixture
def axe(page: Any) -> AxeAudit:
    return page._axe_audit  # type: ignore[no-any-return]


@pytest.fixture
def page(page: Any, request: Any) -> Iterator[Any]:
    """Playwright's page, audited with axe-core on every load; fails the test on a violation."""
    if not AXE_SCRIPT.exists():
        pytest.fail("node_modules/axe-core is missing: run `make setup`")
    audit = AxeAudit(page)
    page._axe_audit = audit
    page.on("load", lambda loaded: audit.run())
    yield page
    if audit.violations:
        pytest.fail(
            "axe-core found accessibility violations:\n" + json.dumps(audit.violations, indent=2),
            pytrace=False,
        )


@pytest.fixture
def screenshot(page: Any, request: Any) -> Callable[[str], Path]:
    """Save a full-page screenshot of the current page under test-results/screenshots/."""

    def take(name: str) -> Path:
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        test = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
        path = folder / f"{test}--{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
