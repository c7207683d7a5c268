"""The mediator's private notes page, and a manager's reasoned access to it."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from mediation import policy
from mediation.cases import selectors as case_selectors
from mediation.core.errors import ApplicationError
from mediation.notes import selectors, services
from mediation.notes.forms import NoteForm, ReasonForm


def _case(case_id: UUID) -> object:
    case = case_selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    return case


@never_cache
@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case(case_id)
    is_mediator = policy.can(request.user, "notes.write", case)
    if not is_mediator:
        # A manager reads only after giving a reason, each time; anyone else is refused.
        policy.require(request.user, "notes.read_with_reason", case)
        form = ReasonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                access = services.notes_access_record(
                    case=case, reader=request.user, reason=form.cleaned_data["reason"]
                )
            except ApplicationError as exc:
                form.add_error("reason", exc.message)
            else:
                return render(
                    request,
                    "notes/notes.html",
                    {
                        "title": "Private notes",
                        "case": case,
                        "access": access,
                        "notes": selectors.notes_for_case(case=case),
                        "form": None,
                    },
                )
        return render(
            request,
            "notes/reason.html",
            {
                "title": "Read the private notes",
                "case": case,
                "form": form,
            },
        )
    note_form = NoteForm(request.POST or None)
    if request.method == "POST" and note_form.is_valid():
        services.note_add(case=case, author=request.user, body=note_form.cleaned_data["body"])
        messages.success(request, "Note added")
        return redirect(reverse("notes:case", kwargs={"case_id": case_id}))
    return render(
        request,
        "notes/notes.html",
        {
            "title": "Private notes",
            "case": case,
            "form": note_form,
            "notes": selectors.notes_for_case(case=case),
            "readers": selectors.notes_access_for_case(case=case),
        },
    )
