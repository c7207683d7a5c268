"""Parties, participants, permissions to share, DR answers and withdrawal, over HTTP."""

import uuid
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from mediation.cases import parties, services
from mediation.cases.choices import DRAnswer, Stage
from mediation.cases.services import MatterInput
from tests.factories.cases import take_part
from tests.factories.organisations import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_la(make_case: Any, staff: Any) -> Any:
    return take_part(make_case(), la=True, actor=staff())


def _urls(case: Any) -> list[tuple[str, str]]:
    la = case.parties.get(kind="local_authority")
    person = case.participants.first()
    return [
        ("get", reverse("cases:parties", kwargs={"case_id": case.pk})),
        ("get", reverse("cases:party-add", kwargs={"case_id": case.pk})),
        ("get", reverse("cases:participant-add", kwargs={"case_id": case.pk, "party_id": la.pk})),
        ("get", reverse("cases:share-consent", kwargs={"case_id": case.pk, "party_id": la.pk})),
        ("get", reverse("cases:dr-answer", kwargs={"case_id": case.pk, "party_id": la.pk})),
        ("get", reverse("cases:withdraw", kwargs={"case_id": case.pk})),
        (
            "post",
            reverse(
                "cases:participant-remove", kwargs={"case_id": case.pk, "participant_id": person.pk}
            ),
        ),
        (
            "post",
            reverse(
                "cases:decision-maker-confirm",
                kwargs={"case_id": case.pk, "participant_id": person.pk},
            ),
        ),
    ]


def test_anonymous_visitors_go_to_sign_in(client: Any, case_with_la: Any) -> None:
    for method, url in _urls(case_with_la):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("role", ["la_officer", "school_contact", "coordinator"])
def test_partners_and_other_services_are_forbidden(
    client_as: Any, case_with_la: Any, role: str
) -> None:
    client = client_as(role)
    for method, url in _urls(case_with_la):
        assert getattr(client, method)(url).status_code == 403, url


def test_unknown_cases_parties_and_people_are_404(
    client_as: Any, staff: Any, case_with_la: Any
) -> None:
    client = client_as(staff())
    missing = uuid.uuid4()
    case = case_with_la
    for url in [
        reverse("cases:parties", kwargs={"case_id": missing}),
        reverse("cases:participant-add", kwargs={"case_id": case.pk, "party_id": missing}),
        reverse("cases:share-consent", kwargs={"case_id": case.pk, "party_id": missing}),
        reverse("cases:dr-answer", kwargs={"case_id": case.pk, "party_id": missing}),
    ]:
        assert client.get(url).status_code == 404, url
    remove = reverse(
        "cases:participant-remove", kwargs={"case_id": case.pk, "participant_id": missing}
    )
    assert client.post(remove).status_code == 404


def test_a_party_from_another_case_is_404(
    client_as: Any, staff: Any, make_case: Any, case_with_la: Any
) -> None:
    other = make_case(child_first_name="Other")
    la = case_with_la.parties.get(kind="local_authority")
    url = reverse("cases:share-consent", kwargs={"case_id": other.pk, "party_id": la.pk})
    assert client_as(staff()).get(url).status_code == 404


def test_add_a_decision_maker_and_confirm_them(
    client_as: Any, staff: Any, case_with_la: Any
) -> None:
    client = client_as(staff())
    la = case_with_la.parties.get(kind="local_authority")
    response = client.post(
        reverse("cases:participant-add", kwargs={"case_id": case_with_la.pk, "party_id": la.pk}),
        {
            "name": "Grace Adeyemi",
            "role": "decision_maker",
            "job_title": "SEN manager",
            "email": "grace@la.example",
            "phone": "",
            "language": "",
        },
    )
    assert response.status_code == 302
    grace = case_with_la.participants.get(name="Grace Adeyemi")
    assert grace.is_decision_maker
    client.post(
        reverse(
            "cases:decision-maker-confirm",
            kwargs={"case_id": case_with_la.pk, "participant_id": grace.pk},
        )
    )
    grace.refresh_from_db()
    assert grace.decision_maker_confirmed_at is not None
    html = client.get(reverse("cases:parties", kwargs={"case_id": case_with_la.pk})).content
    assert "Decision maker, confirmed" in html.decode()


def test_record_the_familys_permission_to_share(
    client_as: Any, staff: Any, case_with_la: Any
) -> None:
    client = client_as(staff())
    la = case_with_la.parties.get(kind="local_authority")
    url = reverse("cases:share-consent", kwargs={"case_id": case_with_la.pk, "party_id": la.pk})
    response = client.post(url, {"given": "", "given_by": "", "method": ""})
    assert "Select yes if the family agreed" in response.content.decode()
    client.post(url, {"given": "yes", "given_by": "Alex Morgan", "method": "phone"})
    la.refresh_from_db()
    assert la.share_consent is True


def test_a_dr_case_where_the_school_declines(
    client_as: Any, staff: Any, make_case: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = make_case(
        matters=[MatterInput(decision="other_disagreement", details="Support at school")]
    )
    services.case_confirm_route(
        case=case, route="disagreement_resolution", reason="", actor=staff()
    )
    client = client_as(staff())
    school = SchoolFactory.create(
        name="Hillside Academy", email="head@hillside.example", local_authority=case.local_authority
    )
    response = client.post(
        reverse("cases:party-add", kwargs={"case_id": case.pk}),
        {"kind": "school", "organisation": str(school.pk)},
    )
    assert response.status_code == 302
    party = case.parties.get(organisation=school)
    url = reverse("cases:dr-answer", kwargs={"case_id": case.pk, "party_id": party.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"answer": "asked", "note": ""})
    assert any("head@hillside.example" in m.to for m in mail.outbox)
    client.post(url, {"answer": "declines", "note": "Wants to use its own complaints process."})
    party.refresh_from_db()
    assert party.dr_answer == DRAnswer.DECLINES
    html = client.get(reverse("cases:parties", kwargs={"case_id": case.pk})).content.decode()
    assert "Does not agree to take part" in html
    assert "Every party has agreed" not in html


def test_withdrawal_with_a_certificate_request(client_as: Any, staff: Any, make_case: Any) -> None:
    case = make_case()
    client = client_as(staff())
    url = reverse("cases:withdraw", kwargs={"case_id": case.pk})
    client.post(url, {"reason": "They have found a school place.", "certificate": "yes"})
    case.refresh_from_db()
    assert case.stage == Stage.CERTIFICATE_DUE
    assert case.certificate_requested_on is not None


def test_withdrawal_without_a_certificate_closes_and_signposts(
    client_as: Any, staff: Any, make_case: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = make_case()
    client = client_as(staff())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cases:withdraw", kwargs={"case_id": case.pk}),
            {"reason": "Resolved with the school.", "certificate": "no"},
        )
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    closing = [m for m in mail.outbox if "is closed" in m.subject]
    assert len(closing) == 1
    assert "IPSEA" in closing[0].body
    assert "/your-case/" in closing[0].body


def test_a_refusal_is_shown_beside_the_question_it_is_about(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    case = make_case()
    family = parties.family_party_ensure(case=case)
    url = reverse("cases:participant-add", kwargs={"case_id": case.pk, "party_id": family.pk})
    response = client_as(staff()).post(url, {"name": "Ana Lopes", "role": "interpreter"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_language-error"' in html
    assert "Enter the language the interpreter works in." in html
    assert not case.participants.filter(name="Ana Lopes").exists()


def test_a_new_organisation_becomes_a_party_and_joins_the_directory(
    client_as: Any, staff: Any, make_case: Any
) -> None:
    case = make_case()
    response = client_as(staff()).post(
        reverse("cases:party-add", kwargs={"case_id": case.pk}),
        {"kind": "school", "organisation": "", "new_name": " Riverside School ", "new_email": ""},
    )
    assert response.status_code == 302
    party = case.parties.get(kind="school")
    assert party.organisation.name == "Riverside School"
    assert party.organisation.kind == "school"
    assert party.organisation.local_authority == case.local_authority
