"""The outcome of a mediation and its written agreement (staff of the case's service)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.agreements import presenters, selectors, services
from mediation.agreements.choices import AGREEMENT_OUTCOMES
from mediation.agreements.forms import (
    AgreementDateForm,
    ConfirmationForm,
    DisputeForm,
    FinaliseForm,
    ItemForm,
    OutcomeForm,
    item_initial,
    new_item_initial,
)
from mediation.cases.access import case_or_404, party_or_404
from mediation.cases.pages import case_form_page, case_url
from mediation.core.actions import run, submit
from mediation.core.lookups import found_or_404
from mediation.core.responses import PDF, file_response, private

if TYPE_CHECKING:
    from uuid import UUID

    from django import forms

    from mediation.agreements.models import Agreement, Outcome
    from mediation.cases.models import Case


NO_AGREEMENT = "This case has no written agreement"


def _agreement_or_404(case: Case) -> Agreement:
    agreement = selectors.agreement_for_case(case=case, include_draft=True)
    return found_or_404(agreement, NO_AGREEMENT)


def _builder_url(case: Case) -> str:
    return reverse("agreements:builder", kwargs={"case_id": case.pk})


def _form_page(request: HttpRequest, case: Case, form: forms.Form, title: str) -> HttpResponse:
    """One form about the agreement, with a way back to it."""
    back = {"back_to": _builder_url(case), "back_text": "Back to the agreement"}
    return case_form_page(request, case, form, title, **back)


# ---------------------------------------------------------------------------------------------
# The outcome
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.manage")
    agreement = selectors.agreement_for_case(case=case, include_draft=True)
    if agreement is not None and agreement.is_final:
        messages.info(request, "The written agreement has been sent, so the outcome cannot change")
        return redirect(_builder_url(case))
    existing = selectors.outcome_for_case(case=case)
    dr = case.is_disagreement_resolution
    initial = presenters.outcome_initial(case=case, existing=existing)
    form = OutcomeForm(request.POST or None, initial=initial, disagreement_resolution=dr)
    done = submit(
        request,
        form,
        lambda: services.outcome_record(case=case, actor=signed_in(request), **form.answers()),
        success=presenters.outcome_recorded,
        redirect_to=lambda record: _after_outcome(case, record),
    )
    page = presenters.outcome_page(case=case, existing=existing)
    return done or render(request, "agreements/outcome.html", {**page, "form": form})


def _after_outcome(case: Case, record: Outcome) -> str:
    """An outcome with an agreement goes on to writing it; any other, back to the case."""
    return _builder_url(case) if record.outcome in AGREEMENT_OUTCOMES else case_url(case)


# ---------------------------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_GET
def builder(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.view")
    page = presenters.builder_page(case=case, viewer=signed_in(request))
    return render(request, "agreements/builder.html", found_or_404(page, NO_AGREEMENT))


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def agreement_date(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.manage")
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    form = AgreementDateForm(request.POST or None, initial={"agreed_on": agreement.agreed_on})
    done = submit(
        request,
        form,
        lambda: services.agreement_update(
            agreement=agreement, agreed_on=form.cleaned_data["agreed_on"], actor=signed_in(request)
        ),
        success="Date of the agreement saved",
        redirect_to=_builder_url(case),
    )
    return done or _form_page(request, case, form, "Date of the agreement")


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def dispute(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.manage")
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    initial = {"matters_in_dispute": agreement.matters_in_dispute}
    form = DisputeForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda: services.agreement_dispute_update(
            agreement=agreement,
            matters_in_dispute=form.cleaned_data["matters_in_dispute"],
            actor=signed_in(request),
        ),
        success="Matters still in dispute saved",
        redirect_to=_builder_url(case),
    )
    return done or _form_page(request, case, form, "Matters still in dispute")


# ---------------------------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------------------------


def _item_form(
    request: HttpRequest, case: Case, agreement: Agreement, initial: dict[str, object]
) -> ItemForm:
    return ItemForm(
        request.POST or None,
        initial=initial,
        matters=list(case.matters.all()),
        parties=selectors.parties_of(case),
        kinds=presenters.kind_options(case=case, agreed_on=agreement.agreed_on),
        statutory=agreement.statutory,
        agreed_on=agreement.agreed_on,
    )


def _item_input(case: Case, form: ItemForm) -> services.ItemInput:
    data = form.cleaned_data
    matter = next((m for m in case.matters.all() if str(m.pk) == data["matter"]), None)
    responsible = selectors.party_get(case=case, party_id=data["responsible"])
    assert responsible is not None  # the form offers only the case's parties
    return services.ItemInput(
        matter=matter,
        decided=data["decided"],
        action=data["action"],
        responsible=responsible,
        kind=data.get("kind", ""),
        how_checked=data["how_checked"],
        due_on=data.get("due_on"),
        due_date_note=data.get("due_date_note", ""),
    )


def _item_page(
    request: HttpRequest, case: Case, agreement: Agreement, form: ItemForm, title: str
) -> HttpResponse:
    context = {"title": title, "case": case, "agreement": agreement, "form": form}
    return render(request, "agreements/item.html", context)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.manage")
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    form = _item_form(request, case, agreement, new_item_initial(case=case))
    done = submit(
        request,
        form,
        lambda: services.agreement_item_add(
            agreement=agreement, data=_item_input(case, form), actor=signed_in(request)
        ),
        success="Item added to the agreement",
        redirect_to=_builder_url(case),
    )
    return done or _item_page(request, case, agreement, form, "Add an item to the agreement")


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def item_change(request: HttpRequest, case_id: UUID, item_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.manage")
    agreement = _agreement_or_404(case)
    item = found_or_404(selectors.agreement_item_get(agreement=agreement, item_id=item_id))
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    form = _item_form(request, case, agreement, item_initial(item))
    done = submit(
        request,
        form,
        lambda: services.agreement_item_update(
            item=item, data=_item_input(case, form), actor=signed_in(request)
        ),
        success="Item changed",
        redirect_to=_builder_url(case),
    )
    return done or _item_page(request, case, agreement, form, "Change an item of the agreement")


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def item_remove(request: HttpRequest, case_id: UUID, item_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.manage")
    agreement = _agreement_or_404(case)
    item = found_or_404(selectors.agreement_item_get(agreement=agreement, item_id=item_id))
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    if request.method == "POST":
        return run(
            request,
            lambda: services.agreement_item_remove(item=item, actor=signed_in(request)),
            success="Item removed from the agreement",
            redirect_to=_builder_url(case),
        )
    context = {
        "title": "Remove this item?",
        "case": case,
        "form": FinaliseForm(),
        "line": presenters.item_remove_line(item),
    }
    return render(request, "agreements/item_remove.html", context)


# ---------------------------------------------------------------------------------------------
# Check, finalise, the PDF
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_GET
def check(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.manage")
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    page = presenters.check_page(case=case, agreement=agreement, viewer=signed_in(request))
    return render(request, "agreements/check.html", {**page, "form": FinaliseForm()})


@policy.policy_required("staff.workspace")
@require_POST
def finalise(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.manage")
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        messages.info(request, "The written agreement has already been finalised and sent")
        return redirect(_builder_url(case))
    return run(
        request,
        lambda: services.agreement_finalise(agreement=agreement, actor=signed_in(request)),
        success=presenters.finalised,
        redirect_to=_builder_url(case),
        refused_to=reverse("agreements:check", kwargs={"case_id": case.pk}),
    )


@policy.policy_required("staff.workspace")
@require_GET
def pdf(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.view")
    agreement = _agreement_or_404(case)
    printed = selectors.agreement_pdf(agreement=agreement)
    document = found_or_404(printed, "The agreement has not been finalised")
    return private(file_response(document.content, PDF, document.filename, inline=True))


# ---------------------------------------------------------------------------------------------
# After: sending to a party, confirmations
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_POST
def send(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.manage")
    agreement = _agreement_or_404(case)
    party = party_or_404(case, party_id)
    return run(
        request,
        lambda: services.agreement_send(agreement=agreement, party=party, actor=signed_in(request)),
        success=f"Agreement sent to {party.name}",
        redirect_to=_builder_url(case),
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.view")
    party = policy.authorised(
        request.user, "agreement.confirm", selectors.party_get(case=case, party_id=party_id)
    )
    agreement = _agreement_or_404(case)
    if not agreement.is_final:
        return redirect(_builder_url(case))
    if party.pk in selectors.confirmations_by_party(agreement=agreement):
        messages.info(request, f"{party.name} has already confirmed the agreement")
        return redirect(_builder_url(case))
    initial = {"confirmed_by_name": case.applicant_name} if party.is_family else {}
    form = ConfirmationForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda: services.agreement_confirm(
            agreement=agreement, party=party, actor=signed_in(request), **form.answers()
        ),
        success=f"Confirmation from {party.name} recorded",
        redirect_to=_builder_url(case),
    )
    title = f"Record that {party.name} confirmed the agreement"
    return done or _form_page(request, case, form, title)
