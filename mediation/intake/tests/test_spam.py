"""Spam checks hold a referral for staff; they never drop it. Staff review held referrals."""

from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from mediation.cases.models import Case
from mediation.intake import services
from mediation.intake.models import HeldReferral
from mediation.intake.tests.conftest import parent_answers
from tests.factories.organisations import ServiceFactory

pytestmark = pytest.mark.django_db


def send(client: Client, capture: Any, data: dict[str, str] | None = None, /, **extra: Any) -> Any:
    with capture(execute=True):
        return client.post(reverse("intake:check"), data or {}, **extra)


def test_the_spam_trap_is_hidden_from_people(client: Client) -> None:
    page = client.get(reverse("intake:start")).content.decode()
    assert '<div class="app-intake-trap" aria-hidden="true">' in page
    assert ".app-intake-trap { display: none; }" in page
    assert (
        '<input type="text" id="website" name="website" value="" autocomplete="off" tabindex="-1">'
        in page
    )


def test_a_filled_trap_on_any_page_holds_the_referral(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    answers = parent_answers(served_la)
    answers["child"] = {**answers["child"], "website": "http://cheap-pills.example"}
    walk(client, answers)
    response = send(client, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("intake:received")
    assert not Case.objects.exists()
    assert mail.outbox == []
    held = HeldReferral.objects.get()
    assert held.reason == "honeypot"
    assert held.status == "held"
    assert held.service is not None
    assert held.answers["child"]["child_first_name"] == ["Sam"]
    assert "website" not in held.answers["child"]
    assert len(held.ip_hash) == 64
    assert "127.0.0.1" not in held.ip_hash
    page = client.get(reverse("intake:received")).content.decode()
    assert "We have received your details" in page
    assert "0300 000 0000" in page
    # A robot's answers are not kept in the session.
    assert "intake_answers" not in client.session


def test_a_filled_trap_on_the_send_page_holds_the_referral(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    walk(client, parent_answers(served_la))
    send(client, django_capture_on_commit_callbacks, {"website": "spam"})
    assert HeldReferral.objects.get().reason == "honeypot"
    assert not Case.objects.exists()


def test_the_received_page_needs_a_held_referral(client: Client) -> None:
    assert client.get(reverse("intake:received"))["Location"] == reverse("intake:start")


def test_more_than_five_referrals_an_hour_from_one_address_are_held(
    served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    for _ in range(5):
        family = Client(REMOTE_ADDR="203.0.113.9")
        walk(family, parent_answers(served_la))
        assert send(family, django_capture_on_commit_callbacks)["Location"] == reverse(
            "intake:confirmation"
        )
    assert Case.objects.count() == 5
    sixth = Client(REMOTE_ADDR="203.0.113.9")
    walk(sixth, parent_answers(served_la))
    mail.outbox.clear()
    response = send(sixth, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("intake:received")
    assert Case.objects.count() == 5
    assert mail.outbox == []
    held = HeldReferral.objects.get()
    assert held.reason == "rate_limit"
    # Their answers stay in their session: nothing they typed is lost.
    assert sixth.session["intake_answers"]["child"]["child_first_name"] == ["Sam"]
    # Sending again while still limited updates the same held referral.
    send(sixth, django_capture_on_commit_callbacks)
    assert HeldReferral.objects.count() == 1
    # Someone else, elsewhere, is not affected.
    other = Client(REMOTE_ADDR="198.51.100.7")
    walk(other, parent_answers(served_la))
    assert send(other, django_capture_on_commit_callbacks)["Location"] == reverse(
        "intake:confirmation"
    )


def test_sent_again_after_the_hour_the_held_referral_needs_no_review(
    served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    family = Client(REMOTE_ADDR="203.0.113.9")
    walk(family, parent_answers(served_la))
    key = f"intake:referrals:{services.ip_hash('203.0.113.9')}"
    cache.set(key, services.RATE_LIMIT, timeout=60)
    send(family, django_capture_on_commit_callbacks)
    held = HeldReferral.objects.get()
    cache.delete(key)  # the hour has passed
    response = send(family, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("intake:confirmation")
    held.refresh_from_db()
    case = Case.objects.get()
    assert held.status == "case_created"
    assert held.case == case


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(
    served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.1"}
    client = Client(REMOTE_ADDR="203.0.113.9")
    walk(client, parent_answers(served_la))
    cache.set(f"intake:referrals:{services.ip_hash('203.0.113.9')}", 5, timeout=60)
    send(client, django_capture_on_commit_callbacks, **forged)
    assert HeldReferral.objects.get().reason == "rate_limit"
    HeldReferral.objects.all().delete()
    with override_settings(TRUSTED_PROXY_HOPS=1):
        other = Client(REMOTE_ADDR="10.0.0.2")
        walk(other, parent_answers(served_la))
        response = send(
            other, django_capture_on_commit_callbacks, HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
    assert response["Location"] == reverse("intake:confirmation")


# ---------------------------------------------------------------------------------------------
# Staff review held referrals
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def held(served_la: Any) -> HeldReferral:
    answers = {
        slug: {key: value if isinstance(value, list) else [value] for key, value in page.items()}
        for slug, page in parent_answers(served_la).items()
    }
    return services.held_referral_create(
        answers=answers, reason="honeypot", hashed_ip=services.ip_hash("203.0.113.9")
    )


def test_held_referral_pages_need_sign_in(client: Client, held: HeldReferral) -> None:
    for url in (
        reverse("intake:held-list"),
        reverse("intake:held-detail", kwargs={"held_id": held.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("role", ["la_officer", "school_contact", "mediator"])
def test_held_referrals_are_not_for_partners_or_mediators(
    client_as: Any, role: str, held: HeldReferral
) -> None:
    client = client_as(role)
    assert client.get(reverse("intake:held-list")).status_code == 403
    detail = reverse("intake:held-detail", kwargs={"held_id": held.pk})
    assert client.get(detail).status_code == 403
    assert client.post(detail, {"action": "create"}).status_code == 403
    assert not Case.objects.exists()


def test_an_unknown_held_referral_is_not_found(client_as: Any, staff: Any) -> None:
    client = client_as(staff("coordinator"))
    url = reverse("intake:held-detail", kwargs={"held_id": "00000000-0000-0000-0000-000000000000"})
    assert client.get(url).status_code == 404


def test_staff_of_another_service_cannot_see_a_held_referral(
    client_as: Any, make_user: Any, provider: Any, held: HeldReferral
) -> None:
    elsewhere = make_user("coordinator")
    elsewhere.services.add(ServiceFactory.create(provider=provider, name="Regional"))
    client = client_as(elsewhere)
    assert "Sam Morgan" not in client.get(reverse("intake:held-list")).content.decode()
    url = reverse("intake:held-detail", kwargs={"held_id": held.pk})
    assert client.get(url).status_code == 404


def test_staff_see_held_referrals_waiting_for_review(
    client_as: Any, staff: Any, held: HeldReferral
) -> None:
    client = client_as(staff("mediation_adviser"))
    page = client.get(reverse("intake:held-list")).content.decode()
    assert "Waiting for review (1)" in page
    assert "Sam Morgan" in page
    assert "Alex Morgan" in page
    assert "A hidden spam-trap field was filled in" in page
    assert reverse("intake:held-detail", kwargs={"held_id": held.pk}) in page
    detail = client.get(reverse("intake:held-detail", kwargs={"held_id": held.pk}))
    text = detail.content.decode()
    assert "14 March 2015" in text
    assert "Create case" in text
    assert "Dismiss as spam" in text


def test_staff_turn_a_held_referral_into_a_case(
    client_as: Any, staff: Any, held: HeldReferral, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = staff("coordinator")
    client = client_as(coordinator)
    sent_at = held.created_at
    url = reverse("intake:held-detail", kwargs={"held_id": held.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "create"})
    case = Case.objects.get()
    assert response["Location"] == reverse("casework:detail", kwargs={"case_id": case.pk})
    assert case.channel == "online"
    assert case.received_at == sent_at  # the clock counts from when the family sent it
    assert case.child_first_name == "Sam"
    held.refresh_from_db()
    assert held.status == "case_created"
    assert held.case == case
    assert held.reviewed_by == coordinator
    assert [m.to for m in mail.outbox] == [["alex.morgan@family.example"]]
    assert case.reference in mail.outbox[0].body
    # It has been dealt with: a second press makes no second case.
    again = client.post(url, {"action": "create"})
    assert again.status_code == 200
    assert "This held referral has already been dealt with." in again.content.decode()
    assert Case.objects.count() == 1
    listing = client.get(reverse("intake:held-list")).content.decode()
    assert "There are no held referrals to review." in listing
    assert case.reference in listing


def test_staff_dismiss_spam(client_as: Any, staff: Any, held: HeldReferral) -> None:
    client = client_as(staff("service_manager"))
    url = reverse("intake:held-detail", kwargs={"held_id": held.pk})
    response = client.post(url, {"action": "dismiss"})
    assert response["Location"] == reverse("intake:held-list")
    held.refresh_from_db()
    assert held.status == "dismissed"
    assert not Case.objects.exists()


def test_a_held_referral_that_is_not_complete_cannot_become_a_case(
    client_as: Any, staff: Any
) -> None:
    held = services.held_referral_create(
        answers={"who-are-you": {"who": ["parent_carer"]}, "child": {"child_first_name": ["X"]}},
        reason="honeypot",
        hashed_ip=services.ip_hash("192.0.2.50"),
    )
    assert held.service is None
    client = client_as(staff("coordinator"))
    url = reverse("intake:held-detail", kwargs={"held_id": held.pk})
    page = client.get(url).content.decode()
    assert "Answers as sent" in page
    assert "missing or not valid" in page
    assert 'value="create"' not in page
    response = client.post(url, {"action": "create"})
    assert response.status_code == 200
    assert "missing or not valid" in response.content.decode()
    assert not Case.objects.exists()


def test_the_staff_referral_page_points_to_held_referrals(
    client_as: Any, staff: Any, held: HeldReferral
) -> None:
    page = client_as(staff("coordinator")).get(reverse("intake:staff-new")).content.decode()
    assert "1 online referral is held by the spam checks." in page
    assert f'href="{reverse("intake:held-list")}"' in page


def test_a_held_referral_needs_a_decision(client_as: Any, staff: Any, held: HeldReferral) -> None:
    client = client_as(staff("coordinator"))
    url = reverse("intake:held-detail", kwargs={"held_id": held.pk})
    response = client.post(url, {"action": "something else"})
    assert response.status_code == 200
    assert "Choose to create a case or dismiss the referral." in response.content.decode()
    held.refresh_from_db()
    assert held.is_waiting
