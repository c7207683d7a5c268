"""Staff enter referrals that came by phone, email or letter."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mediation.cases.models import Case
from mediation.intake.tests.conftest import parent_answers, professional_answers

pytestmark = pytest.mark.django_db

URL = "/refer/staff/"


@pytest.fixture(autouse=True)
def _a_known_day(time_machine: Any) -> None:
    time_machine.move_to(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))


def staff_post(answers: dict[str, dict[str, Any]], **details: Any) -> dict[str, Any]:
    """The staff page's POST: every question page's answers under its own prefix."""
    data: dict[str, Any] = {
        "referral-channel": "phone",
        "referral-received_on-day": "20",
        "referral-received_on-month": "11",
        "referral-received_on-year": "2026",
    }
    data.update({f"referral-{key}": value for key, value in details.items()})
    for slug, page in answers.items():
        data.update({f"{slug}-{key}": value for key, value in page.items()})
    return data


def test_the_url_is_the_one_the_navigation_links_to() -> None:
    assert reverse("intake:staff-new") == URL


def test_anonymous_people_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("role", ["la_officer", "icb_officer", "school_contact", "mediator"])
def test_only_caseworkers_may_enter_referrals(client_as: Any, role: str, served_la: Any) -> None:
    client = client_as(role)
    assert client.get(URL).status_code == 403
    response = client.post(URL, staff_post(parent_answers(served_la)))
    assert response.status_code == 403
    assert not Case.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "mediation_adviser", "service_manager"])
def test_caseworkers_see_the_whole_referral_on_one_page(
    client_as: Any, staff: Any, role: str, served_la: Any
) -> None:
    page = client_as(staff(role)).get(URL).content.decode()
    for heading in (
        "How the referral arrived",
        "Who is referring",
        "The professional referring",
        "The child or young person",
        "The disagreement",
        "What the family wants",
        "Contact details",
    ):
        assert f">{heading}</h2>" in page
    assert 'name="referral-received_on-day" type="text" value="23"' in page
    assert 'name="referral-channel" type="radio" value="online"' not in page
    assert "Islington" in page


def test_a_phone_referral_makes_a_case_and_goes_to_it(
    client_as: Any, staff: Any, served_la: Any, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = staff("coordinator")
    client = client_as(coordinator)
    data = staff_post(
        parent_answers(served_la),
        safeguarding=["concern"],
        safeguarding_notes="Sam said he is frightened at home.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data)
    case = Case.objects.get()
    assert response["Location"] == reverse("casework:detail", kwargs={"case_id": case.pk})
    assert case.channel == "phone"
    assert case.received_at.date() == dt.date(2026, 11, 20)
    assert case.safeguarding_concern
    assert case.safeguarding_notes == "Sam said he is frightened at home."
    assert case.matters.count() == 2
    assert case.events.filter(kind="referral_received", actor=coordinator).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [f"Case {case.reference} created"]
    # The family gets the same confirmation as an online referral, with their key dates.
    assert mail.outbox[0].to == ["alex.morgan@family.example"]
    assert "Appeal deadline: Tuesday 1 December 2026" in mail.outbox[0].body


def test_the_professional_section_is_ignored_when_a_parent_rang(
    client_as: Any, staff: Any, served_la: Any
) -> None:
    client = client_as(staff("coordinator"))
    data = staff_post(parent_answers(served_la))
    data["your-details-referrer_email"] = "not an email"
    response = client.post(URL, data)
    assert response.status_code == 302
    assert not Case.objects.get().is_third_party


def test_a_professional_referral_needs_the_professionals_details(
    client_as: Any, staff: Any, served_la: Any
) -> None:
    client = client_as(staff("coordinator"))
    answers = professional_answers(served_la)
    answers["your-details"] = {"referrer_name": ""}
    response = client.post(URL, staff_post(answers))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: New referral" in page
    assert "Enter the referrer&#39;s full name" in page
    assert 'href="#id_your-details-referrer_name"' in page
    assert not Case.objects.exists()


def test_the_same_checks_as_online(client_as: Any, staff: Any, served_la: Any) -> None:
    client = client_as(staff("coordinator"))
    answers = parent_answers(served_la)
    answers["ehc-plan"] = {"ehc_status": "none"}  # yet the disagreement is about a plan
    answers["contact-details"] = {**answers["contact-details"], "applicant_email": "alex@"}
    response = client.post(URL, staff_post(answers, channel=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="govuk-error-summary"') == 1
    assert "Select how the referral arrived" in page
    assert "You told us there is not an EHC plan yet" in page
    assert "Enter an email address in the correct format, like name@example.com" in page
    # What was typed is still there.
    assert 'value="Sam"' in page
    assert not Case.objects.exists()


def test_a_possible_duplicate_is_shown_before_a_second_case_is_made(
    client_as: Any, staff: Any, served_la: Any, make_case: Any
) -> None:
    existing = make_case(child_first_name="Sam", child_last_name="Morgan")
    client = client_as(staff("coordinator"))
    response = client.post(URL, staff_post(parent_answers(served_la)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There may already be a case for this child or young person" in page
    assert reverse("casework:detail", kwargs={"case_id": existing.pk}) in page
    assert existing.reference in page
    assert Case.objects.count() == 1

    token = client.session["intake_staff_draft"]["token"]
    # Going back to change the answers shows them, already typed.
    back = client.get(f"{URL}?draft={token}").content.decode()
    assert 'value="Morgan"' in back
    assert 'value="Weekday mornings"' in back

    response = client.post(URL, {"create_anyway": token})
    new_case = Case.objects.exclude(pk=existing.pk).get()
    assert response["Location"] == reverse("casework:detail", kwargs={"case_id": new_case.pk})
    assert new_case.child_first_name == "Sam"
    assert "intake_staff_draft" not in client.session


def test_a_closed_case_is_not_a_duplicate(
    client_as: Any, staff: Any, served_la: Any, make_case: Any
) -> None:
    existing = make_case(child_first_name="Sam", child_last_name="Morgan")
    existing.stage = "closed"
    existing.save()
    client = client_as(staff("coordinator"))
    response = client.post(URL, staff_post(parent_answers(served_la)))
    assert response.status_code == 302
    assert Case.objects.count() == 2


def test_create_anyway_with_an_old_token_asks_again(client_as: Any, staff: Any) -> None:
    client = client_as(staff("coordinator"))
    response = client.post(URL, {"create_anyway": "stale"})
    assert response["Location"] == URL
    assert not Case.objects.exists()
