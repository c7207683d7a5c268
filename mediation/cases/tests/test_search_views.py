"""The "Find a case" and "My cases" pages, and the work queue's way to them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from mediation.accounts.models import User
from mediation.cases import presenters
from mediation.cases import services as case_services
from mediation.cases.models import Case
from mediation.directory.models import Organisation
from mediation.panel.services import mediator_allocate
from tests.factories.cases import MediationRequestedCaseFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
PAGES = ["cases:search", "cases:mine"]


def close(case: Case, actor: User) -> Case:
    return case_services.case_close(case=case, reason="The family moved away.", actor=actor)


def text_of(html: str) -> str:
    """The page's words, without tags and with spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def listed(response: Any) -> list[str]:
    """The references of the cases a page lists, in order."""
    return re.findall(r'href="/cases/[0-9a-f-]+/">([A-Z0-9-]+)</a>', response.content.decode())


def navigation(response: Any) -> dict[str, str]:
    """The service navigation's links: text -> the item's classes and its link's attributes."""
    html = response.content.decode()
    found = re.findall(
        r'<li class="(govuk-service-navigation__item[^"]*)">\s*(<a [^>]*>)\s*'
        r"(?:<strong[^>]*>)?\s*([^<]+?)\s*<",
        html,
    )
    return {text: f"{classes} {link}" for classes, link, text in found}


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client: Any, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", ["la_officer", "icb_officer", "school_contact"])
def test_partners_are_forbidden(client_as: Any, name: str, role: str) -> None:
    assert client_as(role).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_only_get(client_as: Any, staff: Callable[..., User], name: str) -> None:
    assert client_as(staff()).post(reverse(name)).status_code == 405


# ---------------------------------------------------------------------------------------------
# Find a case
# ---------------------------------------------------------------------------------------------


def test_find_a_closed_case_by_reference_and_by_the_childs_name(
    client_as: Any, make_case: Callable[..., Case], coordinator: User
) -> None:
    case = make_case(child_first_name="Ada", child_last_name="Lovelace")
    make_case()
    close(case, coordinator)
    client = client_as(coordinator)
    prefix, year, number = case.reference.split("-")
    for typed in (f"{prefix.lower()} {year} {int(number)}", "ada lovelace"):
        html = client.get(reverse("cases:search"), {"text": typed}).content.decode()
        words = text_of(html)
        assert "1 case found" in words
        assert reverse("casework:detail", kwargs={"case_id": case.pk}) in html
        assert "Ada Lovelace" in words
        assert "Sam Morgan" not in words
        assert "Closed" in words


def test_the_page_lists_every_case_until_narrowed(
    client_as: Any, make_case: Callable[..., Case], coordinator: User
) -> None:
    received = dt.datetime(2026, 3, 2, 9, tzinfo=LONDON)
    open_case = make_case(child_first_name="Ada", received_at=received)
    closed = close(make_case(child_first_name="Ben"), coordinator)
    response = client_as(coordinator).get(reverse("cases:search"))
    words = text_of(response.content.decode())
    assert "<title>Find a case" in response.content.decode()
    assert "2 cases found" in words
    assert words.index("Ben Morgan") < words.index("Ada Morgan")  # the newest first
    assert "2 Mar 2026" in words
    assert "Clear search" not in words
    # An open case shows its next step; a closed one when it closed.
    assert f"Next: {presenters.found_case(open_case).next_step}" in words
    assert presenters.found_case(closed).closed_on is not None


def test_filters_narrow_the_search(
    client_as: Any, make_case: Callable[..., Case], coordinator: User
) -> None:
    make_case(child_first_name="Ada")
    close(make_case(child_first_name="Ben"), coordinator)
    client = client_as(coordinator)
    words = text_of(client.get(reverse("cases:search"), {"stage": "closed"}).content.decode())
    assert "1 case found" in words
    assert "Ben Morgan" in words
    assert "Ada Morgan" not in words
    assert "Clear search" in words
    words = text_of(client.get(reverse("cases:search"), {"stage": "open"}).content.decode())
    assert "Ada Morgan" in words
    assert "Ben Morgan" not in words
    words = text_of(client.get(reverse("cases:search"), {"text": "Zed"}).content.decode())
    assert "No cases found" in words


def test_the_filters_are_shown_open_once_one_is_used(
    client_as: Any, coordinator: User, served_la: Organisation
) -> None:
    client = client_as(coordinator)
    closed = '<details class="govuk-details">'
    opened = '<details class="govuk-details" open>'
    assert closed in client.get(reverse("cases:search")).content.decode()
    assert closed in client.get(reverse("cases:search"), {"text": "Ada"}).content.decode()
    chosen = {"local_authority": str(served_la.pk)}
    assert opened in client.get(reverse("cases:search"), chosen).content.decode()
    dated = {"closed_to-day": "1", "closed_to-month": "1", "closed_to-year": "2026"}
    assert opened in client.get(reverse("cases:search"), dated).content.decode()


def test_the_choices_are_those_of_the_persons_services(
    client_as: Any,
    coordinator: User,
    staff: Callable[..., User],
    make_user: Any,
    served_la: Organisation,
) -> None:
    staff("mediator", full_name="Helen Marsh")
    staff("coordinator", full_name="Olu Ade", is_active=False)
    make_user("mediator", full_name="Mo Elsewhere")  # works in no service of ours
    html = client_as(coordinator).get(reverse("cases:search")).content.decode()
    assert "Helen Marsh" in html
    assert "Olu Ade (account closed)" in html
    assert "Mo Elsewhere" not in html
    assert "Islington" in html
    # Someone who works in one service is not asked which.
    assert 'name="service"' not in html


def test_a_manager_chooses_the_service(client_as: Any, make_user: Any, service: Any) -> None:
    from tests.factories.organisations import ServiceFactory

    ServiceFactory.create(name="Kent", reference_prefix="KNT")
    html = client_as(make_user("service_manager")).get(reverse("cases:search")).content.decode()
    assert 'name="service"' in html
    assert "Kent" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"received_from-day": "31", "received_from-month": "2", "received_from-year": "2026"},
         "The received from date must be a real date"),
        ({"received_to-day": "3", "received_to-year": "2026"},
         "The received to date must include a month"),
        ({"closed_from-day": "3", "closed_from-month": "4", "closed_from-year": "26"},
         "Year must include 4 numbers"),
        (
            {
                "closed_from-day": "3", "closed_from-month": "4", "closed_from-year": "2026",
                "closed_to-day": "2", "closed_to-month": "4", "closed_to-year": "2026",
            },
            "The closed to date must be the same as or after the closed from date",
        ),
        ({"text": "x" * 101}, "Reference or name must be 100 characters or fewer"),
    ],
)  # fmt: skip
def test_wrong_dates_get_govuk_errors_and_no_results(
    client_as: Any,
    make_case: Callable[..., Case],
    coordinator: User,
    query: dict[str, str],
    message: str,
) -> None:
    make_case()
    response = client_as(coordinator).get(reverse("cases:search"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert html.count(message) == 2  # the error summary and the field
    assert "<title>Error: Find a case" in html
    assert "found" not in text_of(html)
    assert "Sam Morgan" not in html


def test_a_right_date_range_narrows(
    client_as: Any, make_case: Callable[..., Case], coordinator: User
) -> None:
    make_case(child_first_name="Ada", received_at=dt.datetime(2026, 3, 2, 9, tzinfo=LONDON))
    make_case(child_first_name="Ben", received_at=dt.datetime(2026, 5, 2, 9, tzinfo=LONDON))
    query = {"received_from-day": "1", "received_from-month": "3", "received_from-year": "2026"}
    query |= {"received_to-day": "31", "received_to-month": "3", "received_to-year": "2026"}
    words = text_of(client_as(coordinator).get(reverse("cases:search"), query).content.decode())
    assert "1 case found" in words
    assert "Ada Morgan" in words
    assert "Ben Morgan" not in words


def test_results_come_50_a_page() -> None:
    assert presenters.RESULTS_PAGE_SIZE == 50


def test_results_are_paginated_keeping_the_search(
    client_as: Any, make_case: Callable[..., Case], coordinator: User, monkeypatch: Any
) -> None:
    monkeypatch.setattr(presenters, "RESULTS_PAGE_SIZE", 2)
    for n in range(5):
        make_case(received_at=dt.datetime(2026, 3, 1 + n, 9, tzinfo=LONDON))
    client = client_as(coordinator)
    response = client.get(reverse("cases:search"), {"text": "sam"})
    html = response.content.decode()
    words = text_of(html)
    assert "5 cases found, showing 1 to 2" in words
    assert 'class="govuk-pagination' in html
    assert "?text=sam&amp;page=2" in html
    assert 'aria-current="page"' in html
    assert listed(response) == ["LDN-2026-00005", "LDN-2026-00004"]
    last = client.get(reverse("cases:search"), {"text": "sam", "page": "3"})
    assert listed(last) == ["LDN-2026-00001"]
    assert "5 cases found, showing 5 to 5" in text_of(last.content.decode())
    # A page that is not there shows the nearest one.
    assert listed(client.get(reverse("cases:search"), {"page": "99"})) == ["LDN-2026-00001"]
    assert listed(client.get(reverse("cases:search"), {"page": "x"}))[0] == "LDN-2026-00005"


def test_one_page_has_no_pagination(
    client_as: Any, make_case: Callable[..., Case], coordinator: User
) -> None:
    make_case()
    html = client_as(coordinator).get(reverse("cases:search")).content.decode()
    assert "govuk-pagination" not in html


def _case_in_every_stage(served_la_with_email: Organisation, coordinator: User, n: int) -> None:
    """`n` cases where the family wants mediation, each with a mediator, half of them closed."""
    for i in range(n):
        case = MediationRequestedCaseFactory.create(
            local_authority=served_la_with_email, assigned_to=coordinator
        )
        if i % 2:
            close(case, coordinator)


def test_the_number_of_queries_does_not_grow_with_the_cases(
    client_as: Any,
    served_la_with_email: Organisation,
    coordinator: User,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_as(coordinator)
    _case_in_every_stage(served_la_with_email, coordinator, 2)
    with django_assert_max_num_queries(15):
        client.get(reverse("cases:search"), {"text": "sam"})
    with django_assert_max_num_queries(15):
        client.get(reverse("cases:mine"))
    _case_in_every_stage(served_la_with_email, coordinator, 8)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("cases:search"), {"text": "sam"})
    assert len(listed(response)) == 10
    with django_assert_max_num_queries(15):
        response = client.get(reverse("cases:mine"))
    assert len(listed(response)) == 10


# ---------------------------------------------------------------------------------------------
# My cases
# ---------------------------------------------------------------------------------------------


def test_a_mediator_sees_the_cases_allocated_to_them_counted(
    client_as: Any,
    served_la_with_email: Organisation,
    staff: Callable[..., User],
    coordinator: User,
) -> None:
    helen = staff("mediator", full_name="Helen Marsh", profile=True)
    kept = MediationRequestedCaseFactory.create(
        local_authority=served_la_with_email, child_first_name="Kept"
    )
    closed = MediationRequestedCaseFactory.create(
        local_authority=served_la_with_email, child_first_name="Done"
    )
    MediationRequestedCaseFactory.create(
        local_authority=served_la_with_email, child_first_name="Other"
    )
    for case in (kept, closed):
        mediator_allocate(case=case, mediator=helen, actor=coordinator)
    close(closed, coordinator)
    client = client_as(helen)
    response = client.get(reverse("cases:mine"))
    words = text_of(response.content.decode())
    assert "My cases (1)" in words
    assert "You have 1 open case" in words
    assert "2 cases" in words
    assert words.index("Kept Morgan") < words.index("Done Morgan")  # open first
    assert "Other Morgan" not in words
    # The work queue's "Only my cases" finds the allocated case too.
    queue = text_of(client.get(reverse("cases:queue"), {"mine": "true"}).content.decode())
    assert "Kept Morgan" in queue
    assert "Other Morgan" not in queue


def test_nobody_holds_nothing(client_as: Any, coordinator: User) -> None:
    words = text_of(client_as(coordinator).get(reverse("cases:mine")).content.decode())
    assert "My cases (0)" in words
    assert "You have no open cases" in words
    assert "No cases" in words
    assert "found" not in words


# ---------------------------------------------------------------------------------------------
# The work queue and the navigation
# ---------------------------------------------------------------------------------------------


def test_the_queue_searches_open_cases_and_offers_all_of_them(
    client_as: Any, make_case: Callable[..., Case], coordinator: User
) -> None:
    close(make_case(child_first_name="Ada"), coordinator)
    html = client_as(coordinator).get(reverse("cases:queue"), {"search": "Ada L"}).content.decode()
    assert "No open cases match." in html
    assert "Ada Morgan" not in html
    assert f'href="{reverse("cases:search")}?text=Ada+L"' in html
    assert "Search all cases, including closed" in html


def test_the_navigation_shows_where_you_are(client_as: Any, coordinator: User) -> None:
    client = client_as(coordinator)
    items = navigation(client.get(reverse("cases:search")))
    active = "govuk-service-navigation__item--active"
    assert active in items["Find a case"]
    assert 'aria-current="page"' in items["Find a case"]
    assert active not in items["Work queue"]
    assert active not in items["My cases"]
    items = navigation(client.get(reverse("cases:queue")))
    assert active in items["Work queue"]
    assert active not in items["Find a case"]


def test_partners_have_no_finding_in_their_navigation(client_as: Any) -> None:
    items = navigation(client_as("la_officer").get(reverse("portal:home")))
    assert "Your cases" in items
    assert "Find a case" not in items
    assert "My cases" not in items
