"""The public "Do I need a mediation certificate?" tool."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from mediation.clock.presenters import IASS_FINDER_URL
from mediation.clock.tests.test_key_dates_views import error_summary_links, text_of, title_of
from mediation.rules import check_certificate

QUESTION = "/do-i-need-a-certificate/"
ANSWER = "/do-i-need-a-certificate/answer/"


def test_url_names_used_by_the_start_page() -> None:
    assert reverse("clock:certificate-checker") == QUESTION
    assert reverse("clock:certificate-answer") == ANSWER


def test_question_page_renders_for_anyone(client: Client) -> None:
    response = client.get(QUESTION)
    assert response.status_code == 200
    body = response.content.decode()
    text = text_of(response)
    assert title_of(response).startswith("Do I need a mediation certificate? - ")
    assert '<h1 class="govuk-heading-l">Do I need a mediation certificate?</h1>' in body
    assert "What do you disagree with? Select all that apply." in text
    for label in (
        "A decision not to carry out an EHC needs assessment",
        "A decision not to carry out a re-assessment",
        "A decision not to issue an EHC plan after an assessment",
        "The special educational needs or provision described in the plan (sections B and F)",
        "The school, college or other setting named in the plan (section I), or that none is named",
        "A decision not to change the plan after a review or re-assessment",
        "A decision to stop the plan (to cease to maintain it)",
        "The health or social care parts of the plan",
        "Something else, for example the support a school gives",
        "Disability discrimination by a school",
    ):
        assert label in text
    assert body.count('type="checkbox"') == 10
    assert "Does the child or young person have an education, health and care (EHC) plan?" in text
    assert "A statement of special educational needs" in text
    assert "Is the local authority in England?" in text
    assert "govuk-radios--inline" in body
    assert '<a href="/" class="govuk-back-link">' in body
    assert 'action="/do-i-need-a-certificate/"' in body
    assert "govuk-error-summary" not in body


def test_change_link_fills_the_answers_back_in(client: Client) -> None:
    body = client.get(
        QUESTION,
        {
            "matters": ["plan_placement", "plan_content"],
            "plan_status": "plan",
            "la_in_england": "yes",
        },
    ).content.decode()
    assert re.search(r'<input[^>]*value="plan_placement"[^>]*checked', body)
    assert re.search(r'<input[^>]*value="plan_content"[^>]*checked', body)
    assert not re.search(r'<input[^>]*value="refusal_to_assess"[^>]*checked', body)
    assert re.search(r'<input[^>]*name="plan_status"[^>]*value="plan"[^>]*checked', body)
    assert re.search(r'<input[^>]*name="la_in_england"[^>]*value="yes"[^>]*checked', body)


def test_valid_answers_redirect_to_a_shareable_answer(client: Client) -> None:
    response = client.post(
        QUESTION,
        {
            "matters": ["plan_content", "plan_placement"],
            "plan_status": "plan",
            "la_in_england": "yes",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"{ANSWER}?matters=plan_content&matters=plan_placement&plan_status=plan&la_in_england=yes"
    )


def test_no_answers_gives_an_error_for_each_question(client: Client) -> None:
    response = client.post(QUESTION, {})
    assert response.status_code == 200
    assert title_of(response).startswith("Error: Do I need a mediation certificate?")
    assert error_summary_links(response) == [
        ("#id_matters", "Select what you disagree with"),
        ("#id_plan_status", "Select whether the child or young person has an EHC plan"),
        ("#id_la_in_england", "Select yes if the local authority is in England"),
    ]
    body = response.content.decode()
    assert 'id="id_matters"' in body
    assert 'id="id_plan_status"' in body


@pytest.mark.parametrize(
    ("matters", "plan_status", "message"),
    [
        (
            ["plan_content"],
            "none",
            "You said there is no EHC plan, but 'The special educational needs or provision"
            " described in the plan (sections B and F)' is about a plan. Select 'Yes, an EHC"
            " plan' if there is one, or change what you disagree with",
        ),
        (
            ["refusal_to_assess", "plan_placement", "cease_to_maintain"],
            "assessment",
            "You said there is no EHC plan, but 'The school, college or other setting named in the"
            " plan (section I), or that none is named' and 'A decision to stop the plan (to cease"
            " to maintain it)' are about a plan. Select 'Yes, an EHC plan' if there is one, or"
            " change what you disagree with",
        ),
    ],
    ids=["one-plan-matter", "two-plan-matters"],
)
def test_plan_matters_without_a_plan_are_a_clear_form_error(
    client: Client, matters: list[str], plan_status: str, message: str
) -> None:
    data = {"matters": matters, "plan_status": plan_status, "la_in_england": "yes"}
    response = client.post(QUESTION, data)
    assert response.status_code == 200
    assert error_summary_links(response) == [("#id_plan_status", message)]
    body = response.content.decode()
    for matter in matters:  # what was ticked stays ticked
        assert re.search(rf'<input[^>]*type="checkbox" value="{matter}"[^>]*checked', body)
    # The same answers reached through a changed answer URL get the same message.
    assert error_summary_links(client.get(ANSWER, data)) == [("#id_plan_status", message)]


def test_a_changed_answer_url_with_an_unknown_choice_shows_the_question(client: Client) -> None:
    response = client.get(
        ANSWER, {"matters": "appeal_everything", "plan_status": "plan", "la_in_england": "yes"}
    )
    assert response.status_code == 200
    assert error_summary_links(response) == [
        ("#id_matters", "Select what you disagree with from the list")
    ]


def test_answer_without_answers_goes_to_the_question(client: Client) -> None:
    response = client.get(ANSWER)
    assert response.status_code == 302
    assert response["Location"] == QUESTION


# (matters, plan status, in England, heading, outcome)
OUTCOMES = [
    (
        ["refusal_to_assess"],
        "none",
        "yes",
        "You need a mediation certificate before you can appeal",
        "certificate_needed",
    ),
    (
        ["refusal_to_issue_plan"],
        "assessment",
        "yes",
        "You need a mediation certificate before you can appeal",
        "certificate_needed",
    ),
    (
        ["refusal_to_reassess"],
        "plan",
        "yes",
        "You need a mediation certificate before you can appeal",
        "certificate_needed",
    ),
    (
        ["plan_content", "plan_placement"],
        "plan",
        "yes",
        "You need a mediation certificate before you can appeal",
        "certificate_needed",
    ),
    (
        ["refusal_to_amend", "health_social_care"],
        "plan",
        "yes",
        "You need a mediation certificate before you can appeal",
        "certificate_needed",
    ),
    (
        ["cease_to_maintain"],
        "plan",
        "yes",
        "You need a mediation certificate before you can appeal",
        "certificate_needed",
    ),
    (
        ["plan_placement"],
        "plan",
        "yes",
        "You do not need a mediation certificate",
        "certificate_not_needed",
    ),
    (
        ["plan_content"],
        "legacy_statement",
        "yes",
        "You do not need a mediation certificate",
        "certificate_not_needed",
    ),
    (
        ["health_social_care"],
        "plan",
        "yes",
        "This cannot go to the Tribunal, but disagreement resolution can help",
        "disagreement_resolution",
    ),
    (
        ["other_disagreement"],
        "none",
        "yes",
        "This cannot go to the Tribunal, but disagreement resolution can help",
        "disagreement_resolution",
    ),
    (
        ["disability_discrimination"],
        "none",
        "yes",
        "You do not need a mediation certificate for a disability discrimination claim",
        "out_of_scope",
    ),
    (
        ["refusal_to_assess"],
        "none",
        "no",
        "This service covers England only",
        "out_of_scope",
    ),
]
OUTCOME_IDS = [
    "refusal-to-assess",
    "refusal-to-issue",
    "refusal-to-reassess",
    "content-and-placement",
    "refusal-to-amend-with-health",
    "cease",
    "section-i-only",
    "legacy-statement",
    "health-and-social-care-only",
    "something-else",
    "discrimination-only",
    "not-england",
]


@pytest.mark.parametrize(
    ("matters", "plan_status", "england", "heading", "outcome"), OUTCOMES, ids=OUTCOME_IDS
)
def test_each_kind_of_answer_gets_its_outcome_reasons_and_next_steps(
    client: Client,
    matters: list[str],
    plan_status: str,
    england: str,
    heading: str,
    outcome: str,
) -> None:
    response = client.get(
        ANSWER, {"matters": matters, "plan_status": plan_status, "la_in_england": england}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert title_of(response).startswith(heading + " - ")
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in body
    advice = check_certificate(matters, plan_status, la_in_england=england == "yes")
    assert advice.outcome == outcome
    # Every reason (each ending with its rule and our confidence) and every next step is shown.
    reasons = re.search(
        r'<ul class="govuk-list govuk-list--bullet" id="reasons">(.*?)</ul>', body, re.S
    )
    steps = re.search(
        r'<ol class="govuk-list govuk-list--number" id="next-steps">(.*?)</ol>', body, re.S
    )
    assert reasons
    assert steps
    shown_reasons = re.findall(r"<li>(.*?)</li>", reasons.group(1), re.S)
    shown_steps = re.findall(r"<li>(.*?)</li>", steps.group(1), re.S)
    assert [html.unescape(r) for r in shown_reasons] == list(advice.reasons)
    assert [html.unescape(s) for s in shown_steps] == list(advice.next_steps)
    text = text_of(response)
    assert "What VERIFIED, ATTESTED and UNCERTAIN mean" in text
    assert 'href="/contact/"' in body
    if england == "yes":
        assert f'href="{IASS_FINDER_URL}"' in body
        assert 'href="/key-dates/"' in body
        assert "What disagreement resolution is" in text
    else:
        assert IASS_FINDER_URL not in body
    # The answers, with a Change link back to the filled-in question.
    assert "Your answers" in text
    assert body.count('href="/do-i-need-a-certificate/?matters=') >= 4


def test_section_i_only_says_mediation_is_still_an_option(client: Client) -> None:
    text = text_of(
        client.get(
            ANSWER, {"matters": "plan_placement", "plan_status": "plan", "la_in_england": "yes"}
        )
    )
    assert "You can appeal straight to the Tribunal. You can still choose mediation" in text
    assert "(IPSEA; SEND35 appeal form question 12.2 (ATTESTED))" in text
    assert "give 'Section I only' as the reason you have no certificate" in text


def test_refusal_to_assess_cites_the_act_and_lists_what_to_do(client: Client) -> None:
    text = text_of(
        client.get(
            ANSWER, {"matters": "refusal_to_assess", "plan_status": "none", "la_in_england": "yes"}
        )
    )
    assert "You must contact a mediation adviser before you appeal." in text
    assert (
        "An appeal about a refusal to carry out an EHC needs assessment can go to the Tribunal"
        " (Children and Families Act 2014, s.51 (VERIFIED)), and only once you have a mediation"
        " certificate (Children and Families Act 2014, s.55 (ATTESTED))." in text
    )
    assert "Contact the mediation adviser named in the LA's decision letter within 2 months" in text
    assert "Appeal to the First-tier Tribunal (SEND)" in text
    assert (
        "Your answers What you disagree with A decision not to carry out an EHC needs assessment"
        in text
    )


@override_settings(ROOT_URLCONF="mediation.clock.tests.urls_with_intake")
def test_answer_links_to_the_online_referral_when_it_exists(client: Client) -> None:
    body = client.get(
        ANSWER, {"matters": "refusal_to_assess", "plan_status": "none", "la_in_england": "yes"}
    ).content.decode()
    assert (
        'href="/refer/">Ask for mediation information, mediation or disagreement resolution'
        " online</a>" in body
    )


@override_settings(ROOT_URLCONF="mediation.clock.tests.urls_without_intake")
def test_answer_has_no_referral_link_before_it_exists(client: Client) -> None:
    response = client.get(
        ANSWER, {"matters": "refusal_to_assess", "plan_status": "none", "la_in_england": "yes"}
    )
    assert response.status_code == 200
    assert "online" not in text_of(response)


@pytest.mark.parametrize(("method", "path"), [("put", QUESTION), ("post", ANSWER)])
def test_other_methods_are_not_allowed(client: Client, method: str, path: str) -> None:
    assert getattr(client, method)(path).status_code == 405
