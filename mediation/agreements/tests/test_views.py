"""The outcome and agreement pages: who may see and do what, and the pages doing it over HTTP."""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from mediation.agreements import selectors, services
from mediation.agreements.tests.conftest import AGREED_ON, pdf_text
from tests.factories.cases import party_of

pytestmark = pytest.mark.django_db

# (URL name, extra URL argument it needs: None, "item" or "party", method)
VIEWS = [
    ("agreements:outcome", None, "get"),
    ("agreements:builder", None, "get"),
    ("agreements:date", None, "get"),
    ("agreements:dispute", None, "get"),
    ("agreements:item-add", None, "get"),
    ("agreements:item-change", "item", "get"),
    ("agreements:item-remove", "item", "get"),
    ("agreements:check", None, "get"),
    ("agreements:finalise", None, "post"),
    ("agreements:pdf", None, "get"),
    ("agreements:send", "party", "post"),
    ("agreements:confirm", "party", "get"),
]
VIEW_IDS = [name for name, _, _ in VIEWS]


def url_for(name: str, extra: str | None, agreement: Any) -> str:
    kwargs: dict[str, Any] = {"case_id": agreement.case_id}
    if extra == "item":
        kwargs["item_id"] = agreement.items.first().pk
    elif extra == "party":
        kwargs["party_id"] = party_of(agreement.case, "local_authority").pk
    return reverse(name, kwargs=kwargs)


def call(client: Any, method: str, url: str) -> Any:
    return client.post(url) if method == "post" else client.get(url)


@pytest.mark.parametrize(("name", "extra", "method"), VIEWS, ids=VIEW_IDS)
def test_anonymous_visitors_are_sent_to_sign_in(
    client: Any, partial_agreement: Any, name: str, extra: str | None, method: str
) -> None:
    response = call(client, method, url_for(name, extra, partial_agreement))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize(("name", "extra", "method"), VIEWS, ids=VIEW_IDS)
@pytest.mark.parametrize("own_organisation", [True, False], ids=["party", "other-organisation"])
def test_partners_are_refused_even_for_their_own_case(
    client_as: Any,
    make_user: Any,
    partial_agreement: Any,
    name: str,
    extra: str | None,
    method: str,
    own_organisation: bool,
) -> None:
    """An officer of the LA that is a party (or of another LA) uses the partner side, not these."""
    kwargs = {"organisation": partial_agreement.case.local_authority} if own_organisation else {}
    client = client_as(make_user("la_officer", **kwargs))
    assert call(client, method, url_for(name, extra, partial_agreement)).status_code == 403


@pytest.mark.parametrize(("name", "extra", "method"), VIEWS, ids=VIEW_IDS)
def test_staff_of_another_service_are_refused(
    client_as: Any, partial_agreement: Any, name: str, extra: str | None, method: str
) -> None:
    client = client_as("coordinator")  # works in no service of this case
    assert call(client, method, url_for(name, extra, partial_agreement)).status_code == 403


@pytest.mark.parametrize(("name", "extra", "method"), VIEWS, ids=VIEW_IDS)
def test_unknown_ids_are_not_found(
    client_as: Any,
    coordinator: Any,
    partial_agreement: Any,
    name: str,
    extra: str | None,
    method: str,
) -> None:
    client = client_as(coordinator)
    kwargs: dict[str, Any] = {"case_id": uuid.uuid4()}
    if extra == "item":
        kwargs["item_id"] = partial_agreement.items.first().pk
    elif extra == "party":
        kwargs["party_id"] = party_of(partial_agreement.case, "local_authority").pk
    assert call(client, method, reverse(name, kwargs=kwargs)).status_code == 404
    if extra:
        # The case exists, the item or party does not (or belongs to another case).
        kwargs = {"case_id": partial_agreement.case_id, f"{extra}_id": uuid.uuid4()}
        assert call(client, method, reverse(name, kwargs=kwargs)).status_code == 404


MANAGE_VIEWS = [v for v in VIEWS if v[0] not in {"agreements:builder", "agreements:pdf"}]


@pytest.mark.parametrize(
    ("name", "extra", "method"), MANAGE_VIEWS, ids=[v[0] for v in MANAGE_VIEWS]
)
@pytest.mark.parametrize("role", ["mediation_adviser", "mediator"])
def test_an_adviser_or_another_mediator_may_not_change_the_agreement(
    client_as: Any,
    staff: Callable[..., Any],
    partial_agreement: Any,
    name: str,
    extra: str | None,
    method: str,
    role: str,
) -> None:
    client = client_as(staff(role))
    assert call(client, method, url_for(name, extra, partial_agreement)).status_code == 403


def test_an_adviser_may_read_the_agreement_but_not_change_it(
    client_as: Any, staff: Callable[..., Any], partial_agreement: Any
) -> None:
    client = client_as(staff("mediation_adviser"))
    response = client.get(url_for("agreements:builder", None, partial_agreement))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Arrange an educational psychologist visit" in content
    assert "Add an item" not in content
    assert "Check and send the agreement" not in content


def test_the_mediator_allocated_through_the_panel_manages_the_agreement(
    client_as: Any, staff: Callable[..., Any], coordinator: Any, partial_agreement: Any
) -> None:
    from django.utils import timezone

    from mediation.panel.models import Allocation

    allocated = staff("mediator")
    client = client_as(allocated)
    url = url_for("agreements:item-add", None, partial_agreement)
    assert client.get(url).status_code == 403
    Allocation.objects.create(
        case=partial_agreement.case,
        mediator=allocated,
        created_by=coordinator,
        allocated_at=timezone.now(),
    )
    assert client.get(url).status_code == 200


def test_an_item_of_another_cases_agreement_is_not_found(
    client_as: Any,
    coordinator: Any,
    partial_agreement: Any,
    make_case: Any,
    mediator: Any,
) -> None:
    from tests.factories.cases import MeetingHeldCaseFactory

    other = MeetingHeldCaseFactory.create(
        local_authority=partial_agreement.case.local_authority,
        child_first_name="Other",
        decision_date=dt.date(2026, 2, 12),
    )
    services.outcome_record(
        case=other, outcome="full_agreement", concluded_on=AGREED_ON, actor=mediator
    )
    client = client_as(coordinator)
    item = partial_agreement.items.first()
    url = reverse("agreements:item-change", kwargs={"case_id": other.pk, "item_id": item.pk})
    assert client.get(url).status_code == 404
    party = party_of(partial_agreement.case, "local_authority")
    url = reverse("agreements:confirm", kwargs={"case_id": other.pk, "party_id": party.pk})
    assert client.get(url).status_code == 404


def test_no_agreement_pages_before_an_agreement_outcome(
    client_as: Any, coordinator: Any, mediation_case: Any
) -> None:
    client = client_as(coordinator)
    for name in ("agreements:builder", "agreements:item-add", "agreements:check"):
        url = reverse(name, kwargs={"case_id": mediation_case.pk})
        assert client.get(url).status_code == 404
    assert client.get(reverse("agreements:outcome", args=[mediation_case.pk])).status_code == 200


def test_the_pdf_of_a_draft_is_not_found(
    client_as: Any, coordinator: Any, partial_agreement: Any
) -> None:
    response = client_as(coordinator).get(url_for("agreements:pdf", None, partial_agreement))
    assert response.status_code == 404


def test_finalise_only_posts(client_as: Any, coordinator: Any, partial_agreement: Any) -> None:
    response = client_as(coordinator).get(url_for("agreements:finalise", None, partial_agreement))
    assert response.status_code == 405


# ---------------------------------------------------------------------------------------------
# The pages at work
# ---------------------------------------------------------------------------------------------


def test_recording_a_partial_agreement_leads_to_the_builder(
    client_as: Any, mediator: Any, mediation_case: Any
) -> None:
    client = client_as(mediator)
    url = reverse("agreements:outcome", kwargs={"case_id": mediation_case.pk})
    page = client.get(url).content.decode()
    assert "How did the mediation end?" in page
    assert "The local authority changed its decision" in page

    response = client.post(url, {"outcome": "partial_agreement"})
    assert response.status_code == 200
    assert "Enter the date the mediation concluded" in response.content.decode()

    response = client.post(
        url,
        {
            "outcome": "partial_agreement",
            "concluded_on-day": "27",
            "concluded_on-month": "3",
            "concluded_on-year": "2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:builder", args=[mediation_case.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Written agreement" in page
    assert "Draft" in page
    assert "Friday 27 March 2026" in page
    assert "Due by Wednesday 1 April 2026" in page  # the certificate after mediation
    assert "Nothing added yet." in page


def test_a_no_agreement_outcome_goes_back_to_the_case(
    client_as: Any, mediator: Any, mediation_case: Any
) -> None:
    response = client_as(mediator).post(
        reverse("agreements:outcome", kwargs={"case_id": mediation_case.pk}),
        {
            "outcome": "no_agreement",
            "concluded_on-day": "27",
            "concluded_on-month": "3",
            "concluded_on-year": "2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:detail", args=[mediation_case.pk])


def test_a_refused_date_is_shown_beside_its_question(
    client_as: Any, mediator: Any, mediation_case: Any
) -> None:
    """The service names the input it refuses (concluded_on), so the page puts it there."""
    response = client_as(mediator).post(
        reverse("agreements:outcome", kwargs={"case_id": mediation_case.pk}),
        {
            "outcome": "no_agreement",
            "concluded_on-day": "1",
            "concluded_on-month": "3",
            "concluded_on-year": "2026",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "The mediation cannot have concluded before the local authority was told" in content
    assert 'id="id_concluded_on-error"' in content


def item_post(case: Any, **overrides: Any) -> dict[str, str]:
    data = {
        "matter": str(case.matters.first().pk),
        "decided": "Section F will specify weekly speech and language therapy.",
        "action": "Issue the amended plan",
        "responsible": str(party_of(case, "local_authority").pk),
        "kind": "amend",
        "due": "default",
        "how_checked": "A copy is emailed to the family",
    }
    data.update(overrides)
    return data


def test_adding_an_item_with_the_regulations_date_or_an_agreed_one(
    client_as: Any, mediator: Any, partial_agreement: Any
) -> None:
    case = partial_agreement.case
    client = client_as(mediator)
    url = reverse("agreements:item-add", kwargs={"case_id": case.pk})
    page = client.get(url).content.decode()
    assert "Make the final EHC plan" in page
    assert "11 weeks (reg 44): by Friday 12 June 2026" in page
    assert "Why is the date different?" in page

    response = client.post(url, item_post(case, due="different"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the date the parties agreed" in page
    assert "Say who agreed the different date in writing, and when" in page

    response = client.post(
        url,
        item_post(
            case,
            due="different",
            **{"due_on-day": "15", "due_on-month": "5", "due_on-year": "2026"},
            due_date_note="Agreed in writing by Jo Smith and Alex Morgan on 27 March 2026.",
        ),
    )
    assert response.status_code == 302
    item = partial_agreement.items.order_by("-created_at").first()
    assert item.due_on == dt.date(2026, 5, 15)
    assert item.default_due_on == dt.date(2026, 5, 1)

    response = client.post(url, item_post(case, kind="placement"))
    assert response.status_code == 302
    item = partial_agreement.items.order_by("-created_at").first()
    assert item.due_on == item.default_due_on == dt.date(2026, 4, 10)

    page = client.get(reverse("agreements:builder", args=[case.pk])).content.decode()
    assert "Item 4: Islington" in page
    assert "A different date the parties agreed in writing (reg 42)" in page


def test_changing_and_removing_an_item(
    client_as: Any, mediator: Any, partial_agreement: Any
) -> None:
    case = partial_agreement.case
    item = partial_agreement.items.first()
    client = client_as(mediator)
    url = reverse("agreements:item-change", kwargs={"case_id": case.pk, "item_id": item.pk})
    page = client.get(url).content.decode()
    assert "Issue an amended EHC plan with weekly speech and language therapy in F" in page
    response = client.post(url, item_post(case, action="Issue the amended plan now"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.action == "Issue the amended plan now"

    url = reverse("agreements:item-remove", kwargs={"case_id": case.pk, "item_id": item.pk})
    assert "Remove this item from the agreement?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not partial_agreement.items.filter(pk=item.pk).exists()


def test_the_date_and_the_matters_in_dispute_pages(
    client_as: Any, mediator: Any, partial_agreement: Any
) -> None:
    case = partial_agreement.case
    client = client_as(mediator)
    url = reverse("agreements:date", kwargs={"case_id": case.pk})
    response = client.post(
        url, {"agreed_on-day": "26", "agreed_on-month": "3", "agreed_on-year": "2026"}
    )
    assert response.status_code == 200
    assert "cannot be before the mediation concluded" in response.content.decode()
    response = client.post(
        url, {"agreed_on-day": "30", "agreed_on-month": "3", "agreed_on-year": "2026"}
    )
    assert response.status_code == 302
    partial_agreement.refresh_from_db()
    assert partial_agreement.agreed_on == dt.date(2026, 3, 30)

    url = reverse("agreements:dispute", kwargs={"case_id": case.pk})
    response = client.post(url, {"matters_in_dispute": "Section I and transport."})
    assert response.status_code == 302
    partial_agreement.refresh_from_db()
    assert partial_agreement.matters_in_dispute == "Section I and transport."


def test_the_check_page_shows_what_stops_finalising(
    client_as: Any, mediator: Any, partial_agreement: Any
) -> None:
    services.agreement_dispute_update(
        agreement=partial_agreement, matters_in_dispute="", actor=mediator
    )
    page = client_as(mediator).get(url_for("agreements:check", None, partial_agreement))
    content = page.content.decode()
    assert "There is a problem" in content
    assert "Say which matters are still in dispute" in content
    assert "Finalise and send the agreement" not in content


def test_check_finalise_download_send_and_confirm(
    client_as: Any, mediator: Any, partial_agreement: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from mediation.cases.parties import share_consent_record

    case = partial_agreement.case
    school = party_of(case, "school")
    share_consent_record(
        party=school, given=False, given_by="Alex Morgan", method="phone", actor=mediator
    )
    client = client_as(mediator)
    page = client.get(url_for("agreements:check", None, partial_agreement)).content.decode()
    assert "Sam (SM)" in page
    assert "jo.smith@islington.example, sen.team@islington.example" in page
    assert "Will not be emailed." in page
    assert "has not given permission to share information with Northbrook Primary School" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url_for("agreements:finalise", None, partial_agreement))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Agreement finalised and sent to 2 parties" in page
    assert "Final" in page
    assert "Download the agreement (PDF)" in page

    response = client.get(url_for("agreements:pdf", None, partial_agreement))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "Arrange an educational psychologist visit" in pdf_text(response.content)

    # The family then allows sharing with the school; the school is sent its copy.
    share_consent_record(
        party=school, given=True, given_by="Alex Morgan", method="phone", actor=mediator
    )
    url = reverse("agreements:send", kwargs={"case_id": case.pk, "party_id": school.pk})
    response = client.post(url, follow=True)
    assert "Agreement sent to Northbrook Primary School" in response.content.decode()

    la = party_of(case, "local_authority")
    url = reverse("agreements:confirm", kwargs={"case_id": case.pk, "party_id": la.pk})
    assert "Record that Islington confirmed the agreement" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "confirmed_by_name": "Jo Smith",
            "method": "email",
            "confirmed_on-day": "30",
            "confirmed_on-month": "3",
            "confirmed_on-year": "2026",
        },
        follow=True,
    )
    assert "Confirmation from Islington recorded" in response.content.decode()
    confirmations = selectors.confirmations_by_party(agreement=partial_agreement)
    assert confirmations[la.pk].confirmed_by_name == "Jo Smith"
    # Confirmed once: the page now says so.
    response = client.get(url, follow=True)
    assert "Islington has already confirmed the agreement" in response.content.decode()


def test_a_final_agreements_pages_send_you_back_to_it(
    client_as: Any, mediator: Any, partial_agreement: Any
) -> None:
    services.agreement_finalise(agreement=partial_agreement, actor=mediator)
    client = client_as(mediator)
    builder = reverse("agreements:builder", args=[partial_agreement.case_id])
    for name, extra, method in VIEWS:
        if name in {
            "agreements:builder",
            "agreements:pdf",
            "agreements:send",
            "agreements:confirm",
        }:
            continue
        response = call(client, method, url_for(name, extra, partial_agreement))
        assert response.status_code == 302, name
        assert response["Location"] == builder, name


def test_the_case_page_section_renders_for_the_lead(
    rf: Any, coordinator: Any, partial_agreement: Any
) -> None:
    """`agreements/_case_section.html` is what the case page includes (with the overview)."""
    from django.template.loader import render_to_string

    services.agreement_finalise(agreement=partial_agreement, actor=coordinator)
    request = rf.get("/")
    request.user = coordinator
    html = render_to_string(
        "agreements/_case_section.html",
        {
            "case": partial_agreement.case,
            "agreement_overview": selectors.case_agreement_overview(case=partial_agreement.case),
        },
        request=request,
    )
    assert "Outcome and agreement" in html
    assert "Partial agreement" in html
    assert "Due by Wednesday 1 April 2026" in html
    assert "Waiting for confirmation from The family, Islington, Northbrook Primary School" in html
    assert "Friday 1 May 2026" in html


def test_disagreement_resolution_says_nothing_about_a_certificate(
    client_as: Any, coordinator: Any, mediation_case: Any
) -> None:
    from mediation.cases.services import case_confirm_route

    case_confirm_route(
        case=mediation_case,
        route="disagreement_resolution",
        reason="A disagreement with the school about support.",
        actor=coordinator,
    )
    page = client_as(coordinator).get(reverse("agreements:outcome", args=[mediation_case.pk]))
    content = page.content.decode()
    assert "How did the disagreement resolution meeting end?" in content
    assert "certificate" not in content.lower()
