"""The work queue, the case page and the actions on a case: who may see and do what."""

import datetime as dt
import uuid
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.cases.choices import Stage

pytestmark = pytest.mark.django_db

CASE_VIEWS = [
    "casework:detail",
    "cases:route",
    "cases:assign",
    "cases:consent",
    "cases:safeguarding",
    "cases:close",
]


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_send_anonymous_visitors_to_sign_in(
    client: Any, make_case: Any, name: str
) -> None:
    url = reverse(name, kwargs={"case_id": make_case().pk})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", CASE_VIEWS)
@pytest.mark.parametrize("role", ["la_officer", "icb_officer", "school_contact"])
def test_case_views_are_forbidden_to_partners(
    client_as: Any, make_case: Any, name: str, role: str
) -> None:
    url = reverse(name, kwargs={"case_id": make_case().pk})
    assert client_as(role).get(url).status_code == 403


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_are_forbidden_to_staff_of_another_service(
    client_as: Any, make_case: Any, name: str
) -> None:
    """A coordinator who works only in another service cannot open this service's cases."""
    url = reverse(name, kwargs={"case_id": make_case().pk})
    assert client_as("coordinator").get(url).status_code == 403


@pytest.mark.parametrize("name", CASE_VIEWS)
def test_case_views_404_for_an_unknown_case(client_as: Any, staff: Any, name: str) -> None:
    url = reverse(name, kwargs={"case_id": uuid.uuid4()})
    assert client_as(staff("coordinator")).get(url).status_code == 404


def test_queue_anonymous_and_forbidden(client: Any, client_as: Any) -> None:
    assert client.get(reverse("cases:queue")).status_code == 302
    assert client_as("la_officer").get(reverse("cases:queue")).status_code == 403


def test_queue_sorts_by_the_next_statutory_date_and_highlights(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    from mediation.cases import services

    today = timezone.localdate()
    received = timezone.now() - dt.timedelta(days=20)
    later = make_case(
        child_first_name="Later", decision_date=today - dt.timedelta(days=30), received_at=received
    )
    overdue = make_case(
        child_first_name="Overdue",
        decision_date=today - dt.timedelta(days=30),
        received_at=received,
    )
    services.case_record_clock_event(
        case=overdue, event="mediation_declined", on=today - dt.timedelta(days=10)
    )
    services.case_record_clock_event(case=later, event="mediation_declined", on=today)
    make_case(child_first_name="Nodate", decision_date=None)
    html = client_as(staff()).get(reverse("cases:queue")).content.decode()
    assert html.index("Overdue Morgan") < html.index("Later Morgan") < html.index("Nodate Morgan")
    assert "app-deadline--overdue" in html
    assert "Overdue by" in html


def test_a_new_referral_sorts_by_the_appeal_deadline_it_already_has(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    """Nothing is owed by the service yet, but the family's appeal deadline sorts the case."""
    from mediation.cases import services

    today = timezone.localdate()
    soon = make_case(child_first_name="Soon", decision_date=today - dt.timedelta(days=55))
    make_case(child_first_name="Later", decision_date=today - dt.timedelta(days=10))
    declined = make_case(child_first_name="Owed", decision_date=today - dt.timedelta(days=10))
    services.case_record_clock_event(case=declined, event="mediation_declined", on=today)
    soon.refresh_from_db()
    assert soon.next_deadline_key == "appeal_deadline"
    html = client_as(staff()).get(reverse("cases:queue")).content.decode()
    # The certificate owed in 3 working days, then the appeal due within days, then the later one.
    assert html.index("Owed Morgan") < html.index("Soon Morgan") < html.index("Later Morgan")


def test_queue_filters_and_search(client_as: Any, staff: Any, make_case: Any) -> None:
    first = make_case(child_first_name="Alpha")
    make_case(child_first_name="Beta")
    client = client_as(staff())
    html = client.get(reverse("cases:queue"), {"search": "alpha"}).content.decode()
    assert "Alpha Morgan" in html
    assert "Beta Morgan" not in html
    html = client.get(reverse("cases:queue"), {"search": first.reference}).content.decode()
    assert "Alpha Morgan" in html
    html = client.get(reverse("cases:queue"), {"mine": "true"}).content.decode()
    assert "No open cases match." in html
    html = client.get(reverse("cases:queue"), {"stage": "new"}).content.decode()
    assert "Alpha Morgan" in html
    assert "New referral: <strong>2</strong>" in html


def test_case_page_shows_the_case_and_its_key_dates(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    case = make_case(decision_date=dt.date(2026, 10, 1))
    client = client_as(staff())
    text = client.get(reverse("casework:detail", kwargs={"case_id": case.pk})).content.decode()
    assert case.reference in text
    assert "Sam Morgan" in text
    assert "Appeal to the Tribunal" in text or "appeal" in text.lower()
    assert "Confirm the route" in text
    # The timeline is a section of its own, under the same header and next step.
    text = client.get(reverse("casework:timeline", kwargs={"case_id": case.pk})).content.decode()
    assert case.reference in text
    assert "Confirm the route" in text
    assert "Referral received (online referral)" in text
    assert "moj-timeline" in text


def test_confirm_route_then_book_the_call(client_as: Any, staff: Any, make_case: Any) -> None:
    case = make_case()
    client = client_as(staff())
    url = reverse("cases:route", kwargs={"case_id": case.pk})
    response = client.post(url, {"route": "disagreement_resolution", "reason": ""})
    assert "Give a reason for choosing a different route" in response.content.decode()
    response = client.post(url, {"route": case.proposed_route, "reason": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.MIAS_TO_BOOK


def test_only_allocators_assign_and_close(client_as: Any, staff: Any, make_case: Any) -> None:
    case = make_case()
    adviser = staff("mediation_adviser")
    assert (
        client_as(adviser).get(reverse("cases:assign", kwargs={"case_id": case.pk})).status_code
        == 403
    )
    coordinator = staff("coordinator")
    client = client_as(coordinator)
    response = client.post(
        reverse("cases:assign", kwargs={"case_id": case.pk}), {"assignee": str(adviser.pk)}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == adviser
    response = client.post(reverse("cases:close", kwargs={"case_id": case.pk}), {"reason": ""})
    assert "Enter why the case is closing" in response.content.decode()
    client.post(reverse("cases:close", kwargs={"case_id": case.pk}), {"reason": "Withdrew."})
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED


def test_safeguarding_notes_are_restricted(
    client_as: Any, staff: Any, make_case: Any, client: Any
) -> None:
    holder = staff("coordinator")
    case = make_case(safeguarding_concern=True, safeguarding_notes="Secret detail about risk")
    from mediation.cases import services

    services.case_assign(case=case, assignee=holder, actor=holder)
    other = staff("mediation_adviser")
    url = reverse("casework:detail", kwargs={"case_id": case.pk})
    timeline = reverse("casework:timeline", kwargs={"case_id": case.pk})
    for section in (url, timeline):
        html = client_as(other).get(section).content.decode()
        assert "Safeguarding concern" in html, section  # the flag, on every section
        assert "Secret detail about risk" not in html, section
    client.logout()
    html = client_as(holder).get(url).content.decode()
    assert "Secret detail about risk" in html
    html = client_as(holder).get(timeline).content.decode()
    assert "Secret detail about risk" in html  # the restricted timeline entry


def test_third_party_referral_needs_the_familys_permission(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    case = make_case(
        is_third_party=True,
        referrer_name="Kim Lee",
        referrer_organisation="SENDIASS",
        family_consent_confirmed=False,
    )
    client = client_as(staff())
    html = client.get(reverse("casework:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Record the family&#39;s permission" in html or "Record the family's permission" in html
    client.post(
        reverse("cases:consent", kwargs={"case_id": case.pk}),
        {
            "kind": "third_party_referral",
            "given": "yes",
            "given_by": "Alex Morgan",
            "method": "phone",
            "notes": "",
        },
    )
    case.refresh_from_db()
    assert case.stage == Stage.NEW


def test_a_young_person_flag_when_rights_pass_during_the_case(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    from mediation.rules import compulsory_school_age_end

    today = timezone.localdate()
    # A child whose compulsory school age ends within the coming year.
    dob = next(
        dt.date(year, 10, 1)
        for year in range(today.year - 17, today.year - 14)
        if today < compulsory_school_age_end(dt.date(year, 10, 1)) < today + dt.timedelta(days=360)
    )
    case = make_case(child_date_of_birth=dob)
    html = client_as(staff()).get(reverse("casework:detail", kwargs={"case_id": case.pk})).content
    assert "stops being of compulsory school age" in html.decode()


def test_a_young_person_with_a_parent_applicant_is_flagged(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    today = timezone.localdate()
    case = make_case(child_date_of_birth=dt.date(today.year - 19, 3, 1))
    html = client_as(staff()).get(reverse("casework:detail", kwargs={"case_id": case.pk})).content
    assert "the right to mediation and appeal is theirs" in html.decode()
