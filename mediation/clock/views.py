"""The public tools: work out your key dates, and do I need a mediation certificate?

No sign-in and nothing stored. Each question page posts to itself and, when the answers are valid,
redirects to a result page whose URL holds the answers (POST-redirect-GET), so a result can be
bookmarked or shared and is worked out again from the URL every time.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mediation.clock import services
from mediation.clock.forms import (
    MATTER_LABELS,
    PLAN_STATUS_LABELS,
    CertificateCheckForm,
    KeyDatesForm,
)
from mediation.rules import RulesInputError, check_certificate

IASS_FINDER_URL = (
    "https://councilfordisabledchildren.org.uk/about-us-0/networks/"
    "information-advice-and-support-services-network/find-your-local"
)

# -- key dates ---------------------------------------------------------------------------------


def _with_query(url_name: str, query: Any) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode(query)}" if query else url


def _key_dates_question(request: HttpRequest, form: KeyDatesForm) -> HttpResponse:
    return render(
        request, "clock/key_dates.html", {"form": form, "title": "Work out your key dates"}
    )


@require_http_methods(["GET", "POST"])
def key_dates(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = KeyDatesForm(request.POST)
        if form.is_valid():
            return redirect(_with_query("clock:key-dates-result", form.query()))
        return _key_dates_question(request, form)
    return _key_dates_question(
        request, KeyDatesForm(initial=KeyDatesForm.initial_from_query(request.GET))
    )


@require_GET
def key_dates_result(request: HttpRequest) -> HttpResponse:
    if "decision" not in request.GET:
        return redirect("clock:key-dates")
    form = KeyDatesForm.from_query(request.GET)
    if not form.is_valid():
        return _key_dates_question(request, form)
    decision = form.cleaned_data["decision_date"]
    certificate = form.cleaned_data["certificate_date"]
    try:
        deadlines = services.key_dates_compute(
            decision_sent=decision, certificate_issued=certificate, today=timezone.localdate()
        )
    except RulesInputError as error:
        form.add_error(None, str(error))
        return _key_dates_question(request, form)
    query = form.query()
    return render(
        request,
        "clock/key_dates_result.html",
        {
            "title": "Your key dates",
            "decision": decision,
            "certificate": certificate,
            "appeal": deadlines.get("appeal_deadline"),
            "contact": deadlines.get("adviser_contact_deadline"),
            "change_url": _with_query("clock:key-dates", query),
            "calendar_url": _with_query("clock:key-dates-calendar", query),
        },
    )


@require_GET
def key_dates_calendar(request: HttpRequest) -> HttpResponse:
    form = KeyDatesForm.from_query(request.GET)
    if not form.is_valid():
        # The result page explains what is wrong with the dates.
        return redirect(_with_query("clock:key-dates-result", request.GET))
    decision = form.cleaned_data["decision_date"]
    certificate = form.cleaned_data["certificate_date"]
    try:
        deadlines = services.key_dates_compute(
            decision_sent=decision, certificate_issued=certificate
        )
    except RulesInputError:
        return redirect(_with_query("clock:key-dates-result", request.GET))
    result_url = request.build_absolute_uri(_with_query("clock:key-dates-result", form.query()))
    content = services.key_dates_calendar(
        deadlines=deadlines,
        decision_sent=decision,
        certificate_issued=certificate,
        service_name=settings.SERVICE_NAME,
        domain=urlsplit(settings.SITE_URL).hostname or "send-mediation",
        result_url=result_url,
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
        {
            "form": form,
            "title": "Do I need a mediation certificate?",
        },
    )


@require_http_methods(["GET", "POST"])
def certificate_checker(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = CertificateCheckForm(request.POST)
        if form.is_valid():
            return redirect(_with_query("clock:certificate-answer", form.query()))
        return _certificate_question(request, form)
    initial = {
        "matters": request.GET.getlist("matters"),
        "plan_status": request.GET.get("plan_status"),
        "la_in_england": request.GET.get("la_in_england"),
    }
    return _certificate_question(request, CertificateCheckForm(initial=initial))


_HEADINGS = {
    "certificate_needed": "You need a mediation certificate before you can appeal",
    "certificate_not_needed": "You do not need a mediation certificate",
    "disagreement_resolution": "This cannot go to the Tribunal, but disagreement resolution can"
    " help",
}


@require_GET
def certificate_answer(request: HttpRequest) -> HttpResponse:
    if not request.GET:
        return redirect("clock:certificate-checker")
    form = CertificateCheckForm(request.GET)
    if not form.is_valid():
        return _certificate_question(request, form)
    matters = form.cleaned_data["matters"]
    try:
        advice = check_certificate(
            matters, form.cleaned_data["plan_status"], la_in_england=form.in_england
        )
    except RulesInputError as error:
        form.add_error(None, str(error))
        return _certificate_question(request, form)
    if advice.outcome == "out_of_scope":
        heading = (
            "This service covers England only"
            if not form.in_england
            else "You do not need a mediation certificate for a disability discrimination claim"
        )
    else:
        heading = _HEADINGS[advice.outcome]
    return render(
        request,
        "clock/certificate_answer.html",
        {
            "title": heading,
            "heading": heading,
            "advice": advice,
            "matters": [MATTER_LABELS[m] for m in matters],
            "plan_status": PLAN_STATUS_LABELS[form.cleaned_data["plan_status"]],
            "in_england": form.in_england,
            "change_url": _with_query("clock:certificate-checker", form.query()),
            "iass_url": IASS_FINDER_URL,
        },
    )
