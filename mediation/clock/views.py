"""The public tools: work out your key dates, and do I need a mediation certificate?

No sign-in and nothing stored. Each question page posts to itself and, when the answers are valid,
redirects to a result page whose URL holds the answers (POST-redirect-GET), so a result can be
bookmarked or shared and is worked out again from the URL every time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mediation.clock import ics, presenters, services
from mediation.clock.forms import CertificateCheckForm, KeyDatesForm
from mediation.clock.presenters import url_with_query
from mediation.core.actions import Refused, attempt, posted, show_on_form, submit
from mediation.core.responses import CALENDAR, file_response

# The rules name the events they count from; the key-dates form asks for them by these names.
_KEY_DATES_FIELDS = {"decision_sent": "decision_date", "certificate_issued": "certificate_date"}


def _ask[F: (KeyDatesForm, CertificateCheckForm)](
    request: HttpRequest,
    form: F,
    question: Callable[[HttpRequest, F], HttpResponse],
    answer_url: str,
) -> HttpResponse:
    """The question page; valid answers go to the answer page, in its URL."""
    done = submit(
        request,
        form,
        form.query,
        success=None,
        redirect_to=lambda query: url_with_query(answer_url, query),
    )
    return done or question(request, form)


def _answer[F: (KeyDatesForm, CertificateCheckForm), T](
    request: HttpRequest,
    form: F,
    question: Callable[[HttpRequest, F], HttpResponse],
    work_out: Callable[[], T],
    page: Callable[[F, T], Mapping[str, object]],
    template: str,
    fields: Mapping[str, str] | None = None,
) -> HttpResponse:
    """The answer page for valid answers (``work_out`` asks the rules, ``page`` says what they
    answered); otherwise the question page again, saying what is wrong."""
    if not form.is_valid():
        return question(request, form)
    outcome = attempt(work_out)
    if isinstance(outcome, Refused):
        show_on_form(form, outcome.error, fields=fields)
        return question(request, form)
    return render(request, template, page(form, outcome.value))


# -- key dates ---------------------------------------------------------------------------------


def _key_dates_question(request: HttpRequest, form: KeyDatesForm) -> HttpResponse:
    return render(
        request, "clock/key_dates.html", {"form": form, "title": "Work out your key dates"}
    )


@require_http_methods(["GET", "POST"])
def key_dates(request: HttpRequest) -> HttpResponse:
    form = KeyDatesForm(posted(request), initial=KeyDatesForm.initial_from_query(request.GET))
    return _ask(request, form, _key_dates_question, "clock:key-dates-result")


@require_GET
def key_dates_result(request: HttpRequest) -> HttpResponse:
    if "decision" not in request.GET:
        return redirect("clock:key-dates")
    form = KeyDatesForm.from_query(request.GET)
    return _answer(
        request,
        form,
        _key_dates_question,
        lambda: services.key_dates_for_page(today=timezone.localdate(), **form.answers()),
        presenters.key_dates_result_page,
        "clock/key_dates_result.html",
        fields=_KEY_DATES_FIELDS,
    )


@require_GET
def key_dates_calendar(request: HttpRequest) -> HttpResponse:
    form = KeyDatesForm.from_query(request.GET)
    # Dates that are not valid go to the result page, which explains what is wrong with them.
    if not form.is_valid():
        return redirect(url_with_query("clock:key-dates-result", request.GET))
    dates = form.answers()
    outcome = attempt(lambda: services.key_dates_for_page(**dates))
    if isinstance(outcome, Refused):
        return redirect(url_with_query("clock:key-dates-result", request.GET))
    content = ics.key_dates_calendar(
        deadlines=outcome.value,
        **dates,
        service_name=settings.SERVICE_NAME,
        domain=urlsplit(settings.SITE_URL).hostname or "send-mediation",
        result_url=request.build_absolute_uri(
            url_with_query("clock:key-dates-result", form.query())
        ),
        now=timezone.now(),
    )
    return file_response(content, CALENDAR, "send-appeal-key-dates.ics")


# -- do I need a certificate? ------------------------------------------------------------------


def _certificate_question(request: HttpRequest, form: CertificateCheckForm) -> HttpResponse:
    return render(
        request,
        "clock/certificate_checker.html",
        {"form": form, "title": "Do I need a mediation certificate?"},
    )


@require_http_methods(["GET", "POST"])
def certificate_checker(request: HttpRequest) -> HttpResponse:
    initial = CertificateCheckForm.initial_from_query(request.GET)
    form = CertificateCheckForm(posted(request), initial=initial)
    return _ask(request, form, _certificate_question, "clock:certificate-answer")


@require_GET
def certificate_answer(request: HttpRequest) -> HttpResponse:
    if not request.GET:
        return redirect("clock:certificate-checker")
    form = CertificateCheckForm(request.GET)
    return _answer(
        request,
        form,
        _certificate_question,
        lambda: services.certificate_advice(**form.answers()),
        presenters.certificate_answer_page,
        "clock/certificate_answer.html",
    )
