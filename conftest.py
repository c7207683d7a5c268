"""Fixtures shared by the whole suite, including the real-browser fixtures.

Browser tests drive Debian's Chromium through Playwright against pytest-django's live server. Every
page they load is checked with axe-core (WCAG 2.2 A and AA) and a violation fails the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mediation.accounts.models import User
    from mediation.cases.models import Case
    from mediation.directory.models import Organisation, Service

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
def provider(db: Any) -> Organisation:
    from tests.factories.organisations import ProviderFactory

    return ProviderFactory.create()


@pytest.fixture
def make_user(db: Any, provider: Organisation) -> Callable[..., User]:
    """Make a user of a role: staff belong to the provider, partners to their own organisation."""
    from tests.factories.people import user_of_role

    def make(role: str, **kwargs: Any) -> User:
        return user_of_role(role, provider=provider, **kwargs)

    return make


@pytest.fixture
def client_as(client: Any, make_user: Callable[..., User]) -> Callable[..., Any]:
    """A test client signed in as a new user of the given role (or as a given user)."""

    def sign_in(role_or_user: Any, **kwargs: Any) -> Any:
        user = make_user(role_or_user, **kwargs) if isinstance(role_or_user, str) else role_or_user
        client.force_login(user)
        client.user = user
        return client

    return sign_in


@pytest.fixture
def fresh_file_storage(settings: Any) -> None:
    """A fresh in-memory file store for the test (the test settings keep one for the whole run):
    no test sees another's files, and file names are never taken by an earlier test's."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def coordinator(staff: Callable[..., User]) -> User:
    return staff("coordinator", email="priya@test.example", full_name="Priya Shah")


@pytest.fixture
def mediator(staff: Callable[..., User]) -> User:
    """The mediator of the tests' cases (the panel's tests make mediators with profiles)."""
    return staff("mediator", email="helen@test.example", full_name="Helen Marsh")


@pytest.fixture
def reference_data(db: Any) -> None:
    """The real local authorities, ICBs and provider organisation."""
    from mediation.directory import services

    services.local_authorities_load()
    services.icbs_load()
    services.provider_ensure(name="Synthetic Mediation Services")


@pytest.fixture
def service(provider: Organisation) -> Service:
    """A service of the provider, serving one local authority (see `served_la`)."""
    from tests.factories.organisations import ServiceFactory

    return ServiceFactory.create(provider=provider, name="London", reference_prefix="LDN")


@pytest.fixture
def served_la(service: Service) -> Organisation:
    from tests.factories.organisations import LocalAuthorityFactory

    return LocalAuthorityFactory.create(name="Islington", code="E09000019", served_by=[service])


@pytest.fixture
def served_la_with_email(served_la: Organisation) -> Organisation:
    """The served local authority with its SEN team's address: told by e-mail of a request."""
    from mediation.directory.services import organisation_contact_set

    if not served_la.email:
        organisation_contact_set(organisation=served_la, email="sen.team@islington.example")
    return served_la


@pytest.fixture
def staff(make_user: Callable[..., User], service: Service) -> Callable[..., User]:
    """A member of staff of the given role, working in the test service."""

    def make(role: str = "coordinator", **kwargs: Any) -> User:
        return make_user(role, services=[service], **kwargs)

    return make


@pytest.fixture
def make_case(served_la: Organisation) -> Callable[..., Case]:
    """A new referral to the test service (`tests.factories.cases.CaseFactory`)."""
    from tests.factories.cases import CaseFactory

    def make(**overrides: Any) -> Case:
        return CaseFactory.create(local_authority=served_la, **overrides)

    return make


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
    """Runs axe-core on every document a test looks at, and collects violations.

    Deterministic rather than event-driven: a document is audited right after `goto` (and the
    like) returns, before any action that may leave it (click, press, check...), and at the end of
    the test. Each document carries an id (set by an init script) so it is audited once.
    """

    def __init__(self, page: Any) -> None:
        self.page = page
        self.violations: list[dict[str, Any]] = []
        self.audited: list[str] = []
        self._seen: set[str] = set()

    def current(self) -> None:
        """Audit the document on screen, unless it already was."""
        page = self.page
        for _ in range(3):
            try:
                page.wait_for_load_state("load")
                doc = page.evaluate("window.__axeDocumentId || null")
                if doc is None or doc in self._seen:
                    return
                self._seen.add(doc)
                self.run()
                return
            except Exception as exc:
                if "context was destroyed" in str(exc) or "navigat" in str(exc):
                    continue  # the page moved on: audit the new document instead
                raise

    def run(self, label: str | None = None) -> list[dict[str, Any]]:
        page = self.page
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE_SCRIPT))
        result = page.evaluate(
            """async (tags) => await axe.run(document, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
            })""",
            AXE_TAGS,
        )
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


# Actions that may leave the current document: audit it first. Navigations: audit after.
_AUDIT_BEFORE = {
    "Locator": [
        "click",
        "dblclick",
        "press",
        "check",
        "uncheck",
        "set_checked",
        "tap",
        "select_option",
    ],
    "Page": ["click", "press", "go_back", "go_forward", "reload"],
}
_AUDIT_AFTER = {"Page": ["goto", "reload", "go_back", "go_forward", "set_content"]}


def _audit_of(obj: Any) -> AxeAudit | None:
    page = obj if hasattr(obj, "_axe_audit") else getattr(obj, "page", None)
    return getattr(page, "_axe_audit", None)


@pytest.fixture
def axe(page: Any) -> AxeAudit:
    audit: AxeAudit = page._axe_audit
    return audit


@pytest.fixture
def page(page: Any, monkeypatch: Any) -> Iterator[Any]:
    """Playwright's page, audited with axe-core on every document; fails the test on a violation."""
    from playwright.sync_api import Locator, Page

    if not AXE_SCRIPT.exists():
        pytest.fail("node_modules/axe-core is missing: run `make setup`")
    audit = AxeAudit(page)
    page._axe_audit = audit
    page.add_init_script("window.__axeDocumentId = Math.random().toString(36).slice(2);")
    classes = {"Locator": Locator, "Page": Page}

    def wrap(cls: Any, name: str, before: bool, after: bool) -> None:
        original = getattr(cls, name)

        def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
            owner = _audit_of(self)
            if before and owner is not None:
                owner.current()
            result = original(self, *args, **kwargs)
            if after and owner is not None:
                if name == "set_content":
                    owner.run()  # same window, new document: no new id
                else:
                    owner.current()
            return result

        monkeypatch.setattr(cls, name, wrapped)

    names = {(c, n) for c, ns in _AUDIT_BEFORE.items() for n in ns}
    names |= {(c, n) for c, ns in _AUDIT_AFTER.items() for n in ns}
    for cls_name, name in sorted(names):
        wrap(
            classes[cls_name],
            name,
            before=name in _AUDIT_BEFORE.get(cls_name, []),
            after=name in _AUDIT_AFTER.get(cls_name, []),
        )
    yield page
    monkeypatch.undo()
    if not page.is_closed() and page.url.startswith("http"):
        audit.current()
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
