"""The online referral: question pages, answers kept in the session, check answers, sending."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mediation.cases.models import Case
from mediation.intake.tests.conftest import parent_answers, professional_answers, step_url
from mediation.notifications.models import OutboundEmail
from tests.factories.organisations import LocalAuthorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _a_known_day(time_machine: Any) -> None:
    # A fixed day, so the key dates in pages and e-mails are known.
    time_machine.move_to(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))


def html(response: Any) -> str:
    return response.content.decode()


def test_the_start_page_links_to_the_first_question(client: Client) -> None:
    start = client.get(reverse("pages:start"))
    assert f'href="{reverse("intake:start")}"' in html(start)
    first = client.get(reverse("intake:start"))
    assert first.status_code == 200
    page = html(first)
    assert "Who are you?" in page
    assert 'class="govuk-back-link"' in page
    assert f'href="{reverse("pages:start")}"' in page


def test_an_error_shows_the_summary_and_keeps_what_was_typed(
    client: Client, served_la: Any
) -> None:
    client.post(step_url("who-are-you"), {"who": "parent_carer"})
    response = client.post(
        step_url("child"),
        {
            "child_first_name": "Sam",
            "child_last_name": "",
            "child_date_of_birth-day": "14",
            "child_date_of_birth-month": "",
            "child_date_of_birth-year": "2015",
        },
    )
    assert response.status_code == 200
    page = html(response)
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert "Enter their last name" in page
    assert "Their date of birth must include a month" in page
    assert 'value="Sam"' in page
    # Typed answers are kept even though the page was not valid: going back and forth loses
    # nothing.
    client.get(step_url("who-are-you"))
    again = html(client.get(step_url("child")))
    assert 'value="Sam"' in again
    assert 'value="14"' in again
    assert "There is a problem" not in again


def test_only_the_pages_own_answers_are_kept(client: Client) -> None:
    client.post(step_url("who-are-you"), {"who": "parent_carer", "evil": "x" * 100})
    assert client.session["intake_answers"] == {"who-are-you": {"who": ["parent_carer"]}}


def test_going_back_shows_the_answers_given(client: Client, served_la: Any, walk: Any) -> None:
    answers = parent_answers(served_la)
    walk(client, {k: answers[k] for k in ("who-are-you", "child", "local-authority")})
    page = html(client.get(step_url("child")))
    assert 'value="Morgan"' in page
    assert 'value="Northbrook Primary School"' in page
    assert f'href="{step_url("who-are-you")}"' in page  # the back link
    who = html(client.get(step_url("who-are-you")))
    assert 'value="parent_carer" checked' in who
    la = html(client.get(step_url("local-authority")))
    assert f'value="{served_la.pk}" selected' in la


def test_pages_cannot_be_skipped(client: Client, served_la: Any) -> None:
    client.post(step_url("who-are-you"), {"who": "parent_carer"})
    response = client.get(step_url("decision-letter"))
    assert response.status_code == 302
    assert response["Location"] == step_url("child")
    assert client.get(reverse("intake:check"))["Location"] == step_url("child")


def test_professional_pages_only_for_professionals(client: Client, served_la: Any) -> None:
    response = client.post(step_url("who-are-you"), {"who": "parent_carer"})
    assert response["Location"] == step_url("child")
    assert client.get(step_url("your-details"))["Location"] == step_url("child")
    response = client.post(step_url("who-are-you"), {"who": "professional"})
    assert response["Location"] == step_url("your-details")


def test_an_unknown_question_is_not_found(client: Client) -> None:
    assert client.get(step_url("favourite-colour")).status_code == 404


def test_local_authorities_listed_are_the_ones_we_serve(client: Client, served_la: Any) -> None:
    LocalAuthorityFactory.create(name="Cornwall")
    LocalAuthorityFactory.create(name="Aardvark (no longer exists)", valid_to=dt.date(2020, 3, 31))
    client.post(step_url("who-are-you"), {"who": "parent_carer"})
    client.post(step_url("child"), parent_answers(served_la)["child"])
    page = html(client.get(step_url("local-authority")))
    assert "Islington" in page
    assert "Cornwall" not in page
    assert "Aardvark" not in page


def test_check_answers_lists_every_answer_with_a_change_link(
    client: Client, served_la: Any, walk: Any
) -> None:
    walk(client, parent_answers(served_la))
    page = html(client.get(reverse("intake:check")))
    for text in (
        "A parent or carer",
        "Sam Morgan",
        "14 March 2015",
        "Islington",
        "Yes, they have an EHC plan",
        "The needs or provision in the plan (sections B and F), also involving health",
        "The school or setting named in the plan",
        "1 October 2026",
        "Mediation",
        "An interpreter: Polish",
        "alex.morgan@family.example",
        "Weekday mornings",
    ):
        assert text in page, text
    for slug in ("child", "local-authority", "ehc-plan", "decision-letter", "contact-details"):
        assert f'href="{step_url(slug)}?change=1"' in page
    assert 'Change<span class="govuk-visually-hidden"> date of birth</span>' in page
    assert "Send referral" in page


def test_a_change_returns_to_check_answers(client: Client, served_la: Any, walk: Any) -> None:
    walk(client, parent_answers(served_la))
    change = client.get(step_url("what-you-want") + "?change=1")
    assert f'href="{reverse("intake:check")}"' in html(change)  # back goes to check answers
    response = client.post(step_url("what-you-want") + "?change=1", {"wants": "certificate"})
    assert response["Location"] == reverse("intake:check")
    assert "Information about mediation, and a mediation certificate" in html(
        client.get(reverse("intake:check"))
    )


def test_a_change_that_needs_more_answers_asks_for_them_first(
    client: Client, served_la: Any, walk: Any
) -> None:
    answers = professional_answers(served_la, consent="yes")
    walk(client, parent_answers(served_la))
    response = client.post(step_url("who-are-you") + "?change=1", {"who": "professional"})
    assert response["Location"] == step_url("your-details") + "?change=1"
    response = client.post(response["Location"], answers["your-details"])
    assert response["Location"] == step_url("the-family") + "?change=1"
    response = client.post(response["Location"], answers["the-family"])
    assert response["Location"] == reverse("intake:check")


def test_a_change_that_invalidates_a_later_answer_goes_back_to_it(
    client: Client, served_la: Any, walk: Any
) -> None:
    walk(client, parent_answers(served_la))
    # The disagreement is about the plan, so "no plan" makes that answer wrong.
    response = client.post(step_url("ehc-plan") + "?change=1", {"ehc_status": "none"})
    assert response["Location"] == step_url("disagreement") + "?change=1"
    page = html(client.get(response["Location"]))
    assert 'name="decisions" type="checkbox" value="plan_content" checked' in page


def send(client: Client, capture: Any, **extra: Any) -> Any:
    with capture(execute=True):
        return client.post(reverse("intake:check"), **extra)


def test_a_parents_referral_makes_one_case_and_confirms_by_email(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    walk(client, parent_answers(served_la))
    response = send(client, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("intake:confirmation")

    case = Case.objects.get()
    assert case.reference == "LDN-2026-00001"
    assert case.channel == "online"
    assert case.stage == "new"
    assert case.applicant_role == "parent_carer"
    assert case.applicant_name == "Alex Morgan"
    assert case.applicant_relationship == "Mother"
    assert case.contact_method == "email"
    assert case.contact_times == "Weekday mornings"
    assert (case.child_first_name, case.child_last_name) == ("Sam", "Morgan")
    assert case.child_date_of_birth == dt.date(2015, 3, 14)
    assert case.child_setting == "Northbrook Primary School"
    assert case.local_authority == served_la
    assert case.ehc_status == "plan"
    assert case.decision_date == dt.date(2026, 10, 1)
    assert case.wants == "mediation"
    assert case.interpreter_language == "Polish"
    assert not case.is_third_party
    matters = {m.decision: m for m in case.matters.all()}
    assert set(matters) == {"plan_content", "plan_placement"}
    assert matters["plan_content"].section_list == ["B", "F"]
    assert matters["plan_content"].involves_health
    assert not matters["plan_content"].involves_social_care
    assert matters["plan_placement"].section_list == ["I"]

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alex.morgan@family.example"]
    assert "LDN-2026-00001" in message.subject
    assert "LDN-2026-00001" in message.body
    assert "Contact a mediation adviser by: Tuesday 1 December 2026" in message.body
    assert "Appeal deadline: Tuesday 1 December 2026" in message.body
    assert "2 months after the decision notice was sent on 1 October 2026" in message.body

    # The answers are gone from the session; the confirmation survives a refresh.
    assert "intake_answers" not in client.session
    for _ in range(2):
        page = html(client.get(reverse("intake:confirmation")))
        assert "LDN-2026-00001" in page
        assert "Tuesday 1 December 2026" in page
        assert "You have now done this by sending your referral." in page
        assert "usually within 2 working days" in page
        assert "within 3 working days" in page
        assert f'href="{reverse("pages:contact")}"' in page


def test_the_confirmation_is_only_for_whoever_sent_it(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    walk(client, parent_answers(served_la))
    send(client, django_capture_on_commit_callbacks)
    stranger = Client()
    response = stranger.get(reverse("intake:confirmation"))
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:start")


def test_sending_twice_makes_one_case(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    walk(client, parent_answers(served_la))
    send(client, django_capture_on_commit_callbacks)
    again = send(client, django_capture_on_commit_callbacks)
    assert again["Location"] == reverse("intake:confirmation")
    assert Case.objects.count() == 1


def test_a_local_authority_we_stopped_serving_sends_them_back_to_choose(
    client: Client, served_la: Any, service: Any, walk: Any
) -> None:
    walk(client, parent_answers(served_la))
    service.local_authorities.remove(served_la)
    response = client.post(reverse("intake:check"))
    assert response["Location"] == step_url("local-authority")
    assert not Case.objects.exists()


def test_a_professional_referral_without_the_familys_agreement_waits_for_it(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    walk(client, professional_answers(served_la, consent="not_yet"))
    send(client, django_capture_on_commit_callbacks)
    case = Case.objects.get()
    assert case.stage == "awaiting_consent"
    assert case.is_third_party
    assert case.referrer_name == "Jo Patel"
    assert case.referrer_organisation == "Islington SENDIASS"
    assert case.referrer_email == "jo.patel@sendiass.example"
    assert case.applicant_role == "parent_carer"
    assert not case.consents.exists()

    sent = {tuple(m.to): m for m in mail.outbox}
    assert set(sent) == {("jo.patel@sendiass.example",), ("alex.morgan@family.example",)}
    referrer = sent[("jo.patel@sendiass.example",)]
    assert case.reference in referrer.body
    assert "not yet agreed" in referrer.body
    # The referrer is a third party: no family details or key dates.
    assert "Sam" not in referrer.body
    assert "December 2026" not in referrer.body
    family = sent[("alex.morgan@family.example",)]
    assert "Jo Patel" in family.body
    assert "We will not do anything else until you tell us you agree" in family.body
    # The family's own dates go to the family.
    assert "the Tribunal must receive an appeal by Tuesday 1 December 2026" in family.body
    assert case.reference in family.body
    templates = set(OutboundEmail.objects.values_list("template", flat=True))
    assert templates == {"referral_received_referrer", "referral_permission"}

    page = html(client.get(reverse("intake:confirmation")))
    assert "We will contact the family to ask their permission" in page
    assert "The family&#39;s key dates" in page
    assert "jo.patel@sendiass.example" in page


def test_a_professional_referral_with_the_familys_agreement_records_it(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    walk(client, professional_answers(served_la, consent="yes"))
    send(client, django_capture_on_commit_callbacks)
    case = Case.objects.get()
    assert case.stage == "new"
    consent = case.consents.get()
    assert consent.kind == "third_party_referral"
    assert consent.given
    templates = set(OutboundEmail.objects.values_list("template", flat=True))
    assert templates == {"referral_received_referrer", "referral_received"}
    family = next(m for m in mail.outbox if m.to == ["alex.morgan@family.example"])
    assert "Jo Patel from Islington SENDIASS has sent us a referral about Sam" in family.body
    assert "Appeal deadline: Tuesday 1 December 2026" in family.body


def test_a_young_person_refers_themselves(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    answers = parent_answers(served_la)
    answers["who-are-you"] = {"who": "young_person"}
    answers["child"].update({"child_first_name": "Riley", "child_date_of_birth-year": "2008"})
    answers["contact-details"] = {
        "applicant_name": "Riley Morgan",
        "applicant_phone": "07700 900456",
        "contact_method": "text",
    }
    client.post(step_url("who-are-you"), answers["who-are-you"])
    assert "About you" in html(client.get(step_url("child")))
    walk(client, answers)
    assert "About you" in html(client.get(reverse("intake:check")))
    send(client, django_capture_on_commit_callbacks)
    case = Case.objects.get()
    assert case.applicant_role == "young_person"
    assert case.applicant_relationship == ""
    assert case.contact_method == "text"
    # No e-mail address, so nothing to send: the adviser texts or calls.
    assert mail.outbox == []


def test_a_disagreement_with_a_school_needs_no_decision_letter(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    answers = parent_answers(served_la)
    answers["ehc-plan"] = {"ehc_status": "none"}
    answers["disagreement"] = {"decisions": ["other_disagreement"]}
    answers["decision-letter"] = {"no_letter": "true"}
    answers["what-you-want"] = {"wants": "disagreement_resolution"}
    answers["help-to-take-part"] = {"support": ["none"]}
    walk(client, answers)
    send(client, django_capture_on_commit_callbacks)
    case = Case.objects.get()
    assert case.decision_date is None
    assert case.proposed_route == "disagreement_resolution"
    assert "We cannot work out your key dates" in mail.outbox[0].body
    page = html(client.get(reverse("intake:confirmation")))
    assert "We cannot work out key dates" in page


def test_someone_who_wants_letters_is_asked_their_address(
    client: Client, served_la: Any, walk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    answers = parent_answers(served_la)
    answers["contact-details"] = {
        **answers["contact-details"],
        "applicant_email": "",
        "contact_method": "letter",
    }
    answers.pop("address", None)
    walk(client, answers)
    assert client.get(reverse("intake:check"))["Location"] == step_url("address")
    response = client.post(
        step_url("address"),
        {"applicant_address": "1 High Street\nLondon", "applicant_postcode": "n1 1aa"},
    )
    assert response["Location"] == reverse("intake:check")
    page = html(client.get(reverse("intake:check")))
    assert "1 High Street<br>London<br>N1 1AA" in page
    send(client, django_capture_on_commit_callbacks)
    case = Case.objects.get()
    assert case.contact_method == "letter"
    assert case.applicant_address == "1 High Street\nLondon"
    assert case.applicant_postcode == "N1 1AA"
