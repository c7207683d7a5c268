"""The mediator panel (list, profile, conflicts) and allocating a mediator to a case."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mediation import policy
from mediation.cases import clock as case_clock
from mediation.cases import selectors as case_selectors
from mediation.core.errors import ApplicationError
from mediation.directory import selectors as directory_selectors
from mediation.panel import selectors, services
from mediation.panel.forms import AllocateForm, ConflictForm, ProfileForm, WithdrawConflictForm

if TYPE_CHECKING:
    from mediation.cases.models import Case


def _mediator_or_404(user_id: UUID) -> Any:
    mediator = selectors.mediator_get(user_id=user_id)
    if mediator is None:
        raise Http404("No such mediator")
    return mediator


def _case_or_404(case_id: UUID) -> Case:
    case = case_selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    return case


def _detail_url(mediator: Any) -> str:
    return reverse("panel:detail", kwargs={"user_id": mediator.pk})


# ---------------------------------------------------------------------------------------------
# The panel
# ---------------------------------------------------------------------------------------------


@policy.policy_required("panel.view")
def panel_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "panel/list.html",
        {
            "title": "Mediators",
            "rows": selectors.panel_list(),
            "today": timezone.localdate(),
        },
    )


@policy.policy_required("panel.view")
def detail(request: HttpRequest, user_id: UUID) -> HttpResponse:
    mediator = _mediator_or_404(user_id)
    profile = getattr(mediator, "mediator_profile", None)
    state, label = selectors.accreditation_state(profile)
    cases = list(selectors.cases_allocated_to(mediator=mediator))
    visible_cases = [c for c in cases if policy.can(request.user, "case.view", c)]
    return render(
        request,
        "panel/detail.html",
        {
            "title": mediator.full_name,
            "mediator": mediator,
            "profile": profile,
            "accreditation": state,
            "accreditation_label": label,
            "caseload": len(cases),
            "visible_cases": visible_cases,
            "conflicts": list(selectors.conflicts_of(mediator=mediator)),
            # Family conflicts name a family: only the mediator and managers read the details.
            "may_declare": policy.can(request.user, "conflict.declare", mediator),
            "may_manage": policy.can(request.user, "panel.manage"),
        },
    )


@policy.policy_required("panel.view")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, user_id: UUID) -> HttpResponse:
    mediator = _mediator_or_404(user_id)
    policy.require(request.user, "panel.manage")
    profile = getattr(mediator, "mediator_profile", None)
    served = list(
        directory_selectors.local_authorities_served(services=directory_selectors.service_list())
    )
    if profile is not None:
        extra = [a for a in profile.areas.all() if a not in served]
        served = sorted(served + extra, key=lambda la: la.name)
    initial: dict[str, Any] = {"available": "yes", "max_open_cases": 6}
    if profile is not None:
        initial = {
            "register": profile.register,
            "register_other": profile.register_other,
            "registration_number": profile.registration_number,
            "accredited_until": profile.accredited_until,
            "coverage": "any" if profile.any_area else "chosen",
            "areas": [str(a.pk) for a in profile.areas.all()],
            "languages": ", ".join(profile.languages),
            "available": "yes" if profile.available else "no",
            "availability_notes": profile.availability_notes,
            "max_open_cases": profile.max_open_cases,
        }
    form = ProfileForm(request.POST or None, initial=initial, local_authorities=served)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_save(
                mediator=mediator,
                actor=request.user,
                register=data["register"],
                register_other=data["register_other"],
                registration_number=data["registration_number"],
                accredited_until=data["accredited_until"],
                any_area=data["coverage"] == "any",
                areas=form.chosen_areas(),
                languages=data["languages"],
                available=data["available"] == "yes",
                availability_notes=data["availability_notes"],
                max_open_cases=data["max_open_cases"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Panel profile of {mediator.full_name} saved")
            return redirect(_detail_url(mediator))
    return render(
        request,
        "panel/edit.html",
        {"title": f"Panel profile: {mediator.full_name}", "mediator": mediator, "form": form},
    )


# ---------------------------------------------------------------------------------------------
# Conflicts of interest
# ---------------------------------------------------------------------------------------------


@policy.policy_required("panel.view")
@require_http_methods(["GET", "POST"])
def conflict_new(request: HttpRequest, user_id: UUID) -> HttpResponse:
    mediator = _mediator_or_404(user_id)
    policy.require(request.user, "conflict.declare", mediator)
    form = ConflictForm(request.POST or None, organisations=selectors.conflict_organisations())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conflict = services.conflict_declare(
                mediator=mediator,
                actor=request.user,
                description=data["description"],
                organisation=form.chosen_organisation(),
                family_surname=data["family_surname"] if data["kind"] == "family" else "",
                family_child_date_of_birth=(
                    data["family_child_date_of_birth"] if data["kind"] == "family" else None
                ),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Conflict of interest with {conflict.subject} declared")
            return redirect(_detail_url(mediator))
    own = request.user.pk == mediator.pk
    return render(
        request,
        "panel/conflict_new.html",
        {
            "title": "Declare a conflict of interest",
            "mediator": mediator,
            "form": form,
            "own": own,
        },
    )


@policy.policy_required("panel.view")
@require_http_methods(["GET", "POST"])
def conflict_withdraw(request: HttpRequest, conflict_id: UUID) -> HttpResponse:
    conflict = selectors.conflict_get(conflict_id=conflict_id)
    if conflict is None:
        raise Http404("No such declaration")
    mediator = conflict.mediator
    policy.require(request.user, "conflict.declare", mediator)
    if not conflict.is_current:
        messages.info(request, "That declaration was already withdrawn")
        return redirect(_detail_url(mediator))
    form = WithdrawConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_withdraw(
                conflict=conflict, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Conflict with {conflict.subject} withdrawn")
            return redirect(_detail_url(mediator))
    return render(
        request,
        "panel/conflict_withdraw.html",
        {
            "title": "Withdraw a declaration",
            "mediator": mediator,
            "conflict": conflict,
            "form": form,
        },
    )


# ---------------------------------------------------------------------------------------------
# Allocation
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "mediator.allocate", case)
    current = selectors.current_allocation(case=case)
    eligible, excluded = selectors.suggest_mediators(case=case)
    offered = [s for s in eligible if not s.is_current]
    current_problems = next((s.reasons for s in excluded if s.is_current), ())
    form = AllocateForm(request.POST or None, suggestions=offered, reallocating=current is not None)
    if request.method == "POST" and case.is_open:
        seen = request.POST.get("current", "")
        if seen != (str(current.pk) if current else ""):
            form.is_valid()
            form.add_error(
                None,
                "Someone changed the mediator while you were on this page. Check the current "
                "mediator below and choose again.",
            )
        elif form.is_valid():
            mediator = form.chosen()
            try:
                services.mediator_allocate(
                    case=case,
                    mediator=mediator,
                    actor=request.user,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"{mediator.full_name} is now the mediator for this case")
                return redirect(reverse("casework:detail", kwargs={"case_id": case.pk}))
    deadline = case_clock.case_clock(case).deadlines.get("mediation_due")
    return render(
        request,
        "panel/allocate.html",
        {
            "title": "Change the mediator" if current else "Allocate a mediator",
            "case": case,
            "form": form,
            "current": current,
            "current_problems": current_problems,
            "offered": offered,
            "excluded": [s for s in excluded if not s.is_current],
            "history": list(selectors.allocation_history(case=case)),
            "mediation_due": deadline.due if deadline else None,
            "family_languages": selectors.family_languages(case=case),
        },
    )
