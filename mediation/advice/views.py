"""Booking and recording the mediation information call, and the family's decision."""

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
from mediation.advice import selectors, services
from mediation.advice.forms import BookCallForm, DecisionForm, LaToldForm, RecordCallForm
from mediation.advice.models import CallStatus
from mediation.cases import selectors as case_selectors
from mediation.core.errors import ApplicationError
from mediation.directory import selectors as directory_selectors

ADVISER_ROLES = {"mediation_adviser", "mediator"}


def _case_or_404(case_id: UUID) -> Any:
    case = case_selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    return case


def _case_url(case: Any) -> str:
    return reverse("casework:detail", kwargs={"case_id": case.pk})


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "mias.manage", case)
    advisers = [
        u
        for u in account_selectors.staff_of_service(service=case.service)
        if u.role in ADVISER_ROLES
    ]
    initial = {
        "phone_number": case.applicant_phone,
        "method": "phone",
        "adviser": str(request.user.pk) if request.user in advisers else "",
    }
    form = BookCallForm(request.POST or None, initial=initial, advisers=advisers)
    if request.method == "POST" and form.is_valid():
        adviser = next(a for a in advisers if str(a.pk) == form.cleaned_data["adviser"])
        try:
            services.call_book(
                case=case,
                scheduled_for=form.cleaned_data["scheduled_for"],
                adviser=adviser,
                method=form.cleaned_data["method"],
                phone_number=form.cleaned_data["phone_number"],
                video_link=form.cleaned_data["video_link"] or "",
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Information call booked")
            return redirect(_case_url(case))
    return render(
        request,
        "advice/book.html",
        {
            "title": "Book the information call",
            "case": case,
            "form": form,
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, call_id: UUID) -> HttpResponse:
    call = selectors.call_get(call_id=call_id)
    if call is None:
        raise Http404("No such call")
    case = call.case
    policy.require(request.user, "mias.manage", case)
    if call.status != CallStatus.BOOKED:
        messages.info(request, "This call has already been recorded")
        return redirect(_case_url(case))
    form = RecordCallForm(
        request.POST or None,
        initial={
            "happened": "yes",
            "day": timezone.localdate(),
            "time": timezone.localtime(call.scheduled_for).strftime("%H:%M"),
            "duration": 20,
        },
    )
    if request.method == "POST" and form.is_valid():
        given = form.cleaned_data["happened"] == "yes"
        try:
            services.call_record(
                call=call,
                given=given,
                given_at=form.cleaned_data.get("given_at"),
                duration_minutes=form.cleaned_data.get("duration"),
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            if given:
                messages.success(request, "Call recorded. Now record what the family decided.")
                return redirect(reverse("advice:decide", kwargs={"case_id": case.pk}))
            messages.success(request, "Missed call recorded. Book another call.")
            return redirect(_case_url(case))
    return render(
        request,
        "advice/record.html",
        {
            "title": "Record the information call",
            "case": case,
            "call": call,
            "form": form,
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "mias.manage", case)
    icbs = directory_selectors.icb_list() if case.health_issues else None
    form = DecisionForm(
        request.POST or None, icbs=icbs, initial={"decided_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        icb = None
        if form.cleaned_data.get("icb"):
            icb = directory_selectors.organisation_get(organisation_id=form.cleaned_data["icb"])
        last_call = selectors.calls_for_case(case=case).filter(status=CallStatus.GIVEN).first()
        try:
            services.decision_record(
                case=case,
                outcome=form.cleaned_data["outcome"],
                decided_on=form.cleaned_data["decided_on"],
                follow_up_on=form.cleaned_data.get("follow_up_on"),
                notes=form.cleaned_data["notes"],
                icb=icb,
                call=last_call,
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "The family's decision is recorded")
            return redirect(_case_url(case))
    return render(
        request,
        "advice/decide.html",
        {
            "title": "Record the family's decision",
            "case": case,
            "form": form,
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def la_told(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "mias.manage", case)
    form = LaToldForm(request.POST or None, initial={"told_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.la_told_record(
                case=case,
                told_on=form.cleaned_data["told_on"],
                how=form.cleaned_data["how"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Recorded when the local authority was told")
            return redirect(_case_url(case))
    return render(
        request,
        "cases/form_page.html",
        {
            "title": "Record when the local authority was told",
            "case": case,
            "form": form,
            "submit": "Save",
        },
    )
