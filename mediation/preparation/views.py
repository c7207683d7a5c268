"""The service's side of preparing a meeting, and reading a case summary (staff and partners)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mediation import policy
from mediation.accounts import selectors as account_selectors
from mediation.accounts.actors import signed_in
from mediation.cases import clock
from mediation.cases import selectors as case_selectors
from mediation.core.errors import ApplicationError
from mediation.preparation import selectors, services
from mediation.preparation.choices import CHILD_VIEWS_QUESTIONS, Visibility
from mediation.preparation.forms import (
    ChildViewsForm,
    ConfirmForm,
    IntroContactForm,
    SummaryForm,
    WithdrawForm,
)
from mediation.preparation.models import CaseSummary

CONTACT_ROLES = ("service_manager", "coordinator", "mediator")


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one binds the form), or None for a GET."""
    return request.POST if request.method == "POST" else None


def _uploaded(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def _case_or_404(case_id: UUID) -> Any:
    case = case_selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    return case


def _summary_or_404(summary_id: UUID) -> CaseSummary:
    summary = selectors.summary_get(summary_id=summary_id)
    if summary is None:
        raise Http404("No such case summary")
    return summary


def _overview_url(case: Any) -> str:
    return reverse("preparation:overview", kwargs={"case_id": case.pk})


def _back_from_summary(user: Any, summary: CaseSummary) -> tuple[str, str]:
    """Where a summary's pages lead back to: the partner's case page, or the preparation page."""
    if policy.is_partner(user):
        return reverse("portal:case", kwargs={"case_id": summary.case_id}), "Back to the case"
    return _overview_url(summary.case), "Back to preparation"


@policy.policy_required("staff.workspace")
@require_GET
def overview(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "preparation.view", case)
    return render(
        request,
        "preparation/overview.html",
        {
            "title": f"Preparing for the meeting: {case.reference}",
            "case": case,
            "overview": selectors.preparation_overview(case=case),
            "mediation_due": clock.case_clock(case).deadlines.get("mediation_due"),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def intro_contact(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "preparation.manage", case)
    parties = list(case.parties.select_related("organisation"))
    people = [
        p
        for p in account_selectors.staff_of_service(service=case.service)
        if p.role in CONTACT_ROLES
    ]
    user: Any = request.user
    if user not in people:
        people.insert(0, user)
    initial: dict[str, Any] = {
        "made_by": str(request.user.pk),
        "contacted_on": timezone.localdate(),
    }
    chosen = request.GET.get("party")
    if chosen and any(str(p.pk) == chosen for p in parties):
        initial["party"] = chosen
    form = IntroContactForm(_posted(request), initial=initial, parties=parties, people=people)
    if request.method == "POST" and form.is_valid():
        party = next(p for p in parties if str(p.pk) == form.cleaned_data["party"])
        made_by = next(p for p in people if str(p.pk) == form.cleaned_data["made_by"])
        try:
            services.intro_contact_record(
                case=case,
                party=party,
                contacted_on=form.cleaned_data["contacted_on"],
                method=form.cleaned_data["method"],
                made_by=made_by,
                spoke_to=form.cleaned_data["spoke_to"],
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Introductory contact with {party.name} recorded")
            return redirect(_overview_url(case))
    return render(
        request,
        "preparation/form_page.html",
        {
            "title": "Record an introductory contact",
            "case": case,
            "form": form,
            "submit": "Save contact",
            "no_parties": not parties,
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def summary_add(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Staff add a case summary for a party: usually the family's, who have no account."""
    case = _case_or_404(case_id)
    policy.require(request.user, "preparation.manage", case)
    parties = list(case.parties.select_related("organisation"))
    initial: dict[str, Any] = {}
    family = next((p for p in parties if p.is_family), None)
    if family is not None:
        initial = {"party": str(family.pk), "submitted_by_name": case.applicant_name}
    form = SummaryForm(_posted(request), _uploaded(request), initial=initial, parties=parties)
    if request.method == "POST" and form.is_valid():
        party = next(p for p in parties if str(p.pk) == form.cleaned_data["party"])
        policy.require(request.user, "summary.submit", party)
        try:
            services.summary_submit(
                case=case,
                party=party,
                visibility=form.cleaned_data["visibility"],
                submitted_by_name=form.cleaned_data["submitted_by_name"],
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["file"] or None,
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            label = Visibility(form.cleaned_data["visibility"]).label.lower()
            messages.success(request, f"Case summary from {party.name} added ({label})")
            return redirect(_overview_url(case))
    return render(
        request,
        "preparation/form_page.html",
        {
            "title": "Add a case summary",
            "case": case,
            "form": form,
            "submit": "Add case summary",
            "enctype": "multipart/form-data",
            "no_parties": not parties,
        },
    )


@policy.policy_required("signed_in.home")
@require_GET
def summary(request: HttpRequest, summary_id: UUID) -> HttpResponse:
    summary = _summary_or_404(summary_id)
    policy.require(request.user, "summary.read", summary)
    back_href, back_text = _back_from_summary(request.user, summary)
    return render(
        request,
        "preparation/summary.html",
        {
            "title": f"Case summary from {summary.party.name}",
            "summary": summary,
            "case": summary.case,
            "back_href": back_href,
            "back_text": back_text,
            "show_child_name": not policy.is_partner(signed_in(request)),
        },
    )


@policy.policy_required("signed_in.home")
@require_GET
def summary_file(request: HttpRequest, summary_id: UUID) -> FileResponse:
    summary = _summary_or_404(summary_id)
    policy.require(request.user, "summary.read", summary)
    if not summary.has_file:
        raise Http404("This case summary has no file")
    response = FileResponse(
        summary.file.open("rb"),
        content_type=summary.mimetype,
        as_attachment=True,
        filename=summary.file_name,
    )
    # Holds a child's details: never kept by a shared cache or the browser's back button.
    response["Cache-Control"] = "private, no-store"
    return response


@policy.policy_required("signed_in.home")
@require_http_methods(["GET", "POST"])
def summary_withdraw(request: HttpRequest, summary_id: UUID) -> HttpResponse:
    summary = _summary_or_404(summary_id)
    policy.require(request.user, "summary.withdraw", summary)
    back_href, back_text = _back_from_summary(request.user, summary)
    form = WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.summary_withdraw(
                summary=summary, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Case summary from {summary.party.name} withdrawn")
            return redirect(back_href)
    return render(
        request,
        "preparation/withdraw.html",
        {
            "title": "Withdraw the case summary",
            "summary": summary,
            "case": summary.case,
            "form": form,
            "back_href": back_href,
            "back_text": back_text,
            "show_child_name": not policy.is_partner(signed_in(request)),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def child_views(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "childviews.record", case)
    existing = selectors.child_views_for_case(case=case)
    initial: dict[str, Any] = {"completed_on": timezone.localdate()}
    if existing is not None:
        initial = {
            "completed_by": existing.completed_by,
            "completed_on": existing.completed_on,
            "visibility": existing.visibility,
            "joins_meeting_note": existing.joins_meeting_note,
            "joining_agreed_by": [
                who
                for who, agreed in (
                    ("parent", existing.parent_agrees),
                    ("mediator", existing.mediator_agrees),
                )
                if agreed
            ],
            "completed_by_name": existing.completed_by_name,
            **{name: getattr(existing, name) for name, _ in CHILD_VIEWS_QUESTIONS},
        }
    form = ChildViewsForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.child_views_record(
                case=case,
                completed_by=data["completed_by"],
                completed_by_name=data["completed_by_name"],
                completed_on=data["completed_on"],
                visibility=data["visibility"],
                answers={name: data[name] for name, _ in CHILD_VIEWS_QUESTIONS},
                joins_meeting_note=data["joins_meeting_note"],
                parent_agrees=form.parent_agrees,
                mediator_agrees=form.mediator_agrees,
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{case.child_first_name}'s views saved")
            return redirect(_overview_url(case))
    return render(
        request,
        "preparation/child_views.html",
        {"title": "My views", "case": case, "form": form, "existing": existing},
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def exchange(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Check, then send, each party the summaries the other parties shared."""
    case = _case_or_404(case_id)
    policy.require(request.user, "preparation.manage", case)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            result = services.summaries_exchange(case=case, actor=request.user)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            sent = len(result.sent)
            messages.success(
                request,
                f"Shared case summaries sent to {sent} {'party' if sent == 1 else 'parties'}",
            )
            return redirect(_overview_url(case))
    return render(
        request,
        "preparation/exchange.html",
        {
            "title": "Send the shared case summaries",
            "case": case,
            "form": form,
            "plan": selectors.exchange_plan(case=case),
        },
    )
