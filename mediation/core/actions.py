"""The view skeleton's second half: run a service for a view and turn its answer into a response.

Every view that changes something does the same four things: bind a form, call a service, show
the service's refusal (an `ApplicationError`) on the form or as a message, and on success flash
a message and redirect. They do it through these helpers, so that this is the one place that
catches `ApplicationError` for a page (the middleware catches the ones that escape).

    form = RouteForm(request.POST or None, ...)
    done = submit(
        request,
        form,
        lambda: services.case_confirm_route(case=case, ..., actor=actor),
        success="Route confirmed",
        redirect_to=case_url,
    )
    return done or render(request, "cases/route.html", {"form": form, ...})

The first half, loading the object by id (404) and checking the policy (403), is
`mediation.policy.authorised` (and `mediation.cases.access.case_or_404` for a case).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict

from mediation.core.errors import ApplicationError, ConflictError

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.utils.datastructures import MultiValueDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, or None for a GET: a form bound to it is bound on every POST,
    even an empty one (a button that asks nothing still goes through ``submit``)."""
    return request.POST if request.method == "POST" else None


def uploaded(request: HttpRequest) -> MultiValueDict[str, UploadedFile] | None:
    """The files of a POST, or None for a GET (the files beside ``posted``)."""
    return request.FILES if request.method == "POST" else None


@dataclass(frozen=True)
class Done[T]:
    """The service did what was asked and returned ``value``."""

    value: T


@dataclass(frozen=True)
class Refused:
    """A rule of the service stopped the action; ``error.message`` says why, for the user."""

    error: ApplicationError


type Message[T] = str | Callable[[T], str] | None
type Target[T] = str | Callable[[T], str]


def attempt[T](call: Callable[[], T]) -> Done[T] | Refused:
    """Call a service; its refusal comes back as a value instead of an exception."""
    try:
        return Done(call())
    except ApplicationError as error:
        return Refused(error)


def show_on_form(
    form: forms.BaseForm, error: ApplicationError, *, fields: Mapping[str, str] | None = None
) -> None:
    """Put a refusal beside the question it is about, or (if none) in the error summary.

    ``fields`` maps the service's argument names to the form's field names where they differ.
    """
    name = (fields or {}).get(error.field, error.field) if error.field else None
    form.add_error(name if name in form.fields else None, error.message)


def _resolve[T](value: str | Callable[[T], str], result: T) -> str:
    return value(result) if callable(value) else value


def succeed[T](
    request: HttpRequest, result: T, *, success: Message[T], redirect_to: Target[T]
) -> HttpResponseRedirect:
    """Flash the success message (if any) and redirect."""
    if success is not None:
        messages.success(request, _resolve(success, result))
    return HttpResponseRedirect(_resolve(redirect_to, result))


def submit[T](
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[[], T],
    *,
    success: Message[T],
    redirect_to: Target[T],
    fields: Mapping[str, str] | None = None,
) -> HttpResponse | None:
    """On a valid POST, call the service (which reads ``form.cleaned_data``).

    Returns the redirect after a success; None when the page should be shown (again): a GET, an
    invalid form, or a refusal now shown on the form.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    outcome = attempt(call)
    if isinstance(outcome, Refused):
        show_on_form(form, outcome.error, fields=fields)
        return None
    return succeed(request, outcome.value, success=success, redirect_to=redirect_to)


def run[T](
    request: HttpRequest,
    call: Callable[[], T],
    *,
    success: Message[T],
    redirect_to: Target[T],
    refused_to: str | None = None,
) -> HttpResponse:
    """A button that acts without a form: flash the result or the refusal, then redirect.

    A conflict (the thing was already done, perhaps by a second click) is news, not an error.
    ``refused_to`` is where a refusal goes, when not to the same place as a success.
    """
    if refused_to is None:
        if not isinstance(redirect_to, str):
            raise TypeError("run() needs refused_to when redirect_to depends on the result")
        refused_to = redirect_to
    outcome = attempt(call)
    if isinstance(outcome, Refused):
        flash = messages.info if isinstance(outcome.error, ConflictError) else messages.error
        flash(request, outcome.error.message)
        return HttpResponseRedirect(refused_to)
    return succeed(request, outcome.value, success=success, redirect_to=redirect_to)
