"""Private notes: the case's mediator only; a manager only with a recorded reason."""

import uuid
from typing import Any

import pytest
from django.urls import reverse

from mediation.cases.presenters import CASE_SECTIONS
from mediation.notes.models import NotesAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocated(make_case: Any, staff: Any) -> tuple[Any, Any]:
    """A case with an accredited mediator allocated to it."""
    from mediation.panel.services import mediator_allocate

    mediator = staff("mediator", full_name="Helen Marsh", profile__registration_number="SEND-1")
    case = make_case()
    mediator_allocate(case=case, mediator=mediator, actor=staff("coordinator"))
    return case, mediator


def _url(case: Any) -> str:
    return reverse("notes:case", kwargs={"case_id": case.pk})


def test_the_mediator_writes_and_reads_private_notes(client_as: Any, allocated: Any) -> None:
    case, mediator = allocated
    client = client_as(mediator)
    response = client.post(_url(case), {"body": "Parent anxious about the school; caucus."})
    assert response.status_code == 302
    html = client.get(_url(case)).content.decode()
    assert "Parent anxious about the school; caucus." in html
    # Never on the case's own pages: none of its sections shows them.
    for _, _, section in CASE_SECTIONS:
        case_page = client.get(reverse(section, kwargs={"case_id": case.pk}))
        assert case_page.status_code == 200, section
        assert "Parent anxious" not in case_page.content.decode(), section


@pytest.mark.parametrize("role", ["coordinator", "mediation_adviser", "mediator"])
def test_other_staff_cannot_read_them(
    client_as: Any, staff: Any, allocated: Any, role: str
) -> None:
    case, mediator = allocated
    from mediation.notes.services import note_add

    note_add(case=case, author=mediator, body="Private thought")
    response = client_as(staff(role)).get(_url(case))
    assert response.status_code == 403
    assert b"Private thought" not in response.content


def test_partners_cannot_read_them(client_as: Any, allocated: Any) -> None:
    case, _ = allocated
    assert client_as("la_officer").get(_url(case)).status_code == 403


def test_a_manager_reads_only_after_giving_a_reason(
    client_as: Any, staff: Any, allocated: Any
) -> None:
    case, mediator = allocated
    from mediation.notes.services import note_add

    note_add(case=case, author=mediator, body="Private thought")
    client = client_as(staff("service_manager"))
    html = client.get(_url(case)).content.decode()
    assert "Private thought" not in html
    assert "Why do you need to read the mediator" in html
    html = client.post(_url(case), {"reason": "short"}).content.decode()
    assert "Private thought" not in html
    assert "Give the reason" in html
    html = client.post(_url(case), {"reason": "A complaint from the family about the meeting."})
    assert "Private thought" in html.content.decode()
    access = NotesAccess.objects.get()
    assert access.reason == "A complaint from the family about the meeting."
    # The mediator sees who read their notes, and why.
    mediator_view = client_as(mediator).get(_url(case)).content.decode()
    assert "A complaint from the family about the meeting." in mediator_view


def test_anonymous_and_unknown(client: Any, client_as: Any, staff: Any, allocated: Any) -> None:
    case, _ = allocated
    response = client.get(_url(case))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    missing = reverse("notes:case", kwargs={"case_id": uuid.uuid4()})
    assert client_as(staff("service_manager")).get(missing).status_code == 404
