"""The mediator's private notes page, and a manager's reasoned access to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.cases.access import case_or_404
from mediation.core.actions import Refused, attempt, show_on_form, submit
from mediation.notes import selectors, services
from mediation.notes.forms import NoteForm, ReasonForm

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.cases.models import Case
    from mediation.notes.models import NotesAccess


@never_cache
@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest, case_id: UUID) -> HttpResponse:
    # Only the case's mediator writes them (and every staff rule about them needs the case).
    case = case_or_404(request, case_id, "case.view")
    if not policy.can(request.user, "notes.write", case):
        return _read_with_reason(request, case)
    form = NoteForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.note_add(
            case=case, author=signed_in(request), body=form.cleaned_data["body"]
        ),
        success="Note added",
        redirect_to=reverse("notes:case", kwargs={"case_id": case.pk}),
    )
    return done or _notes_page(request, case, form=form)


def _read_with_reason(request: HttpRequest, case: Case) -> HttpResponse:
    """A manager reads only after giving a reason, each time; anyone else is refused."""
    policy.require(request.user, "notes.read_with_reason", case)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            lambda: services.notes_access_record(
                case=case, reader=signed_in(request), reason=form.cleaned_data["reason"]
            )
        )
        if not isinstance(outcome, Refused):
            return _notes_page(request, case, access=outcome.value)
        show_on_form(form, outcome.error)
    context = {"title": "Read the private notes", "case": case, "form": form}
    return render(request, "notes/reason.html", context)


def _notes_page(
    request: HttpRequest,
    case: Case,
    *,
    form: NoteForm | None = None,
    access: NotesAccess | None = None,
) -> HttpResponse:
    """The notes; with the form to add one (the mediator), or the reader's reason (a manager)."""
    context = {
        "title": "Private notes",
        "case": case,
        "form": form,
        "access": access,
        "notes": selectors.notes_for_case(case=case),
        "readers": selectors.notes_access_for_case(case=case) if form is not None else None,
    }
    return render(request, "notes/notes.html", context)
