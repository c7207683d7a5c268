"""The public pages, the signed-in home page, error pages and /healthz."""

from typing import Any

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("pages:start", "SEND mediation and disagreement resolution"),
    ("pages:accessibility", "Accessibility statement"),
    ("pages:privacy", "Privacy notice"),
    ("pages:cookies", "Cookies"),
    ("pages:contact", "Contact us"),
    ("pages:feedback", "Give feedback on this service"),
]


@pytest.mark.parametrize(("name", "heading"), PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
def test_public_page_renders_in_the_govuk_template(client: Any, name: str, heading: str) -> None:
    """Anyone can read the public pages, laid out in the GOV.UK template."""
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert heading in html
    assert 'class="govuk-template' in html
    assert "govuk-skip-link" in html
    assert "govuk-phase-banner" in html
    assert reverse("pages:accessibility") in html  # footer links
    assert reverse("pages:privacy") in html
    assert reverse("pages:cookies") in html


def test_start_page_offers_sign_in_to_anonymous_visitors(client: Any) -> None:
    html = client.get(reverse("pages:start")).content.decode()
    assert "Staff and partner sign in" in html
    assert "Contact us within 2 months" in html


def test_unknown_page_is_a_govuk_404(client: Any) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_home_sends_anonymous_visitors_to_sign_in(client: Any) -> None:
    response = client.get(reverse("pages:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("role", ["coordinator", "la_officer", "school_contact"])
def test_home_lands_signed_in_users_somewhere_useful(client_as: Any, role: str) -> None:
    response = client_as(role).get(reverse("pages:home"), follow=True)
    assert response.status_code == 200


def test_500_page_is_standalone_and_helpful(rf: Any) -> None:
    from mediation.pages.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_403_page(rf: Any, make_user: Any) -> None:
    from mediation.pages.views import error_403

    request = rf.get("/")
    request.user = make_user("coordinator")
    response = error_403(request)
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_healthz_is_200_and_json_when_healthy(client: Any) -> None:
    response = client.get(reverse("pages:healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["healthy"] is True
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["migrations"] == {"ok": True, "unapplied": 0}
    assert body["checks"]["task_queue"]["ok"] is True


def test_healthz_is_503_when_migrations_are_not_applied(client: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)])
    response = client.get(reverse("pages:healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"ok": False, "unapplied": 1}


def test_healthz_is_503_when_the_database_is_unreachable(client: Any, monkeypatch: Any) -> None:
    from django.db import DatabaseError
    from django.db.backends.base import base

    def refuse(self: Any) -> None:
        raise DatabaseError("connection refused")

    monkeypatch.setattr(base.BaseDatabaseWrapper, "cursor", refuse)
    response = client.get(reverse("pages:healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["ok"] is False


def test_domain_errors_become_a_clear_page(rf: Any, make_user: Any) -> None:
    from mediation.core.errors import ApplicationError
    from mediation.core.middleware import DomainErrorMiddleware

    request = rf.get("/")
    request.user = make_user("coordinator")
    middleware = DomainErrorMiddleware(lambda r: None)  # type: ignore[arg-type,return-value]
    response = middleware.process_exception(request, ApplicationError("The case is closed."))
    assert response is not None
    assert response.status_code == 400
    assert "The case is closed." in response.content.decode()
