"""A case's expense claims: record, send to the LA, settle, and view receipts."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mediation import policy
from mediation.cases import selectors as case_selectors
from mediation.core.errors import ApplicationError
from mediation.expenses import selectors, services
from mediation.expenses.forms import ClaimForm, SettleForm


def _case(case_id: UUID, user: Any, action: str) -> Any:
    case = case_selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    policy.require(user, action, case)
    return case


def _list_url(case: Any) -> str:
    return reverse("expenses:list", kwargs={"case_id": case.pk})


@policy.policy_required("staff.workspace")
def claim_list(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user, "case.view")
    return render(
        request,
        "expenses/list.html",
        {
            "title": "Expenses",
            "case": case,
            "claims": selectors.claims_for_case(case=case),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def claim_new(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user, "case.edit")
    form = ClaimForm(
        request.POST or None, request.FILES or None, initial={"claimant": case.applicant_name}
    )
    if request.method == "POST" and form.is_valid():
        receipt = form.cleaned_data.get("receipt")
        try:
            services.claim_record(
                case=case,
                claimant=form.cleaned_data["claimant"],
                description=form.cleaned_data["description"],
                amount=form.cleaned_data["amount"],
                receipts=[receipt] if receipt else [],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error("receipt" if "file" in exc.message.lower() else None, exc.message)
        else:
            messages.success(request, "Expense claim recorded")
            return redirect(_list_url(case))
    return render(
        request,
        "expenses/form.html",
        {
            "title": "Record an expense claim",
            "case": case,
            "form": form,
            "submit": "Save claim",
            "multipart": True,
        },
    )


@policy.policy_required("staff.workspace")
@require_POST
def claim_send(request: HttpRequest, case_id: UUID, claim_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user, "case.edit")
    claim = selectors.claim_get(case=case, claim_id=claim_id)
    if claim is None:
        raise Http404("No such claim")
    try:
        services.claim_send(claim=claim, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Claim sent to {case.local_authority.name}")
    return redirect(_list_url(case))


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def claim_settle(request: HttpRequest, case_id: UUID, claim_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user, "case.edit")
    claim = selectors.claim_get(case=case, claim_id=claim_id)
    if claim is None:
        raise Http404("No such claim")
    form = SettleForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_settle(
                claim=claim,
                paid=form.cleaned_data["outcome"] == "paid",
                on=form.cleaned_data["on"],
                la_reference=form.cleaned_data["la_reference"],
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Claim updated")
            return redirect(_list_url(case))
    return render(
        request,
        "expenses/form.html",
        {
            "title": f"The local authority's decision on £{claim.amount:.2f}",
            "case": case,
            "form": form,
            "submit": "Save",
        },
    )


@policy.policy_required("staff.workspace")
def receipt(request: HttpRequest, case_id: UUID, receipt_id: UUID) -> FileResponse:
    case = _case(case_id, request.user, "case.view")
    found = selectors.receipt_get(case=case, receipt_id=receipt_id)
    if found is None:
        raise Http404("No such receipt")
    return FileResponse(
        found.file.open("rb"), content_type=found.content_type, filename=found.original_name
    )
