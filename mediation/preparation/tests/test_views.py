"""The preparation pages: who may open them, what they show, and what they record.

Every view is tested for anonymous visitors (sent to sign in), the forbidden (403) and the missing
(404). A summary is also tested over HTTP against partner users of this and other organisations.
"""

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mediation.preparation.models import CaseSummary, ChildViews, IntroContact
from mediation.preparation.tests.conftest import (
    EXE_BYTES,
    MediationCase,
    docx_bytes,
    pdf_bytes,
    upload,
)

pytestmark = pytest.mark.django_db

CASE_VIEWS = [
    "preparation:overview",
    "preparation:intro-contact",
    "preparation:summary-add",
    "preparation:child-views",
    "preparation:exchange",
]
SUMMARY_VIEWS = ["preparation:summary", "preparation:summary-file", "preparation:summary-withdraw"]


def _case_url(name: str, case: Any) -> str:
    return reverse(name, kwargs={"case_id": case.pk})


def _summary_url(name: str, summary: Any) -> str:
    return reverse(name, kwargs={"summary_id": summary.pk})


def _today_parts(prefix: str) -> dict[str, str]:
    today = timezone.localdate()
    return {
        f"{prefix}-day": str(today.day),
        f"{prefix}-month": str(today.month),
        f"{prefix}-year": str(today.year),
    }


# ---------------------------------------------------------------------------------------------
# Anonymous, forbidden, not found
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_send_anonymous_visitors_to_sign_in(
    client: Any, mediation_case: MediationCase, name: str
) -> None:
    response = client.get(_case_url(name, mediation_case.case))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_are_forbidden_to_the_cases_own_partners(
    client_as: Any, mediation_case: MediationCase, name: str
) -> None:
    url = _case_url(name, mediation_case.case)
    assert client_as(mediation_case.la_officer).get(url).status_code == 403
    assert client_as(mediation_case.school_contact).get(url).status_code == 403


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_are_forbidden_to_staff_of_another_service(
    client_as: Any, mediation_case: MediationCase, name: str
) -> None:
    assert client_as("mediator").get(_case_url(name, mediation_case.case)).status_code == 403


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_404_for_an_unknown_case(
    client_as: Any, mediation_case: MediationCase, name: str
) -> None:
    url = reverse(name, kwargs={"case_id": uuid.uuid4()})
    assert client_as(mediation_case.coordinator).get(url).status_code == 404


@pytest.mark.parametrize("name", CASE_VIEWS[1:])
def test_advisers_see_the_preparation_but_do_not_do_it(
    client_as: Any, mediation_case: MediationCase, staff: Callable[..., Any], name: str
) -> None:
    adviser = staff("mediation_adviser")
    client = client_as(adviser)
    assert client.get(_case_url("preparation:overview", mediation_case.case)).status_code == 200
    assert client.get(_case_url(name, mediation_case.case)).status_code == 403


@pytest.mark.parametrize("name", SUMMARY_VIEWS)
def test_summary_views_send_anonymous_visitors_to_sign_in(
    client: Any, mediation_case: MediationCase, submit: Callable[..., Any], name: str
) -> None:
    summary = submit(mediation_case.case, mediation_case.la, upload=upload("a.pdf", pdf_bytes()))
    response = client.get(_summary_url(name, summary))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", SUMMARY_VIEWS)
def test_summary_views_404_for_an_unknown_summary(
    client_as: Any, mediation_case: MediationCase, name: str
) -> None:
    url = reverse(name, kwargs={"summary_id": uuid.uuid4()})
    assert client_as(mediation_case.coordinator).get(url).status_code == 404
    assert client_as(mediation_case.la_officer).get(url).status_code == 404


@pytest.mark.parametrize("name", SUMMARY_VIEWS)
def test_an_la_officer_cannot_open_the_familys_mediator_only_summary(
    client_as: Any,
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    share_with: Callable[..., Any],
    name: str,
) -> None:
    m = mediation_case
    share_with(m.la)  # even with the family's permission to share with the LA
    private = submit(
        m.case,
        m.family,
        "mediator_only",
        text="What we could live with.",
        upload=upload("Private notes.pdf", pdf_bytes()),
    )
    response = client_as(m.la_officer).get(_summary_url(name, private))
    assert response.status_code == 403
    assert b"What we could live with" not in response.content


@pytest.mark.parametrize("name", SUMMARY_VIEWS)
def test_partners_of_another_case_cannot_open_any_of_its_summaries(
    client_as: Any,
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    share_with: Callable[..., Any],
    other_case: Any,
    make_user: Callable[..., Any],
    name: str,
) -> None:
    m = mediation_case
    share_with(m.la)
    share_with(m.school)
    shared = submit(m.case, m.la, "shared", upload=upload("LA.pdf", pdf_bytes()))
    for user in (
        make_user("school_contact", organisation=other_case.other_school),
        make_user("la_officer", organisation=other_case.other_la),
        make_user("icb_officer"),
    ):
        assert client_as(user).get(_summary_url(name, shared)).status_code == 403


def test_a_partner_reads_a_shared_summary_only_after_the_familys_permission(
    client_as: Any,
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    share_with: Callable[..., Any],
) -> None:
    m = mediation_case
    content = docx_bytes("The family's view")
    shared = submit(
        m.case,
        m.family,
        "shared",
        text="Sam needs more help in class.",
        upload=upload("Family view.docx", content),
    )
    client = client_as(m.school_contact)
    assert client.get(_summary_url("preparation:summary", shared)).status_code == 403
    assert client.get(_summary_url("preparation:summary-file", shared)).status_code == 403

    share_with(m.school)
    page = client.get(_summary_url("preparation:summary", shared))
    assert page.status_code == 200
    assert b"Sam needs more help in class." in page.content
    # A partner is not shown the child's full name on the page.
    assert b"Sam Morgan" not in page.content
    assert reverse("portal:case", kwargs={"case_id": m.case.pk}).encode() in page.content
    # It cannot withdraw another party's summary.
    assert client.get(_summary_url("preparation:summary-withdraw", shared)).status_code == 403

    file = client.get(_summary_url("preparation:summary-file", shared))
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == content
    assert file["Content-Type"].endswith("wordprocessingml.document")
    assert 'attachment; filename="Family view.docx"' in file["Content-Disposition"]
    assert file["Cache-Control"] == "private, no-store"
    assert file["X-Content-Type-Options"] == "nosniff"


def test_a_summary_without_a_file_has_no_download(
    client_as: Any, mediation_case: MediationCase, submit: Callable[..., Any]
) -> None:
    summary = submit(mediation_case.case, mediation_case.family)
    url = _summary_url("preparation:summary-file", summary)
    assert client_as(mediation_case.coordinator).get(url).status_code == 404


# ---------------------------------------------------------------------------------------------
# The overview
# ---------------------------------------------------------------------------------------------


def test_the_overview_lists_each_party_and_what_is_missing(
    client_as: Any,
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    share_with: Callable[..., Any],
) -> None:
    m = mediation_case
    share_with(m.la)
    submit(m.case, m.family, "mediator_only", submitted_by_name="Alex Morgan")
    page = client_as(m.mediator).get(_case_url("preparation:overview", m.case))
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "Preparing for the meeting",
        "The family",
        "Islington",
        "Northbrook Primary School",
        "Not asked",
        "Given",
        "Not named",
        "Case summary from The family",
        "Mediator only",
        "Not recorded yet",
        "0 of 3 parties are ready",
    ):
        assert text in html, text
    assert "Send the shared case summaries" not in html  # nothing shared yet


# ---------------------------------------------------------------------------------------------
# Recording
# ---------------------------------------------------------------------------------------------


def test_a_mediator_records_an_introductory_contact(
    client_as: Any, mediation_case: MediationCase
) -> None:
    m = mediation_case
    client = client_as(m.mediator)
    url = _case_url("preparation:intro-contact", m.case)
    form = client.get(url + f"?party={m.school.pk}")
    assert form.status_code == 200
    response = client.post(
        url,
        {
            "party": str(m.school.pk),
            **_today_parts("contacted_on"),
            "method": "video",
            "made_by": str(m.mediator.pk),
            "spoke_to": "Sam Patel",
            "notes": "Explained how the meeting works.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _case_url("preparation:overview", m.case)
    contact = IntroContact.objects.get()
    assert (contact.party, contact.method, contact.made_by) == (m.school, "video", m.mediator)


def test_an_introductory_contact_form_explains_its_errors(
    client_as: Any, mediation_case: MediationCase
) -> None:
    m = mediation_case
    response = client_as(m.mediator).post(
        _case_url("preparation:intro-contact", m.case), {"made_by": str(m.mediator.pk)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select the party you contacted" in html
    assert "Enter the date of the contact" in html
    assert "Select how you contacted the party" in html
    assert not IntroContact.objects.exists()


def test_a_coordinator_uploads_the_familys_summary_as_mediator_only(
    client_as: Any, mediation_case: MediationCase
) -> None:
    m = mediation_case
    client = client_as(m.coordinator)
    url = _case_url("preparation:summary-add", m.case)
    page = client.get(url)
    assert page.status_code == 200
    assert b'enctype="multipart/form-data"' in page.content
    content = pdf_bytes("Our view")
    response = client.post(
        url,
        {
            "party": str(m.family.pk),
            "submitted_by_name": "Alex Morgan",
            "text": "",
            "file": upload("Our view.pdf", content),
            "visibility": "mediator_only",
        },
    )
    assert response.status_code == 302
    summary = CaseSummary.objects.get()
    assert (summary.party, summary.visibility, summary.file_name) == (
        m.family,
        "mediator_only",
        "Our view.pdf",
    )
    assert summary.created_by == m.coordinator
    download = client.get(_summary_url("preparation:summary-file", summary))
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"file": ("Our view.pdf", EXE_BYTES), "visibility": "shared"},
            "The selected file must be a PDF or Word document",
        ),
        ({"file": ("Our view.pdf", b""), "visibility": "shared"}, "The selected file is empty"),
        ({"visibility": "shared"}, "Type the case summary or choose a file to upload"),
        ({"text": "Our view."}, "Select who can read the case summary"),
    ],
)
def test_the_summary_form_explains_its_errors(
    client_as: Any, mediation_case: MediationCase, data: dict[str, Any], message: str
) -> None:
    m = mediation_case
    post: dict[str, Any] = {"party": str(m.family.pk), "submitted_by_name": "Alex Morgan"}
    for key, value in data.items():
        post[key] = upload(*value) if key == "file" else value
    response = client_as(m.coordinator).post(_case_url("preparation:summary-add", m.case), post)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert not CaseSummary.objects.exists()


def test_a_file_over_10mb_is_refused_with_the_govuk_message(
    client_as: Any, mediation_case: MediationCase
) -> None:
    m = mediation_case
    big = pdf_bytes() + b"\n" * (10 * 1024 * 1024)
    response = client_as(m.coordinator).post(
        _case_url("preparation:summary-add", m.case),
        {
            "party": str(m.la.pk),
            "submitted_by_name": "Jo Smith",
            "file": upload("big.pdf", big),
            "visibility": "shared",
        },
    )
    assert response.status_code == 200
    assert "The selected file must be smaller than 10MB" in response.content.decode()
    assert not CaseSummary.objects.exists()


def test_staff_withdraw_a_summary(
    client_as: Any, mediation_case: MediationCase, submit: Callable[..., Any]
) -> None:
    m = mediation_case
    summary = submit(m.case, m.family)
    client = client_as(m.coordinator)
    url = _summary_url("preparation:summary-withdraw", summary)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Sent by mistake"})
    assert response["Location"] == _case_url("preparation:overview", m.case)
    summary.refresh_from_db()
    assert summary.is_withdrawn
    assert summary.withdrawn_reason == "Sent by mistake"
    # Once withdrawn, there is nothing left to withdraw.
    assert client.get(url).status_code == 403


def test_the_childs_views_form_is_easy_read_and_saves(
    client_as: Any, mediation_case: MediationCase
) -> None:
    m = mediation_case
    client = client_as(m.mediator)
    url = _case_url("preparation:child-views", m.case)
    page = client.get(url).content.decode()
    assert "My views" in page
    assert "This is about you, Sam." in page
    for question in ("What I like", "What I am good at", "What is hard for me", "What helps me"):
        assert question in page
    response = client.post(
        url,
        {
            "completed_by": "child_with_help",
            "completed_by_name": "Mum",
            "what_i_like": "Football",
            "what_i_would_like_to_happen": "A quiet place at lunch",
            **_today_parts("completed_on"),
            "visibility": "shared",
        },
    )
    assert response.status_code == 302
    views = ChildViews.objects.get()
    assert views.completed_by_name == "Mum"
    assert views.answers() == [
        ("What I like", "Football"),
        ("What I would like to happen", "A quiet place at lunch"),
    ]
    # Opening it again shows the answers to change.
    assert "A quiet place at lunch" in client.get(url).content.decode()


def test_the_child_joining_the_meeting_needs_both_to_agree(
    client_as: Any, mediation_case: MediationCase
) -> None:
    m = mediation_case
    url = _case_url("preparation:child-views", m.case)
    response = client_as(m.mediator).post(
        url,
        {
            "completed_by": "joins_meeting",
            "joins_meeting_note": "",
            "joining_agreed_by": ["parent"],
            **_today_parts("completed_on"),
            "visibility": "shared",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Say which part of the meeting they will join" in html
    assert "The child can join only if the parent or carer and the mediator both agree" in html
    assert not ChildViews.objects.exists()


def test_summaries_are_exchanged_after_a_check(
    client_as: Any,
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    share_with: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    m = mediation_case
    share_with(m.la)
    submit(m.case, m.la, "shared")
    submit(m.case, m.family, "shared")
    client = client_as(m.coordinator)
    url = _case_url("preparation:exchange", m.case)
    check = client.get(url).content.decode()
    assert "Who will be sent what" in check
    assert "alex.morgan@family.example" in check
    assert "No email address" in check  # nobody listed for Islington yet
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["alex.morgan@family.example"]]


def test_the_preparation_page_is_the_cases_preparation_section(
    client_as: Any,
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    share_with: Callable[..., Any],
) -> None:
    """The case's sub-navigation leads here (it replaced a summary on the one long case page):
    the case's header, the section current, and how ready the parties are."""
    m = mediation_case
    share_with(m.school, given=False)
    submit(m.case, m.la)
    html = client_as(m.mediator).get(_case_url("preparation:overview", m.case)).content.decode()
    here = _case_url("preparation:overview", m.case)
    assert f'<a class="moj-sub-navigation__link" aria-current="page" href="{here}">' in html
    assert m.case.reference in html
    assert "0 of 3 parties are ready." in html
    assert "Sam's views</h2>" in html
    assert "Not recorded yet. The mediator must take reasonable steps" in html
    assert "Refused" in html
    assert "Next step" in html
