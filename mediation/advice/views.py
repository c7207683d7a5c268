"""Booking and recording the mediation information call, and the family's decision."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.advice import presenters, selectors, services
from mediation.advice.forms import BookCallForm, DecisionForm, LaToldForm, RecordCallForm
from mediation.advice.models import CallStatus
from mediation.cases.access import case_or_404
from mediation.cases.pages import case_form_page
from mediation.core.actions import submit
from mediation.core.lookups import found_or_404
from mediation.directory import selectors as directory_selectors

if TYPE_CHECKING:
    from mediation.advice.models import InformationCall


def _call(request: HttpRequest, call_id: UUID) -> InformationCall:
    """The call (404 if none), if this user may manage its case's information call (403)."""
    call = found_or_404(selectors.call_get(call_id=call_id), "No such call")
    policy.require(request.user, "mias.manage", call.case)
    return call


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "mias.manage")
    actor = signed_in(request)
    advisers = selectors.advisers_for_case(case=case)
    initial = presenters.book_initial(case=case, actor=actor, advisers=advisers)
    form = BookCallForm(request.POST or None, initial=initial, advisers=advisers)
    done = submit(
        request,
        form,
        lambda: services.call_book(case=case, actor=actor, **form.answers()),
        success="Information call booked",
        redirect_to=presenters.case_url(case),
        fields={"scheduled_for": "time"},
    )
    context = {"title": "Book the information call", "case": case, "form": form}
    return done or render(request, "advice/book.html", context)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, call_id: UUID) -> HttpResponse:
    call = _call(request, call_id)
    if call.status != CallStatus.BOOKED:
        messages.info(request, "This call has already been recorded")
        return redirect(presenters.case_url(call.case))
    form = RecordCallForm(request.POST or None, initial=presenters.record_initial(call))
    done = submit(
        request,
        form,
        lambda: services.call_record(call=call, actor=signed_in(request), **form.answers()),
        success=presenters.call_recorded,
        redirect_to=presenters.after_call,
        fields={"given_at": "day"},
    )
    context = {"title": "Record the information call", "case": call.case, "call": call}
    return done or render(request, "advice/record.html", {**context, "form": form})


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "mias.manage")
    icbs = directory_selectors.icb_list() if case.health_issues else None
    form = DecisionForm(
        request.POST or None, icbs=icbs, initial={"decided_on": timezone.localdate()}
    )
    done = submit(
        request,
        form,
        lambda: services.decision_record(
            case=case,
            call=selectors.last_call_given(case=case),
            actor=signed_in(request),
            **form.answers(),
        ),
        success="The family's decision is recorded",
        redirect_to=presenters.case_url(case),
    )
    context = {"title": "Record the family's decision", "case": case, "form": form}
    return done or render(request, "advice/decide.html", context)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def la_told(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "mias.manage")
    form = LaToldForm(request.POST or None, initial={"told_on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda: services.la_told_record(case=case, actor=signed_in(request), **form.answers()),
        success="Recorded when the local authority was told",
        redirect_to=presenters.case_url(case),
    )
    return done or case_form_page(request, case, form, "Record when the local authority was told")
