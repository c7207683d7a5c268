"""A case's expense claims: record, send to the LA, settle, and view receipts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.cases.access import case_or_404
from mediation.cases.pages import case_form_page
from mediation.core.actions import run, submit
from mediation.core.lookups import found_or_404
from mediation.expenses import presenters, selectors, services
from mediation.expenses.forms import ClaimForm, SettleForm

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.cases.models import Case
    from mediation.expenses.models import ExpenseClaim


def _list_url(case: Case) -> str:
    return reverse("expenses:list", kwargs={"case_id": case.pk})


def _claim_or_404(case: Case, claim_id: UUID) -> ExpenseClaim:
    return found_or_404(selectors.claim_get(case=case, claim_id=claim_id), "No such claim")


def _form_page(
    request: HttpRequest,
    case: Case,
    form: ClaimForm | SettleForm,
    title: str,
    submit_label: str,
) -> HttpResponse:
    """A question about a claim: back to the case, or Cancel back to the claims."""
    # Only the claim form uploads a file (its receipt).
    enctype = "multipart/form-data" if isinstance(form, ClaimForm) else None
    cancel = _list_url(case)
    return case_form_page(
        request, case, form, title, submit_label, cancel_to=cancel, enctype=enctype
    )


@policy.policy_required("staff.workspace")
def claim_list(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.view")
    may_edit = policy.can(request.user, "case.edit", case)
    cards = presenters.claim_cards(selectors.claims_for_case(case=case), may_edit=may_edit)
    context = {"title": "Expenses", "case": case, "cards": cards, "may_edit": may_edit}
    return render(request, "expenses/list.html", context)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def claim_new(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.edit")
    form = ClaimForm(
        request.POST or None, request.FILES or None, initial={"claimant": case.applicant_name}
    )
    done = submit(
        request,
        form,
        lambda: services.claim_record(case=case, actor=signed_in(request), **form.answers()),
        success="Expense claim recorded",
        redirect_to=_list_url(case),
        fields={"receipts": "receipt"},
    )
    return done or _form_page(request, case, form, "Record an expense claim", "Save claim")


@policy.policy_required("staff.workspace")
@require_POST
def claim_send(request: HttpRequest, case_id: UUID, claim_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.edit")
    claim = _claim_or_404(case, claim_id)
    return run(
        request,
        lambda: services.claim_send(claim=claim, actor=signed_in(request)),
        success=f"Claim sent to {case.local_authority.name}",
        redirect_to=_list_url(case),
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def claim_settle(request: HttpRequest, case_id: UUID, claim_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.edit")
    claim = _claim_or_404(case, claim_id)
    form = SettleForm(request.POST or None, initial={"on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda: services.claim_settle(claim=claim, actor=signed_in(request), **form.answers()),
        success="Claim updated",
        redirect_to=_list_url(case),
    )
    return done or _form_page(request, case, form, presenters.settle_title(claim), "Save")


@policy.policy_required("staff.workspace")
def receipt(request: HttpRequest, case_id: UUID, receipt_id: UUID) -> FileResponse:
    case = case_or_404(request, case_id, "case.view")
    found = found_or_404(selectors.receipt_get(case=case, receipt_id=receipt_id), "No such receipt")
    return FileResponse(
        found.file.open("rb"), content_type=found.content_type, filename=found.original_name
    )
