"""Signing in and out, password reset, the account page and the management (admin) site."""

import re
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from mediation.accounts.forms import MAX_FAILED_SIGN_INS
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


def _sign_in(client: Any, email: str, password: str, **extra: str) -> Any:
    return client.post(reverse("accounts:sign-in"), {"email": email, "password": password, **extra})


def test_sign_in_page_renders(client: Any) -> None:
    response = client.get(reverse("accounts:sign-in"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Sign in</h1>' in html
    assert 'autocomplete="email"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_staff_sign_in_by_email(client: Any, make_user: Any) -> None:
    user = make_user("coordinator", email="priya@test.example")
    response = _sign_in(client, "Priya@Test.example", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_in_follows_a_safe_next_only(client: Any, make_user: Any) -> None:
    make_user("coordinator", email="a@test.example")
    response = _sign_in(client, "a@test.example", PASSWORD, next="/account/")
    assert response["Location"] == "/account/"
    client.logout()
    response = _sign_in(client, "a@test.example", PASSWORD, next="https://evil.example/")
    assert response["Location"] == reverse("pages:home")


def test_wrong_password_shows_the_error_summary(client: Any, make_user: Any) -> None:
    make_user("coordinator", email="a@test.example")
    response = _sign_in(client, "a@test.example", "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_empty_sign_in_form_says_what_to_enter(client: Any) -> None:
    html = _sign_in(client, "", "").content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_repeated_failures_lock_the_account_for_a_while(client: Any, make_user: Any) -> None:
    make_user("coordinator", email="a@test.example")
    for _ in range(MAX_FAILED_SIGN_INS):
        _sign_in(client, "a@test.example", "wrong")
    html = _sign_in(client, "a@test.example", PASSWORD).content.decode()
    assert "You have tried to sign in too many times" in html
    assert "_auth_user_id" not in client.session


def test_inactive_users_cannot_sign_in(client: Any, make_user: Any) -> None:
    make_user("coordinator", email="gone@test.example", is_active=False)
    html = _sign_in(client, "gone@test.example", PASSWORD).content.decode()
    assert "Enter a correct email address and password" in html


def test_sign_out_needs_post_and_signs_out(client_as: Any) -> None:
    client = client_as("coordinator")
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_account_page_anonymous_redirects_to_sign_in(client: Any) -> None:
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_account_page_shows_your_details(client_as: Any) -> None:
    client = client_as("mediator", full_name="Helen Marsh")
    html = client.get(reverse("accounts:account")).content.decode()
    assert "Helen Marsh" in html
    assert "Mediator" in html


def test_password_reset_by_email_end_to_end(client: Any, make_user: Any) -> None:
    user = make_user("mediator", email="helen@test.example", full_name="Helen O'Brien")
    response = client.post(reverse("accounts:password-reset"), {"email": "helen@test.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = str(mail.outbox[0].body)
    assert "Helen O'Brien" in body  # plain text is not HTML-escaped
    link = re.search(r"http://testserver(/password-reset/\S+/)", body)
    assert link is not None
    response = client.get(link.group(1), follow=True)
    assert "Choose a new password" in response.content.decode()
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new_password = "a-much-better-passphrase-2026"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_unknown_email_sends_nothing_but_looks_the_same(client: Any) -> None:
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@test.example"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_anonymous_redirects(client: Any) -> None:
    response = client.get(reverse("accounts:password-change"))
    assert response.status_code == 302


def test_management_site_anonymous_goes_to_sign_in(client: Any) -> None:
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("role", ["coordinator", "mediator", "la_officer", "school_contact"])
def test_management_site_is_forbidden_to_everyone_but_managers(client_as: Any, role: str) -> None:
    response = client_as(role).get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_management_site_lets_managers_edit_reference_data(client_as: Any) -> None:
    client = client_as("service_manager")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Organisations" in response.content.decode()
    assert client.get(reverse("admin:directory_organisation_changelist")).status_code == 200


def test_management_site_object_that_does_not_exist(client_as: Any) -> None:
    client = client_as("service_manager")
    url = reverse(
        "admin:directory_organisation_change", args=["00000000-0000-0000-0000-000000000000"]
    )
    response = client.get(url, follow=True)
    # Django admin redirects a missing object to the list with a message.
    assert "doesn\u2019t exist" in response.content.decode()
