"""The partner side over HTTP: only the organisation's own cases, and only its own actions.

Every view is tested for anonymous visitors (sent to sign in), staff (403), partners of other
organisations (403) and missing cases or people (404).
"""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.preparation.models import CaseSummary
from mediation.preparation.tests.conftest import EXE_BYTES, MediationCase, pdf_bytes, upload

pytestmark = pytest.mark.django_db

CASE_VIEWS = [
    "portal:case",
    "portal:attendance",
    "portal:participant-add",
    "portal:summary",
    "portal:dr-answer",
    "portal:agreement-pdf",
    "portal:agreement-confirm",
    "portal:meeting-ics",
]
PERSON_VIEWS = ["portal:decision-maker", "portal:participant-remove"]


def _url(name: str, case: Any, **kwargs: Any) -> str:
    return reverse(name, kwargs={"case_id": case.pk, **kwargs})


@pytest.fixture
def la_person(mediation_case: MediationCase) -> Any:
    """Someone the coordinator listed for Islington (not yet confirmed as a decision maker)."""
    from mediation.cases.parties import participant_add

    m = mediation_case
    return participant_add(
        case=m.case,
        party=m.la,
        name="Kim Lee",
        role="officer",
        email="kim.lee@islington.example",
        actor=m.coordinator,
    )


# ---------------------------------------------------------------------------------------------
# Anonymous, forbidden, not found
# ---------------------------------------------------------------------------------------------


def test_home_sends_anonymous_visitors_to_sign_in_and_refuses_staff(
    client: Any, client_as: Any, mediation_case: MediationCase
) -> None:
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert client_as(mediation_case.coordinator).get(reverse("portal:home")).status_code == 403


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_send_anonymous_visitors_to_sign_in(
    client: Any, mediation_case: MediationCase, name: str
) -> None:
    response = client.get(_url(name, mediation_case.case))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_are_forbidden_to_staff(
    client_as: Any, mediation_case: MediationCase, name: str
) -> None:
    # Staff work on the case pages; the partner side is for partners.
    assert (
        client_as(mediation_case.coordinator).get(_url(name, mediation_case.case)).status_code
        == 403
    )


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_are_forbidden_to_partners_of_other_organisations(
    client_as: Any,
    mediation_case: MediationCase,
    other_case: Any,
    make_user: Callable[..., Any],
    name: str,
) -> None:
    camden = make_user("la_officer", organisation=other_case.other_la)
    elsewhere = make_user("school_contact", organisation=other_case.other_school)
    icb = make_user("icb_officer")
    for user in (camden, elsewhere, icb):
        assert client_as(user).get(_url(name, mediation_case.case)).status_code == 403
    # And this case's own partners cannot open the other case.
    for user in (mediation_case.la_officer, mediation_case.school_contact):
        assert client_as(user).get(_url(name, other_case)).status_code == 403


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_404_for_an_unknown_case(
    client_as: Any, mediation_case: MediationCase, name: str
) -> None:
    url = reverse(name, kwargs={"case_id": uuid.uuid4()})
    assert client_as(mediation_case.la_officer).get(url).status_code == 404


@pytest.mark.parametrize("name", PERSON_VIEWS)
def test_person_views_anonymous_forbidden_and_not_found(
    client: Any,
    client_as: Any,
    mediation_case: MediationCase,
    la_person: Any,
    other_case: Any,
    make_user: Callable[..., Any],
    name: str,
) -> None:
    m = mediation_case
    url = _url(name, m.case, participant_id=la_person.pk)
    assert client.get(url).status_code == 302
    assert client_as(m.coordinator).get(url).status_code == 403
    camden = make_user("la_officer", organisation=other_case.other_la)
    assert client_as(camden).get(url).status_code == 403
    # The school cannot act on Islington's people (its own party is not theirs to act for)...
    assert client_as(m.school_contact).get(url).status_code == 404
    # ...and nobody can act on someone unknown.
    missing = _url(name, m.case, participant_id=uuid.uuid4())
    assert client_as(m.la_officer).get(missing).status_code == 404
    unknown_case = reverse(name, kwargs={"case_id": uuid.uuid4(), "participant_id": la_person.pk})
    assert client_as(m.la_officer).get(unknown_case).status_code == 404
    assert client_as(m.la_officer).get(url).status_code == 200


# ---------------------------------------------------------------------------------------------
# The case list and the case page
# ---------------------------------------------------------------------------------------------


def test_partners_list_only_their_organisations_cases(
    client_as: Any, mediation_case: MediationCase, other_case: Any, make_user: Callable[..., Any]
) -> None:
    m = mediation_case
    page = client_as(m.la_officer).get(reverse("portal:home")).content.decode()
    assert m.case.reference in page
    assert other_case.reference not in page
    assert "SM" in page  # the child's initials, not the name
    assert "Sam Morgan" not in page
    assert "Confirm you will attend" in page

    camden = make_user("la_officer", organisation=other_case.other_la)
    page = client_as(camden).get(reverse("portal:home")).content.decode()
    assert other_case.reference in page
    assert m.case.reference not in page

    icb = make_user("icb_officer")
    page = client_as(icb).get(reverse("portal:home")).content.decode()
    assert "You have no open cases" in page


def test_the_case_page_hides_the_familys_information_until_they_share_it(
    client_as: Any,
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    share_with: Callable[..., Any],
) -> None:
    m = mediation_case
    family_shared = submit(m.case, m.family, "shared")
    family_private = submit(m.case, m.family, "mediator_only")
    own = submit(m.case, m.la, "mediator_only")
    client = client_as(m.la_officer)
    url = _url("portal:case", m.case)

    page = client.get(url)
    assert page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert "Sam Morgan" not in html
    assert "has not yet given permission" in html
    assert reverse("preparation:summary", kwargs={"summary_id": own.pk}) in html
    assert reverse("preparation:summary", kwargs={"summary_id": family_shared.pk}) not in html

    share_with(m.la)
    html = client.get(url).content.decode()
    assert "Sam Morgan" in html
    assert "has not yet given permission" not in html
    assert reverse("preparation:summary", kwargs={"summary_id": family_shared.pk}) in html
    assert reverse("preparation:summary", kwargs={"summary_id": family_private.pk}) not in html


def test_a_school_user_cannot_see_another_case_at_all(
    client_as: Any, mediation_case: MediationCase, other_case: Any, submit: Callable[..., Any]
) -> None:
    summary = submit(other_case, other_case.parties.get(kind="family"), "shared")
    client = client_as(mediation_case.school_contact)
    assert client.get(_url("portal:case", other_case)).status_code == 403
    assert (
        client.get(reverse("preparation:summary", kwargs={"summary_id": summary.pk})).status_code
        == 403
    )
    assert other_case.reference not in client.get(reverse("portal:home")).content.decode()


# ---------------------------------------------------------------------------------------------
# Attendance and the decision maker
# ---------------------------------------------------------------------------------------------


def test_an_la_officer_confirms_attendance(client_as: Any, mediation_case: MediationCase) -> None:
    m = mediation_case
    client = client_as(m.la_officer)
    url = _url("portal:attendance", m.case)
    assert "Confirm you will attend" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == _url("portal:case", m.case)
    m.la.refresh_from_db()
    assert m.la.attendance_confirmed_by == m.la_officer
    assert m.case.events.filter(kind="attendance_confirmed").exists()
    m.school.refresh_from_db()
    assert m.school.attendance_confirmed_at is None


def test_an_la_officer_adds_themselves_as_the_decision_maker(
    client_as: Any, mediation_case: MediationCase
) -> None:
    m = mediation_case
    client = client_as(m.la_officer)
    url = _url("portal:participant-add", m.case)
    form = client.get(url + "?me=1").content.decode()
    assert 'value="Jo Smith"' in form
    response = client.post(
        url,
        {
            "name": "Jo Smith",
            "job_title": "SEN team manager",
            "email": "JO.SMITH@islington.example",
            "phone": "",
            "role": "officer",
            "can_decide": "yes",
        },
    )
    assert response.status_code == 302
    person = m.la.participants.get()
    assert person.user == m.la_officer
    assert person.role == "decision_maker"
    assert person.is_decision_maker
    assert person.decision_maker_confirmed_at is not None
    titles = set(m.case.events.values_list("kind", flat=True))
    assert {"participant_added", "decision_maker_confirmed"} <= titles


def test_the_person_form_explains_its_errors(client_as: Any, mediation_case: MediationCase) -> None:
    m = mediation_case
    response = client_as(m.la_officer).post(
        _url("portal:participant-add", m.case), {"email": "not-an-email"}
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the person&#39;s full name" in html
    assert "Enter an email address in the correct format" in html
    assert "Select yes if this person can make decisions" in html
    assert not m.la.participants.exists()


def test_an_la_officer_confirms_someone_listed_can_decide_and_removes_someone(
    client_as: Any, mediation_case: MediationCase, la_person: Any
) -> None:
    m = mediation_case
    client = client_as(m.la_officer)
    url = _url("portal:decision-maker", m.case, participant_id=la_person.pk)
    response = client.post(url, {})
    assert "Confirm that they can make decisions at the meeting" in response.content.decode()
    client.post(url, {"confirm": "true"})
    la_person.refresh_from_db()
    assert la_person.is_decision_maker
    assert la_person.decision_maker_confirmed_at

    client.post(_url("portal:participant-remove", m.case, participant_id=la_person.pk))
    la_person.refresh_from_db()
    assert la_person.removed_at is not None
    # Once removed, they are not someone to act on.
    assert client.get(url).status_code == 404


def test_a_closed_case_stays_readable_but_takes_no_actions(
    client_as: Any, mediation_case: MediationCase
) -> None:
    from mediation.cases.services import case_close

    m = mediation_case
    case_close(case=m.case, reason="The family withdrew.", actor=m.coordinator)
    client = client_as(m.la_officer)
    page = client.get(_url("portal:case", m.case)).content.decode()
    assert "Nothing: the case is closed" in page
    assert "Confirm you will attend" not in page
    for name in ("portal:attendance", "portal:participant-add", "portal:summary"):
        assert client.get(_url(name, m.case)).status_code == 403
    assert client.post(_url("portal:attendance", m.case)).status_code == 403


# ---------------------------------------------------------------------------------------------
# Case summaries
# ---------------------------------------------------------------------------------------------


def test_an_la_officer_sends_a_shared_summary(
    client_as: Any, mediation_case: MediationCase
) -> None:
    m = mediation_case
    client = client_as(m.la_officer)
    response = client.post(
        _url("portal:summary", m.case),
        {
            "submitted_by_name": "Jo Smith",
            "text": "We will consider a new assessment.",
            "file": upload("Islington.pdf", pdf_bytes()),
            "visibility": "shared",
        },
    )
    assert response.status_code == 302
    summary = CaseSummary.objects.get()
    assert (summary.party, summary.visibility, summary.created_by) == (
        m.la,
        "shared",
        m.la_officer,
    )
    page = client.get(_url("portal:case", m.case)).content.decode()
    assert "Shared with all parties" in page
    # The school, once the family lets it, reads it too.
    assert (
        client_as(m.school_contact)
        .get(reverse("preparation:summary", kwargs={"summary_id": summary.pk}))
        .status_code
        == 403
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"file": ("Islington.pdf", EXE_BYTES), "visibility": "shared"},
            "The selected file must be a PDF or Word document",
        ),
        ({"visibility": "shared"}, "Type your case summary or choose a file to upload"),
        ({"text": "Our view."}, "Select who can read your case summary"),
    ],
)
def test_the_partner_summary_form_explains_its_errors(
    client_as: Any, mediation_case: MediationCase, data: dict[str, Any], message: str
) -> None:
    m = mediation_case
    post: dict[str, Any] = {"submitted_by_name": "Jo Smith"}
    for key, value in data.items():
        post[key] = upload(*value) if key == "file" else value
    response = client_as(m.la_officer).post(_url("portal:summary", m.case), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CaseSummary.objects.exists()


def test_a_partner_withdraws_its_own_summary(
    client_as: Any, mediation_case: MediationCase, submit: Callable[..., Any]
) -> None:
    m = mediation_case
    summary = submit(m.case, m.la, "shared")
    response = client_as(m.la_officer).post(
        reverse("preparation:summary-withdraw", kwargs={"summary_id": summary.pk}),
        {"reason": "Wrong version"},
    )
    assert response["Location"] == _url("portal:case", m.case)
    summary.refresh_from_db()
    assert summary.is_withdrawn


# ---------------------------------------------------------------------------------------------
# Disagreement resolution
# ---------------------------------------------------------------------------------------------


def test_a_school_declines_disagreement_resolution(
    client_as: Any, mediation_case: MediationCase
) -> None:
    from mediation.cases.services import case_confirm_route

    m = mediation_case
    client = client_as(m.school_contact)
    # Not a disagreement resolution case: there is no question to answer.
    assert client.get(_url("portal:dr-answer", m.case)).status_code == 404
    case_confirm_route(
        case=m.case,
        route="disagreement_resolution",
        reason="A disagreement with the school about support.",
        actor=m.coordinator,
    )
    assert (
        "Tell us if you will take part" in client.get(_url("portal:case", m.case)).content.decode()
    )
    response = client.post(
        _url("portal:dr-answer", m.case),
        {"answer": "declines", "note": "We have already agreed a plan with the family."},
    )
    assert response.status_code == 302
    m.school.refresh_from_db()
    assert m.school.dr_answer == "declines"
    assert m.school.dr_note == "We have already agreed a plan with the family."
    page = client.get(_url("portal:case", m.case)).content.decode()
    assert "You said you will not take part" in page


# ---------------------------------------------------------------------------------------------
# The meeting and the agreement
# ---------------------------------------------------------------------------------------------


def test_the_meeting_shows_and_goes_into_the_partners_calendar(
    client_as: Any, arranging: MediationCase, arrange_meeting: Callable[..., Any]
) -> None:
    m = arranging
    client = client_as(m.la_officer)
    assert client.get(_url("portal:meeting-ics", m.case)).status_code == 404
    page = client.get(_url("portal:case", m.case)).content.decode()
    assert "The meeting has not been arranged yet" in page
    assert "Mediation must take place by" in page

    meeting = arrange_meeting()
    page = client.get(_url("portal:case", m.case)).content.decode()
    assert "https://meet.example/abc-123" in page
    assert "10am to 1pm" in page

    response = client.get(_url("portal:meeting-ics", m.case))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == meeting.starts_at
    assert str(event["location"]) == "https://meet.example/abc-123"
    assert "ATTENDEE" not in event  # the partner's own copy lists nobody else


def test_the_agreement_and_the_partys_own_actions(
    client_as: Any, final_agreement: Any, arranging: MediationCase
) -> None:
    from mediation.agreements.models import Confirmation

    m = arranging
    client = client_as(m.la_officer)
    page = client.get(_url("portal:case", m.case)).content.decode()
    assert "Partial agreement" in page
    assert "Issue an amended EHC plan" in page
    assert "Arrange an educational psychologist visit" not in page  # the school's, not theirs
    due = final_agreement.agreed_on + dt.timedelta(weeks=5)
    assert f"{due:%A} {due.day} {due:%B %Y}" in page
    assert "5 weeks (reg 44) from the agreement date" in page
    assert "The school named in section I." in page
    assert "Confirm the agreement" in page
    # After the meeting, getting ready is over.
    assert "Confirm you will attend" not in page
    assert "Send your case summary" not in page
    assert "The mediation concluded on" in page

    pdf = client.get(_url("portal:agreement-pdf", m.case))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")

    url = _url("portal:agreement-confirm", m.case)
    assert (
        "Confirm that the agreement records what was agreed"
        in client.post(url, {"confirmed_by_name": "Jo Smith"}).content.decode()
    )
    client.post(url, {"confirmed_by_name": "Jo Smith", "confirm": "true"})
    confirmation = Confirmation.objects.get(party=m.la)
    assert (confirmation.method, confirmation.confirmed_by_name) == ("online", "Jo Smith")
    page = client.get(_url("portal:case", m.case)).content.decode()
    assert "Confirmed by Jo Smith" in page
    home = client.get(reverse("portal:home")).content.decode()
    assert "Do your agreed actions by their due dates" in home


def test_the_la_sees_the_agreement_that_binds_it_even_without_sharing(
    client_as: Any, final_agreement: Any, arranging: MediationCase, share_with: Callable[..., Any]
) -> None:
    """The LA made the decision and the agreement binds it to act (reg 42): it always gets it,
    even where the family has not let it see their other information."""
    m = arranging
    share_with(m.la, given=False)
    client = client_as(m.la_officer)
    page = client.get(_url("portal:case", m.case)).content.decode()
    assert "There is a written agreement. You will see it here once" not in page
    assert client.get(_url("portal:agreement-pdf", m.case)).status_code == 200


def test_no_agreement_yet(client_as: Any, mediation_case: MediationCase) -> None:
    m = mediation_case
    client = client_as(m.la_officer)
    assert (
        "There is no written agreement yet"
        in client.get(_url("portal:case", m.case)).content.decode()
    )
    assert client.get(_url("portal:agreement-pdf", m.case)).status_code == 404


def test_the_mediation_date_counts_from_the_request(
    client_as: Any, arranging: MediationCase
) -> None:
    assert arranging.case.mediation_requested_on is not None
    due = arranging.case.mediation_requested_on + dt.timedelta(days=30)
    page = client_as(arranging.la_officer).get(_url("portal:case", arranging.case))
    assert f"{due:%A} {due.day} {due:%B %Y}" in page.content.decode()
    assert timezone.localdate() < due
