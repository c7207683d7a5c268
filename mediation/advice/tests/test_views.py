"""The information call pages: access rules and the happy path through them."""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.accounts.models import User
from mediation.advice.models import InformationCall
from mediation.cases.choices import Stage
from mediation.cases.models import Case
from tests.factories.cases import book_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked_call(routed_case: Case, staff: Callable[..., User]) -> InformationCall:
    return book_call(
        routed_case,
        adviser=staff("mediation_adviser"),
        at=timezone.now() + dt.timedelta(hours=2),
        phone_number="0161 000 0000",
    )


def _urls(case: Any, call: Any) -> list[str]:
    return [
        reverse("advice:book", kwargs={"case_id": case.pk}),
        reverse("advice:record", kwargs={"call_id": call.pk}),
        reverse("advice:decide", kwargs={"case_id": case.pk}),
        reverse("advice:la-told", kwargs={"case_id": case.pk}),
    ]


def test_anonymous_visitors_go_to_sign_in(client: Any, routed_case: Any, booked_call: Any) -> None:
    for url in _urls(routed_case, booked_call):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("role", ["la_officer", "school_contact", "coordinator"])
def test_partners_and_other_services_are_forbidden(
    client_as: Any, routed_case: Any, booked_call: Any, role: str
) -> None:
    client = client_as(role)  # a coordinator here works in no service of this case
    for url in _urls(routed_case, booked_call):
        assert client.get(url).status_code == 403, url


def test_unknown_ids_are_404(client_as: Any, staff: Any) -> None:
    client = client_as(staff())
    for url in [
        reverse("advice:book", kwargs={"case_id": uuid.uuid4()}),
        reverse("advice:record", kwargs={"call_id": uuid.uuid4()}),
        reverse("advice:decide", kwargs={"case_id": uuid.uuid4()}),
        reverse("advice:la-told", kwargs={"case_id": uuid.uuid4()}),
    ]:
        assert client.get(url).status_code == 404, url


def test_book_record_and_decide_through_the_pages(
    client_as: Any, staff: Any, routed_case: Any
) -> None:
    adviser = staff("mediation_adviser", full_name="Tom Okafor")
    client = client_as(adviser)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    book_url = reverse("advice:book", kwargs={"case_id": routed_case.pk})
    html = client.get(book_url).content.decode()
    assert "Tom Okafor" in html
    response = client.post(
        book_url,
        {"day-day": "", "day-month": "", "day-year": "", "time": "", "adviser": "", "method": ""},
    )
    text = response.content.decode()
    assert "Enter the date of the call" in text
    assert "Enter the time of the call" in text
    response = client.post(
        book_url,
        {
            "day-day": tomorrow.day,
            "day-month": tomorrow.month,
            "day-year": tomorrow.year,
            "time": "10:30",
            "adviser": str(adviser.pk),
            "method": "phone",
            "phone_number": "07700 900123",
        },
    )
    assert response.status_code == 302
    routed_case.refresh_from_db()
    assert routed_case.stage == Stage.MIAS_BOOKED
    call = routed_case.calls.get()
    today = timezone.localdate()
    response = client.post(
        reverse("advice:record", kwargs={"call_id": call.pk}),
        {
            "happened": "yes",
            "day-day": today.day,
            "day-month": today.month,
            "day-year": today.year,
            "time": "00:01",
            "duration": "20",
            "notes": "Explained.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("advice:decide", kwargs={"case_id": routed_case.pk})
    response = client.post(
        response["Location"],
        {
            "outcome": "declines",
            "decided_on-day": today.day,
            "decided_on-month": today.month,
            "decided_on-year": today.year,
        },
    )
    assert response.status_code == 302
    routed_case.refresh_from_db()
    assert routed_case.stage == Stage.CERTIFICATE_DUE
