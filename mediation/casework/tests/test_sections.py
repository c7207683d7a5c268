"""The case in sections: each its own page under the case, with the same header, sub-navigation
and next step, asking only for what it shows.

The parties and preparation sections are those apps' own pages (cases:parties,
preparation:overview); their anonymous, forbidden and not-found tests are with them.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import TYPE_CHECKING, Any

import pytest
from django.urls import reverse

from mediation.cases import services as case_services
from mediation.cases.presenters import CASE_SECTIONS
from mediation.core.formatting import weekday_date
from tests.factories.cases import (
    CallBookedCaseFactory,
    DisagreementResolutionCaseFactory,
)

if TYPE_CHECKING:
    from mediation.cases.models import Case

pytestmark = pytest.mark.django_db

# The sections this app composes (the others are the parties' and preparation's own pages).
SECTIONS = [
    "casework:detail",
    "casework:meetings",
    "casework:agreement",
    "casework:certificates",
    "casework:documents",
    "casework:timeline",
]


def _url(name: str, case: Case | uuid.UUID) -> str:
    return reverse(name, kwargs={"case_id": getattr(case, "pk", case)})


# ---------------------------------------------------------------------------------------------
# Anonymous, forbidden, not found
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SECTIONS)
def test_sections_send_anonymous_visitors_to_sign_in(
    client: Any, make_case: Any, name: str
) -> None:
    response = client.get(_url(name, make_case()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", SECTIONS)
@pytest.mark.parametrize("role", ["la_officer", "icb_officer", "school_contact"])
def test_sections_are_forbidden_to_partners(
    client_as: Any, make_case: Any, name: str, role: str
) -> None:
    assert client_as(role).get(_url(name, make_case())).status_code == 403


@pytest.mark.parametrize("name", SECTIONS)
def test_sections_are_forbidden_to_staff_of_another_service(
    client_as: Any, make_case: Any, name: str
) -> None:
    """A coordinator who works only in another service cannot open this service's cases."""
    assert client_as("coordinator").get(_url(name, make_case())).status_code == 403


@pytest.mark.parametrize("name", SECTIONS)
def test_sections_404_for_an_unknown_case(client_as: Any, staff: Any, name: str) -> None:
    assert client_as(staff("coordinator")).get(_url(name, uuid.uuid4())).status_code == 404


@pytest.mark.parametrize("name", SECTIONS)
def test_sections_only_show(client_as: Any, staff: Any, make_case: Any, name: str) -> None:
    assert client_as(staff()).post(_url(name, make_case())).status_code == 405


# ---------------------------------------------------------------------------------------------
# The same top on every section
# ---------------------------------------------------------------------------------------------

NAV_LINK = re.compile(r'<a class="moj-sub-navigation__link"( aria-current="page")? href="([^"]+)"')


@pytest.mark.parametrize(("key", "label", "name"), CASE_SECTIONS)
def test_every_section_has_the_case_header_sub_navigation_and_next_step(
    client_as: Any, staff: Any, make_case: Any, key: str, label: str, name: str
) -> None:
    case = make_case(safeguarding_concern=True, safeguarding_notes="Kept to the caseworker")
    response = client_as(staff()).get(_url(name, case))
    assert response.status_code == 200
    html = response.content.decode()
    assert case.reference in html
    assert "Sam Morgan" in html
    assert "New referral" in html  # the stage
    assert "Safeguarding concern" in html  # the flag, everywhere
    assert 'id="next-step"' in html
    assert "Confirm the route" in html
    links = NAV_LINK.findall(html)
    assert [href for _, href in links] == [_url(n, case) for _, _, n in CASE_SECTIONS]
    assert [href for current, href in links if current] == [_url(name, case)]
    assert html.count('aria-current="page"') == 1


def test_the_overview_heading_is_the_childs_name_and_a_section_heading_its_own(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    case = make_case()
    client = client_as(staff())
    overview = client.get(_url("casework:detail", case)).content.decode()
    assert '<h1 class="govuk-heading-l govuk-!-margin-bottom-3">Sam Morgan</h1>' in overview
    assert f"{case.reference} · London service" in overview
    timeline = client.get(_url("casework:timeline", case)).content.decode()
    assert '<h1 class="govuk-heading-l govuk-!-margin-bottom-3">Timeline</h1>' in timeline
    assert f"{case.reference} · Sam Morgan" in timeline
    assert f"<title>Timeline: {case.reference}" in timeline


def test_a_next_step_that_leads_to_the_page_on_screen_is_not_a_button(
    client_as: Any, staff: Any, served_la: Any
) -> None:
    """Disagreement resolution waits for the parties' answers: the step is the parties page."""
    case = DisagreementResolutionCaseFactory.create(local_authority=served_la)
    client = client_as(staff())
    parties = _url("cases:parties", case)
    overview = client.get(_url("casework:detail", case)).content.decode()
    assert f'href="{parties}" role="button"' in overview
    html = client.get(parties).content.decode()
    assert f'href="{parties}" role="button"' not in html
    assert "Parties and their answers</p>" in html
    assert "Waiting for the other parties." in html


# ---------------------------------------------------------------------------------------------
# Few queries each
# ---------------------------------------------------------------------------------------------


# The most queries each section may make (the session, the user and the user's services are
# about 4 of them), with a case that has something in every section.
MAX_QUERIES = {
    "casework:detail": 22,
    "cases:parties": 22,
    "preparation:overview": 22,
    "casework:meetings": 20,
    "casework:agreement": 24,
    "casework:certificates": 16,
    "casework:documents": 20,
    "casework:timeline": 16,
}


@pytest.mark.parametrize(("key", "label", "name"), CASE_SECTIONS)
def test_each_section_makes_few_queries(
    client_as: Any,
    staff: Any,
    whole_case: Case,
    django_assert_max_num_queries: Any,
    key: str,
    label: str,
    name: str,
) -> None:
    client = client_as(staff())
    url = _url(name, whole_case)
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200


# ---------------------------------------------------------------------------------------------
# What each section shows
# ---------------------------------------------------------------------------------------------


def test_the_overview_keeps_the_case_at_a_glance(
    client_as: Any, staff: Any, served_la: Any
) -> None:
    holder = staff()
    case = CallBookedCaseFactory.create(
        local_authority=served_la,
        safeguarding_concern=True,
        safeguarding_notes="Dad must not be told the address.",
        interpreter_language="Polish",
    )
    case_services.case_assign(case=case, assignee=holder, actor=holder)
    html = client_as(holder).get(_url("casework:detail", case)).content.decode()
    for text in (
        "Key dates",  # the statutory dates
        "Appeal to the Tribunal",
        "Alex Morgan (Parent or carer, Mother)",  # the family
        "alex.morgan@family.example",
        "The council refused to assess Sam&#39;s needs.",  # the disagreement
        "Refusal to carry out an EHC needs assessment",
        "Interpreter: Polish",  # help to take part
        "Mediator: none yet",  # the mediator
        "Dad must not be told the address.",  # safeguarding, for the caseworker holding it
        "Permissions",
        "Call booked for",  # the next step
    ):
        assert text in html, text
    # What other sections hold is not repeated here.
    assert "moj-timeline" not in html
    assert "No meeting arranged yet" not in html


def test_no_change_links_until_the_change_pages_exist(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    html = client_as(staff()).get(_url("casework:detail", make_case())).content.decode()
    assert "/change/" not in html
    assert '>Change<span class="govuk-visually-hidden"> route</span>' in html


CHANGE_SECTIONS = {
    "applicant": "applicant",
    "contact": "email",
    "referrer": "who referred the family",
    "child": "child or young person",
    "local-authority": "local authority",
    "ehc-status": "EHC plan",
    "decision": "date of the decision letter",
    "matters": "what the disagreement is about",
    "wants": "what the family wants",
    "adjustments": "help to take part",
}


@pytest.mark.urls("mediation.casework.tests.urls_with_change_pages")
def test_each_correctable_row_links_to_its_change_page_once_there_is_one(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    case = make_case(is_third_party=True, referrer_name="Kim Lee", referrer_role="Adviser")
    html = client_as(staff()).get(_url("casework:detail", case)).content.decode()
    for section, hidden in CHANGE_SECTIONS.items():
        href = reverse("cases:change", kwargs={"case_id": case.pk, "section": section})
        hidden_text = f'<span class="govuk-visually-hidden"> {hidden}</span>'
        assert f'<a class="govuk-link" href="{href}">Change{hidden_text}</a>' in html, section


@pytest.mark.urls("mediation.casework.tests.urls_with_change_pages")
def test_no_change_links_for_those_who_may_not_change_the_case(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    html = client_as(staff("mediator")).get(_url("casework:detail", make_case())).content.decode()
    assert "/change/" not in html


def test_the_meetings_section_shows_the_calls_and_the_meeting(
    client_as: Any, staff: Any, served_la: Any, whole_case: Case
) -> None:
    client = client_as(staff())
    adviser = staff("mediation_adviser", full_name="Tom Okafor")
    booked = CallBookedCaseFactory.create(local_authority=served_la, adviser=adviser)
    html = client.get(_url("casework:meetings", booked)).content.decode()
    assert "Calls and meetings</h1>" in html
    assert "Booked, phone call with Tom Okafor" in html
    assert "Call booked for" in html  # the next step
    html = client.get(_url("casework:meetings", whole_case)).content.decode()
    assert "No call booked yet." in html
    assert "Meeting</h2>" in html
    concluded = weekday_date(whole_case.mediation_concluded_on)
    assert f"Mediation concluded on {concluded}." in html
    meeting = whole_case.meetings.get()
    assert reverse("meetings:detail", kwargs={"meeting_id": meeting.pk}) in html


def test_the_agreement_section_summarises_and_links_to_the_agreement(
    client_as: Any, staff: Any, whole_case: Case
) -> None:
    html = client_as(staff()).get(_url("casework:agreement", whole_case)).content.decode()
    assert "Outcome and agreement</h1>" in html
    assert "Outcome and agreement</h2>" not in html  # its heading is the page's
    assert "Partial agreement" in html
    assert "Final" in html
    assert "Agreed actions and due dates" in html
    assert _url("agreements:builder", whole_case) in html


def test_the_certificates_section_lists_each_certificate(
    client_as: Any, staff: Any, whole_case: Case
) -> None:
    html = client_as(staff()).get(_url("casework:certificates", whole_case)).content.decode()
    certificate = whole_case.certificates.get()
    assert certificate.number in html
    assert reverse("certificates:detail", kwargs={"certificate_id": certificate.pk}) in html
    assert "Mediation took place" in html or certificate.get_kind_display() in html
    assert "Issued" in html


def test_the_documents_section_opens_each_document_through_its_own_view(
    client_as: Any, staff: Any, whole_case: Case
) -> None:
    client = client_as(staff())
    html = client.get(_url("casework:documents", whole_case)).content.decode()
    certificate = whole_case.certificates.get()
    expected = {
        f"Certificate {certificate.number}": reverse(
            "certificates:pdf", kwargs={"certificate_id": certificate.pk}
        ),
        "Written agreement": _url("agreements:pdf", whole_case),
        "Case summary from The family": None,
        "Case summary from Islington": None,
        "bus.pdf": None,
    }
    for title, href in expected.items():
        assert title in html, title
        if href:
            assert f'href="{href}"' in html, title
    summary = whole_case.summaries.get(party__kind="local_authority")
    assert reverse("preparation:summary-file", kwargs={"summary_id": summary.pk}) in html
    hrefs = re.findall(r'<a class="govuk-link[^"]*" href="(/[^"]+)">', html)
    documents = [h for h in hrefs if h.startswith(("/certificates/", "/cases/"))]
    assert len(documents) == 6  # a certificate, the agreement, 2 summaries, a file, a receipt
    for href in documents:
        assert client.get(href).status_code == 200, href


def test_no_documents_yet(client_as: Any, staff: Any, make_case: Any) -> None:
    html = client_as(staff()).get(_url("casework:documents", make_case())).content.decode()
    assert "No documents yet." in html


def test_the_timeline_section_lists_what_happened(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    case = make_case(decision_date=dt.date(2026, 10, 1))
    html = client_as(staff()).get(_url("casework:timeline", case)).content.decode()
    assert "moj-timeline" in html
    assert "Referral received (online referral)" in html
