"""The one-question page staff use for an action on a case (cases/form_page.html).

Case work, the parties, the agreement, the information call and the expense claims all ask one
thing at a time on the same page: the case's name, the question, a button, and a way back.

    return done or case_form_page(request, case, form, "Close the case", "Close case")

The way back goes to the case page unless ``back_to`` names another (the parties, the agreement);
Cancel goes there too unless ``cancel_to`` says otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import render
from django.urls import reverse

if TYPE_CHECKING:
    from django import forms
    from django.http import HttpRequest, HttpResponse

    from mediation.cases.models import Case


def case_url(case: Case) -> str:
    return reverse("casework:detail", kwargs={"case_id": case.pk})


def case_form_page(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    title: str,
    submit: str = "Save",
    *,
    back_to: str | None = None,
    back_text: str = "Back to the case",
    cancel_to: str | None = None,
    enctype: str | None = None,
    warning: str | None = None,
) -> HttpResponse:
    """The page; its heading is ``title`` unless the form's one question is the heading."""
    back_url = back_to or case_url(case)
    context = {
        "title": title,
        "case": case,
        "form": form,
        "submit": submit,
        "back_url": back_url,
        "back_text": back_text,
        "cancel_url": cancel_to or back_url,
        "enctype": enctype,
        "warning": warning,
    }
    return render(request, "cases/form_page.html", context)
