"""Case work: the work queue, the case page, and the actions on a case."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mediation import policy
from mediation.accounts import selectors as account_selectors
from mediation.advice import selectors as advice_selectors
from mediation.agreements import selectors as agreement_selectors
from mediation.cases import clock, selectors, services
from mediation.cases.choices import Route, Stage
from mediation.cases.forms import (
    AssignForm,
    CloseForm,
    ConsentForm,
    QueueFilterForm,
    RouteForm,
    SafeguardingForm,
)
from mediation.cases.models import Case
from mediation.certificates import selectors as certificate_selectors
from mediation.core.errors import ApplicationError
from mediation.directory import selectors as directory_selectors
from mediation.meetings import selectors as meeting_selectors
from mediation.panel import selectors as panel_selectors
from mediation.preparation import selectors as preparation_selectors
from mediation.rules import RulesInputError, rights_change_date, rights_holder


def _case_or_404(case_id: UUID) -> Case:
    case = selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    return case


def _detail_url(case: Case) -> str:
    return reverse("cases:detail", kwargs={"case_id": case.pk})


@policy.policy_required("staff.workspace")
def queue(request: HttpRequest) -> HttpResponse:
    """Open cases, the nearest statutory date first, with overdue and due-soon highlighted."""
    user = request.user
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
    rows = selectors.work_queue(user=user, filters=filters)
    counts = selectors.stage_counts(user=user)
    return render(
        request,
        "cases/queue.html",
        {
            "title": "Work queue",
            "form": form,
            "rows": rows,
            "counts": [(Stage(key), n) for key, n in counts.items()],
            "filtered": any(
                [filters.local_authority_id, filters.stage, filters.assigned_to_me, filters.search]
            ),
        },
    )


def _young_person_notice(case: Case, today: dt.date) -> dict[str, Any] | None:
    """Who holds the rights, and whether that changes while the case is open."""
    dob = case.child_date_of_birth
    try:
        holder = rights_holder(dob, today)
        start = timezone.localtime(case.received_at).date()
        # Cases can run for months: flag a change from the referral to a year ahead.
        change = rights_change_date(dob, min(start, today), today + dt.timedelta(days=365))
    except RulesInputError:
        return None
    return {
        "holder": holder,
        "change": change,
        "past": change is not None and change <= today,
        "applicant_mismatch": holder == "young_person" and case.applicant_role == "parent_carer",
    }


@policy.policy_required("staff.workspace")
def detail(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "case.view", case)
    today = timezone.localdate()
    case_clock = clock.case_clock(case, today=today)
    may_read_safeguarding = policy.can(request.user, "case.safeguarding.read", case)
    timeline = selectors.case_timeline(case=case, include_restricted=may_read_safeguarding)
    return render(
        request,
        "cases/detail.html",
        {
            "title": f"{case.reference}: {case.child_name}",
            "case": case,
            "clock": case_clock,
            "deadlines": list(case_clock.deadlines),
            "young_person": _young_person_notice(case, today),
            "consents": selectors.latest_consents(case=case),
            "timeline": timeline,
            "may_read_safeguarding": may_read_safeguarding,
            "calls": advice_selectors.calls_for_case(case=case),
            "mediator": panel_selectors.case_mediator_summary(case=case),
            "agreement_overview": agreement_selectors.case_agreement_overview(case=case),
            "current_meeting": meeting_selectors.current_meeting(case=case),
            "meeting_panel": meeting_selectors.case_meeting_panel(case=case),
            "preparation": preparation_selectors.preparation_overview(case=case),
            "certificates": certificate_selectors.certificates_for_case(case=case),
            "today": today,
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def route(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "case.route", case)
    initial = {"route": case.route or case.proposed_route}
    form = RouteForm(request.POST or None, initial=initial, proposed=case.proposed_route)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_confirm_route(
                case=case,
                route=form.cleaned_data["route"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Route confirmed: {Route(case.route).label}")
            return redirect(_detail_url(case))
    return render(
        request,
        "cases/route.html",
        {"title": "Confirm the route", "case": case, "form": form},
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "case.assign", case)
    people = list(account_selectors.staff_of_service(service=case.service))
    initial = {"assignee": str(case.assigned_to_id) if case.assigned_to_id else ""}
    form = AssignForm(request.POST or None, initial=initial, people=people)
    if request.method == "POST" and form.is_valid():
        assignee = next(p for p in people if str(p.pk) == form.cleaned_data["assignee"])
        services.case_assign(case=case, assignee=assignee, actor=request.user)
        messages.success(request, f"Case assigned to {assignee.full_name}")
        return redirect(_detail_url(case))
    return render(
        request,
        "cases/form_page.html",
        {
            "title": "Assign the case",
            "case": case,
            "form": form,
            "submit": "Assign",
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "case.edit", case)
    form = ConsentForm(request.POST or None, initial={"given_by": case.applicant_name})
    if request.method == "POST" and form.is_valid():
        services.consent_record(
            case=case,
            kind=form.cleaned_data["kind"],
            given=form.cleaned_data["given"] == "yes",
            given_by=form.cleaned_data["given_by"],
            method=form.cleaned_data["method"],
            notes=form.cleaned_data["notes"],
            actor=request.user,
        )
        messages.success(request, "Permission recorded")
        return redirect(_detail_url(case))
    return render(
        request,
        "cases/form_page.html",
        {
            "title": "Record a permission",
            "case": case,
            "form": form,
            "submit": "Save",
        },
    )


RESTRICTED_NOTES_WARNING = (
    "A concern is already recorded. Anything you write is added to it; only the service manager "
    "and the caseworker holding the case can read it."
)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def safeguarding(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "case.safeguarding.record", case)
    may_read = policy.can(request.user, "case.safeguarding.read", case)
    initial = {
        "concern": "yes" if case.safeguarding_concern else "no",
        # Someone who may not read the notes cannot see (or overwrite) them either.
        "notes": case.safeguarding_notes if may_read else "",
    }
    form = SafeguardingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        notes = form.cleaned_data["notes"].strip()
        if not may_read and case.safeguarding_notes:
            notes = f"{case.safeguarding_notes}\n\n{notes}".strip()
        services.case_update_safeguarding(
            case=case,
            concern=form.cleaned_data["concern"] == "yes",
            notes=notes,
            actor=request.user,
        )
        messages.success(request, "Safeguarding record updated")
        return redirect(_detail_url(case))
    return render(
        request,
        "cases/form_page.html",
        {
            "title": "Safeguarding",
            "case": case,
            "form": form,
            "submit": "Save",
            "warning": RESTRICTED_NOTES_WARNING
            if case.safeguarding_concern and not may_read
            else None,
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "case.close", case)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(case=case, reason=form.cleaned_data["reason"], actor=request.user)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Case {case.reference} closed")
            return redirect(_detail_url(case))
    return render(
        request,
        "cases/form_page.html",
        {
            "title": "Close the case",
            "case": case,
            "form": form,
            "submit": "Close case",
        },
    )
