"""The public tools: work out your key dates, and do I need a mediation certificate?

No sign-in and nothing stored. Each question page posts to itself and, when the answers are valid,
redirects to a result page whose URL holds the answers (POST-redirect-GET), so a result can be
bookmarked or shared and is worked out again from the URL every time.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mediation.clock import ics, presenters, services
from mediation.clock.forms import CertificateCheckForm, KeyDatesForm
from mediation.clock.presenters import url_with_query
from mediation.core.actions import Refused, attempt, show_on_form, submit

# The rules name the events they count from; the key-dates form asks for them by these names.
_KEY_DATES_FIELDS = {"decision_sent": "decision_date", "certificate_issued": "certificate_date"}

# -- key dates ---------------------------------------------------------------------------------


def _key_dates_question(request: HttpRequest, form: KeyDatesForm) -> HttpResponse:
    return render(
        request, "clock/key_dates.html", {"form": form, "title": "Work out your key dates"}
    )


@require_http_methods(["GET", "POST"])
def key_dates(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = KeyDatesForm(request.POST)
    else:
        form = KeyDatesForm(initial=KeyDatesForm.initial_from_query(request.GET))
    done = submit(
        request,
        form,
        form.query,
        success=None,
        redirect_to=lambda query: url_with_query("clock:key-dates-result", query),
    )
    return done or _key_dates_question(request, form)


@require_GET
def key_dates_result(request: HttpRequest) -> HttpResponse:
    if "decision" not in request.GET:
        return redirect("clock:key-dates")
    form = KeyDatesForm.from_query(request.GET)
    if not form.is_valid():
        return _key_dates_question(request, form)
    outcome = attempt(
        lambda: services.key_dates_for_page(
            decision_sent=form.cleaned_data["decision_date"],
            certificate_issued=form.cleaned_data["certificate_date"],
            today=timezone.localdate(),
        )
    )
    if isinstance(outcome, Refused):
        show_on_form(form, outcome.error, fields=_KEY_DATES_FIELDS)
        return _key_dates_question(request, form)
    page = presenters.key_dates_result_page(form, outcome.value)
    return render(request, "clock/key_dates_result.html", page)


@require_GET
def key_dates_calendar(request: HttpRequest) -> HttpResponse:
    form = KeyDatesForm.from_query(request.GET)
    # Dates that are not valid go to the result page, which explains what is wrong with them.
    if not form.is_valid():
        return redirect(url_with_query("clock:key-dates-result", request.GET))
    decision = form.cleaned_data["decision_date"]
    certificate = form.cleaned_data["certificate_date"]
    outcome = attempt(
        lambda: services.key_dates_for_page(decision_sent=decision, certificate_issued=certificate)
    )
    if isinstance(outcome, Refused):
        return redirect(url_with_query("clock:key-dates-result", request.GET))
    content = ics.key_dates_calendar(
        deadlines=outcome.value,
        decision_sent=decision,
        certificate_issued=certificate,
        service_name=settings.SERVICE_NAME,
        domain=urlsplit(settings.SITE_URL).hostname or "send-mediation",
        result_url=request.build_absolute_uri(
            url_with_query("clock:key-dates-result", form.query())
        ),
        now=timezone.now(),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="send-appeal-key-dates.ics"'
    return response


# -- do I need a certificate? ------------------------------------------------------------------


def _certificate_question(request: HttpRequest, form: CertificateCheckForm) -> HttpResponse:
    return render(
        request,
        "clock/certificate_checker.html",
        {"form": form, "title": "Do I need a mediation certificate?"},
    )


@require_http_methods(["GET", "POST"])
def certificate_checker(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = CertificateCheckForm(request.POST)
    else:
        form = CertificateCheckForm(
            initial={
                "matters": request.GET.getlist("matters"),
                "plan_status": request.GET.get("plan_status"),
                "la_in_england": request.GET.get("la_in_england"),
            }
        )
    done = submit(
        request,
        form,
        form.query,
        success=None,
        redirect_to=lambda query: url_with_query("clock:certificate-answer", query),
    )
    return done or _certificate_question(request, form)


@require_GET
def certificate_answer(request: HttpRequest) -> HttpResponse:
    if not request.GET:
        return redirect("clock:certificate-checker")
    form = CertificateCheckForm(request.GET)
    if not form.is_valid():
        return _certificate_question(request, form)
    outcome = attempt(
        lambda: services.certificate_advice(
            matters=form.cleaned_data["matters"],
            plan_status=form.cleaned_data["plan_status"],
            la_in_england=form.in_england,
        )
    )
    if isinstance(outcome, Refused):
        show_on_form(form, outcome.error)
        return _certificate_question(request, form)
    page = presenters.certificate_answer_page(form, outcome.value)
    return render(request, "clock/certificate_answer.html", page)
