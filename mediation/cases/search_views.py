"""Finding cases: "Find a case" over open and closed cases, and "My cases"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import render
from django.views.decorators.http import require_GET

from mediation import policy
from mediation.accounts import selectors as account_selectors
from mediation.accounts.actors import signed_in
from mediation.cases import presenters, selectors
from mediation.cases.search_forms import CaseSearchForm
from mediation.directory import selectors as directory_selectors

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from mediation.accounts.actors import Actor


def _search_form(request: HttpRequest, user: Actor) -> CaseSearchForm:
    """The form, its choices those of the services this person works in (a manager: all)."""
    services = list(
        directory_selectors.service_list()
        if policy.is_manager(user)
        else directory_selectors.services_of_user(user=user)
    )
    return CaseSearchForm(
        request.GET or None,
        services=services,
        local_authorities=directory_selectors.local_authorities_served(services=services),
        staff=account_selectors.staff_of_services(services=services),
    )


@policy.policy_required("case.search")
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Every case of the person's services, open or closed, newest first, narrowed by the search
    (nothing is searched while a filter is wrong: the errors say what to correct)."""
    user = signed_in(request)
    form = _search_form(request, user)
    cases = None
    if not form.is_bound:
        cases = selectors.case_search(user=user, criteria=selectors.CaseSearch())
    elif form.is_valid():
        cases = selectors.case_search(user=user, criteria=form.criteria())
    context = presenters.search_page(
        form=form, cases=cases, query=request.GET, narrowed=form.is_narrowed()
    )
    return render(request, "cases/search.html", context)


@policy.policy_required("case.search")
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The cases this person holds (assigned, advised, or mediated by them), the open ones first."""
    user = signed_in(request)
    context = presenters.my_cases_page(
        cases=selectors.cases_held(user=user),
        open_count=selectors.open_cases_held_count(user=user),
        query=request.GET,
    )
    return render(request, "cases/mine.html", context)
