"""The outcome of a mediation and its written agreement (staff of the case's service)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mediation import policy
from mediation.agreements import selectors, services
from mediation.agreements.choices import AGREEMENT_OUTCOMES, OutcomeKind
from mediation.agreements.forms import (
    DUE_DEFAULT,
    DUE_DIFFERENT,
    NO_MATTER,
    AgreementDateForm,
    ConfirmationForm,
    DisputeForm,
    FinaliseForm,
    ItemForm,
    OutcomeForm,
)
from mediation.cases import selectors as case_selectors
from mediation.core.errors import ApplicationError

if TYPE_CHECKING:
    from mediation.agreements.models import Agreement, AgreementItem
    from mediation.cases.models import Case, Party


def _case_or_404(case_id: UUID) -> Case:
    case = case_selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    return case


def _agreement_or_404(case: Case) -> Agreement:
    agreement = selectors.agreement_for_case(case=case, include_draft=True)
    if agreement is None:
        raise Http404("This case has no written agreement")
    return agreement


def _item_or_404(agreement: Agreement, item_id: UUID) -> AgreementItem:
    item = selectors.agreement_item_get(agreement=agreement, item_id=item_id)
    if item is None:
        raise Http404("No such item in this agreement")
    return item


def _party_or_404(case: Case, party_id: UUID) -> Party:
    party = next((p for p in selectors.parties_of(case) if p.pk == party_id), None)
    if party is None:
        raise Http404("No such party in this case")
    return party


def _case_url(case: Case) -> str:
    return reverse("casework:detail", kwargs={"case_id": case.pk})


def _builder_url(case: Case) -> str:
    return reverse("agreements:builder", kwargs={"case_id": case.pk})


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"agreements/{template}", context)


# ---------------------------------------------------------------------------------------------
# The outcome
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.manage", case)
    existing = selectors.outcome_for_case(case=case)
    agreement = selectors.agreement_for_case(case=case, include_draft=True)
    if agreement is not None and agreement.is_final:
        messages.info(request, "The written agreement has been sent, so the outcome cannot change")
        return redirect(_builder_url(case))
    initial: dict[str, Any] = {}
    if existing is not None:
        initial = {
            "outcome": existing.outcome,
            "concluded_on": existing.concluded_on,
            "notes": existing.notes,
        }
    elif case.meeting_on is not None:
        initial = {"concluded_on": case.meeting_on}
    dr = case.is_disagreement_resolution
    form = OutcomeForm(request.POST or None, initial=initial, disagreement_resolution=dr)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.outcome_record(
                case=case,
                outcome=form.cleaned_data["outcome"],
                concluded_on=form.cleaned_data["concluded_on"],
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            label = OutcomeKind(record.outcome).label.lower()
            messages.success(request, f"Outcome recorded: {label}")
            if record.outcome in AGREEMENT_OUTCOMES:
                return redirect(_builder_url(case))
            return redirect(_case_url(case))
    return _page(
        request,
        "outcome.html",
        {
            "title": "Record the outcome",
            "case": case,
            "form": form,
            "existing": existing,
            "is_dr": dr,
            "certificate_due_preview": not dr,
        },
    )


# ---------------------------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_GET
def builder(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.view", case)
    overview = selectors.case_agreement_overview(case=case)
    if overview.agreement is None and not overview.has_agreement_outcome:
        raise Http404("This case has no written agreement")
    agreement = overview.agreement
    return _page(
        request,
        "builder.html",
        {
            "title": "Written agreement",
            "case": case,
            "overview": overview,
            "agreement": agreement,
            "can_manage": policy.can(request.user, "agreement.manage", case),
            "problems": selectors.agreement_problems(agreement=agreement) if agreement else [],
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def agreement_date(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.manage", case)
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    form = AgreementDateForm(request.POST or None, initial={"agreed_on": agreement.agreed_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(
                agreement=agreement, agreed_on=form.cleaned_data["agreed_on"], actor=request.user
            )
        except ApplicationError as exc:
            form.add_error("agreed_on", exc.message)
        else:
            messages.success(request, "Date of the agreement saved")
            return redirect(_builder_url(case))
    return _page(
        request,
        "form_page.html",
        {
            "title": "Date of the agreement",
            "case": case,
            "form": form,
            "submit": "Save",
            "back_url": _builder_url(case),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def dispute(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.manage", case)
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    form = DisputeForm(
        request.POST or None, initial={"matters_in_dispute": agreement.matters_in_dispute}
    )
    if request.method == "POST" and form.is_valid():
        services.agreement_dispute_update(
            agreement=agreement,
            matters_in_dispute=form.cleaned_data["matters_in_dispute"],
            actor=request.user,
        )
        messages.success(request, "Matters still in dispute saved")
        return redirect(_builder_url(case))
    return _page(
        request,
        "form_page.html",
        {
            "title": "Matters still in dispute",
            "case": case,
            "form": form,
            "submit": "Save",
            "back_url": _builder_url(case),
        },
    )


def _item_form(
    request: HttpRequest, case: Case, agreement: Agreement, initial: dict[str, Any]
) -> ItemForm:
    return ItemForm(
        request.POST or None,
        initial=initial,
        matters=list(case.matters.all()),
        parties=selectors.parties_of(case),
        kinds=selectors.kind_options(case=case, agreed_on=agreement.agreed_on),
        statutory=agreement.statutory,
        agreed_on=agreement.agreed_on,
    )


def _item_input(case: Case, form: ItemForm) -> services.ItemInput:
    data = form.cleaned_data
    matter = next((m for m in case.matters.all() if str(m.pk) == data["matter"]), None)
    responsible = next(p for p in selectors.parties_of(case) if str(p.pk) == data["responsible"])
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
    return _page(
        request,
        "item.html",
        {"title": title, "case": case, "agreement": agreement, "form": form},
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.manage", case)
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    initial = {"due": DUE_DEFAULT}
    matters = list(case.matters.all())
    if len(matters) == 1:
        initial["matter"] = str(matters[0].pk)
    form = _item_form(request, case, agreement, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_item_add(
                agreement=agreement, data=_item_input(case, form), actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Item added to the agreement")
            return redirect(_builder_url(case))
    return _item_page(request, case, agreement, form, "Add an item to the agreement")


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def item_change(request: HttpRequest, case_id: UUID, item_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.manage", case)
    agreement = _agreement_or_404(case)
    item = _item_or_404(agreement, item_id)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    initial = {
        "matter": str(item.matter_id) if item.matter_id else NO_MATTER,
        "decided": item.decided,
        "action": item.action,
        "responsible": str(item.responsible_id),
        "kind": item.kind,
        "due": DUE_DIFFERENT if item.due_date_changed else DUE_DEFAULT,
        "due_on": item.due_on,
        "due_date_note": item.due_date_note,
        "how_checked": item.how_checked,
    }
    form = _item_form(request, case, agreement, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_item_update(
                item=item, data=_item_input(case, form), actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Item changed")
            return redirect(_builder_url(case))
    return _item_page(request, case, agreement, form, "Change an item of the agreement")


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def item_remove(request: HttpRequest, case_id: UUID, item_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.manage", case)
    agreement = _agreement_or_404(case)
    item = _item_or_404(agreement, item_id)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    if request.method == "POST":
        services.agreement_item_remove(item=item, actor=request.user)
        messages.success(request, "Item removed from the agreement")
        return redirect(_builder_url(case))
    return _page(
        request,
        "item_remove.html",
        {
            "title": "Remove this item?",
            "case": case,
            "form": FinaliseForm(),
            "line": selectors.item_line(item, 1),
        },
    )


# ---------------------------------------------------------------------------------------------
# Check, finalise, the PDF
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_GET
def check(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.manage", case)
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        return redirect(_builder_url(case))
    return _page(
        request,
        "check.html",
        {
            "title": "Check the agreement before you send it",
            "case": case,
            "agreement": agreement,
            "doc": selectors.agreement_document(
                agreement=agreement, prepared_by=getattr(request.user, "full_name", "")
            ),
            "recipients": selectors.agreement_recipients(agreement=agreement),
            "problems": selectors.agreement_problems(agreement=agreement),
            "form": FinaliseForm(),
        },
    )


@policy.policy_required("staff.workspace")
@require_POST
def finalise(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.manage", case)
    agreement = _agreement_or_404(case)
    if not agreement.is_draft:
        messages.info(request, "The written agreement has already been finalised and sent")
        return redirect(_builder_url(case))
    try:
        agreement = services.agreement_finalise(agreement=agreement, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("agreements:check", case_id=case.pk)
    sent = agreement.deliveries.count()
    messages.success(
        request,
        f"Agreement finalised and sent to {sent} {'party' if sent == 1 else 'parties'}",
    )
    return redirect(_builder_url(case))


@policy.policy_required("staff.workspace")
@require_GET
def pdf(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.view", case)
    agreement = _agreement_or_404(case)
    document = selectors.agreement_pdf(agreement=agreement)
    if document is None:
        raise Http404("The agreement has not been finalised")
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.filename}"'
    # Holds a child's details: never kept by a shared cache or the browser's back button.
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------------
# After: sending to a party, confirmations
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_POST
def send(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "agreement.manage", case)
    agreement = _agreement_or_404(case)
    party = _party_or_404(case, party_id)
    try:
        services.agreement_send(agreement=agreement, party=party, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Agreement sent to {party.name}")
    return redirect(_builder_url(case))


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    party = _party_or_404(case, party_id)
    policy.require(request.user, "agreement.confirm", party)
    agreement = _agreement_or_404(case)
    if not agreement.is_final:
        return redirect(_builder_url(case))
    if party.pk in selectors.confirmations_by_party(agreement=agreement):
        messages.info(request, f"{party.name} has already confirmed the agreement")
        return redirect(_builder_url(case))
    initial = {"confirmed_by_name": case.applicant_name} if party.is_family else {}
    form = ConfirmationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_confirm(
                agreement=agreement,
                party=party,
                confirmed_by_name=form.cleaned_data["confirmed_by_name"],
                method=form.cleaned_data["method"],
                confirmed_on=form.cleaned_data["confirmed_on"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Confirmation from {party.name} recorded")
            return redirect(_builder_url(case))
    return _page(
        request,
        "form_page.html",
        {
            "title": f"Record that {party.name} confirmed the agreement",
            "case": case,
            "form": form,
            "submit": "Save",
            "back_url": _builder_url(case),
        },
    )
