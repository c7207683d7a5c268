"""Case work: the work queue and the actions on a case (the case page is `mediation.casework`)."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mediation import policy
from mediation.accounts import selectors as account_selectors
from mediation.accounts.actors import signed_in
from mediation.cases import presenters, selectors, services
from mediation.cases.access import case_or_404
from mediation.cases.choices import Route
from mediation.cases.forms import (
    AssignForm,
    CloseForm,
    ConsentForm,
    QueueFilterForm,
    RouteForm,
    SafeguardingForm,
)
from mediation.cases.pages import case_form_page, case_url
from mediation.core.actions import submit
from mediation.directory import selectors as directory_selectors


@policy.policy_required("staff.workspace")
def queue(request: HttpRequest) -> HttpResponse:
    """Open cases, the nearest statutory date first, with overdue and due-soon highlighted."""
    user = signed_in(request)
    services_qs = (
        directory_selectors.service_list()
        if policy.is_manager(user)
        else directory_selectors.services_of_user(user=user)
    )
    local_authorities = directory_selectors.local_authorities_served(services=services_qs)
    form = QueueFilterForm(request.GET or None, local_authorities=local_authorities)
    filters = selectors.QueueFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.QueueFilters(
            local_authority_id=form.cleaned_data["local_authority"],
            stage=form.cleaned_data["stage"],
            assigned_to_me=form.cleaned_data["mine"],
            search=form.cleaned_data["search"],
        )
    cases = selectors.work_queue(user=user, filters=filters)
    return render(
        request,
        "cases/queue.html",
        {
            "title": "Work queue",
            "form": form,
            "rows": presenters.queue_rows(cases, today=timezone.localdate()),
            "counts": presenters.stage_counts(selectors.stage_counts(user=user)),
            "filtered": presenters.is_filtered(filters),
            "search_all_url": presenters.search_all_url(filters.search),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def route(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.route")
    initial = {"route": case.route or case.proposed_route}
    form = RouteForm(request.POST or None, initial=initial, proposed=case.proposed_route)
    done = submit(
        request,
        form,
        lambda: services.case_confirm_route(case=case, actor=signed_in(request), **form.answers()),
        success=lambda confirmed: f"Route confirmed: {Route(confirmed.route).label}",
        redirect_to=case_url(case),
    )
    return done or render(
        request, "cases/route.html", {"title": "Confirm the route", "case": case, "form": form}
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.assign")
    people = {str(p.pk): p for p in account_selectors.staff_of_service(service=case.service)}
    initial = {"assignee": str(case.assigned_to_id) if case.assigned_to_id else ""}
    form = AssignForm(request.POST or None, initial=initial, people=people.values())
    done = submit(
        request,
        form,
        lambda: services.case_assign(
            case=case, assignee=people[form.cleaned_data["assignee"]], actor=signed_in(request)
        ),
        success=lambda assigned: (
            f"Case assigned to {people[str(assigned.assigned_to_id)].full_name}"
        ),
        redirect_to=case_url(case),
    )
    return done or case_form_page(request, case, form, "Assign the case", "Assign")


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.edit")
    form = ConsentForm(request.POST or None, initial={"given_by": case.applicant_name})
    done = submit(
        request,
        form,
        lambda: services.consent_record(case=case, actor=signed_in(request), **form.answers()),
        success="Permission recorded",
        redirect_to=case_url(case),
    )
    return done or case_form_page(request, case, form, "Record a permission")


RESTRICTED_NOTES_WARNING = (
    "A concern is already recorded. Anything you write is added to it; only the service manager "
    "and the caseworker holding the case can read it."
)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def safeguarding(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.safeguarding.record")
    may_read = policy.can(request.user, "case.safeguarding.read", case)
    initial = {
        "concern": "yes" if case.safeguarding_concern else "no",
        # Someone who may not read the notes cannot see (or overwrite) them either.
        "notes": case.safeguarding_notes if may_read else "",
    }
    form = SafeguardingForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda: services.case_update_safeguarding(
            case=case, keep_earlier_notes=not may_read, actor=signed_in(request), **form.answers()
        ),
        success="Safeguarding record updated",
        redirect_to=case_url(case),
    )
    warning = RESTRICTED_NOTES_WARNING if case.safeguarding_concern and not may_read else None
    return done or case_form_page(request, case, form, "Safeguarding", warning=warning)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.close")
    form = CloseForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.case_close(
            case=case, reason=form.cleaned_data["reason"], actor=signed_in(request)
        ),
        success=f"Case {case.reference} closed",
        redirect_to=case_url(case),
    )
    return done or case_form_page(request, case, form, "Close the case", "Close case")
