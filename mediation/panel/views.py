"""The mediator panel (list, profile, conflicts) and allocating a mediator to a case."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.cases.access import case_or_404
from mediation.core.actions import submit
from mediation.core.lookups import found_or_404
from mediation.panel import presenters, selectors, services
from mediation.panel.forms import AllocateForm, ConflictForm, ProfileForm, WithdrawConflictForm

if TYPE_CHECKING:
    from mediation.accounts.models import User


def _mediator_or_404(request: HttpRequest, user_id: UUID, action: str) -> User:
    """The mediator (else a 404 page, for anyone who is not one), if this user may do
    ``action`` (else 403)."""
    return policy.authorised(request.user, action, selectors.mediator_get(user_id=user_id))


# ---------------------------------------------------------------------------------------------
# The panel
# ---------------------------------------------------------------------------------------------


@policy.policy_required("panel.view")
def panel_list(request: HttpRequest) -> HttpResponse:
    return render(request, "panel/list.html", presenters.panel_page())


@policy.policy_required("panel.view")
def detail(request: HttpRequest, user_id: UUID) -> HttpResponse:
    mediator = _mediator_or_404(request, user_id, "panel.view")
    context = presenters.mediator_page(mediator=mediator, viewer=signed_in(request))
    return render(request, "panel/detail.html", context)


@policy.policy_required("panel.view")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, user_id: UUID) -> HttpResponse:
    mediator = _mediator_or_404(request, user_id, "panel.manage")
    profile = selectors.loaded_profile(mediator)
    form = ProfileForm(
        request.POST or None,
        initial=presenters.profile_initial(profile),
        local_authorities=selectors.area_choices(profile=profile),
    )
    done = submit(
        request,
        form,
        lambda: services.profile_save(
            mediator=mediator, actor=signed_in(request), **form.answers()
        ),
        success=f"Panel profile of {mediator.full_name} saved",
        redirect_to=presenters.mediator_url(mediator),
    )
    return done or render(
        request, "panel/edit.html", presenters.profile_page(mediator=mediator, form=form)
    )


# ---------------------------------------------------------------------------------------------
# Conflicts of interest
# ---------------------------------------------------------------------------------------------


@policy.policy_required("panel.view")
@require_http_methods(["GET", "POST"])
def conflict_new(request: HttpRequest, user_id: UUID) -> HttpResponse:
    mediator = _mediator_or_404(request, user_id, "conflict.declare")
    form = ConflictForm(request.POST or None, organisations=selectors.conflict_organisations())
    done = submit(
        request,
        form,
        lambda: services.conflict_declare(
            mediator=mediator, actor=signed_in(request), **form.answers()
        ),
        success=lambda conflict: f"Conflict of interest with {conflict.subject} declared",
        redirect_to=presenters.mediator_url(mediator),
    )
    return done or render(
        request,
        "panel/conflict_new.html",
        presenters.conflict_new_page(mediator=mediator, form=form, viewer=signed_in(request)),
    )


@policy.policy_required("panel.view")
@require_http_methods(["GET", "POST"])
def conflict_withdraw(request: HttpRequest, conflict_id: UUID) -> HttpResponse:
    conflict = found_or_404(selectors.conflict_get(conflict_id=conflict_id), "No such declaration")
    mediator = policy.authorised(request.user, "conflict.declare", conflict.mediator)
    if not conflict.is_current:
        messages.info(request, "That declaration was already withdrawn")
        return redirect(presenters.mediator_url(mediator))
    form = WithdrawConflictForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.conflict_withdraw(
            conflict=conflict, actor=signed_in(request), reason=form.cleaned_data["reason"]
        ),
        success=f"Conflict with {conflict.subject} withdrawn",
        redirect_to=presenters.mediator_url(mediator),
    )
    return done or render(
        request,
        "panel/conflict_withdraw.html",
        presenters.conflict_withdraw_page(conflict=conflict, form=form),
    )


# ---------------------------------------------------------------------------------------------
# Allocation
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "mediator.allocate")
    choice = presenters.allocation_choice(case=case)
    form = AllocateForm(request.POST or None, suggestions=choice.offered, current=choice.current)
    # A closed case keeps its mediator: the page says so, and a submission does nothing.
    done = None
    if case.is_open:
        done = submit(
            request,
            form,
            lambda: services.mediator_allocate(
                case=case,
                mediator=form.chosen(),
                actor=signed_in(request),
                reason=form.cleaned_data.get("reason", ""),
            ),
            success=lambda allocation: (
                f"{allocation.mediator.full_name} is now the mediator for this case"
            ),
            redirect_to=presenters.case_url(case),
        )
    return done or render(
        request,
        "panel/allocate.html",
        presenters.allocate_page(case=case, form=form, choice=choice),
    )
