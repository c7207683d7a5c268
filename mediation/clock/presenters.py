"""What the public tools' pages show: result URLs, headings and the answer pages' contents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TypedDict
from urllib.parse import urlencode

from django.urls import reverse

from mediation.clock.forms import (
    MATTER_LABELS,
    PLAN_STATUS_LABELS,
    CertificateCheckForm,
    KeyDatesForm,
)
from mediation.rules import CertificateAdvice, Deadline, DeadlineList

IASS_FINDER_URL = (
    "https://councilfordisabledchildren.org.uk/about-us-0/networks/"
    "information-advice-and-support-services-network/find-your-local"
)


def url_with_query(url_name: str, query: Mapping[str, str] | Sequence[tuple[str, str]]) -> str:
    """The page's URL, with the answers as its query string (a result can be shared)."""
    url = reverse(url_name)
    return f"{url}?{urlencode(query)}" if query else url


# -- key dates ---------------------------------------------------------------------------------


class KeyDatesResultPage(TypedDict):
    title: str
    decision: date
    certificate: date | None
    appeal: Deadline | None
    contact: Deadline | None
    change_url: str
    calendar_url: str


def key_dates_result_page(form: KeyDatesForm, deadlines: DeadlineList) -> KeyDatesResultPage:
    """The result page for valid dates: the appeal deadline and the last day to contact."""
    query = form.query()
    return {
        "title": "Your key dates",
        "decision": form.cleaned_data["decision_date"],
        "certificate": form.cleaned_data["certificate_date"],
        "appeal": deadlines.get("appeal_deadline"),
        "contact": deadlines.get("adviser_contact_deadline"),
        "change_url": url_with_query("clock:key-dates", query),
        "calendar_url": url_with_query("clock:key-dates-calendar", query),
    }


# -- do I need a certificate? ------------------------------------------------------------------

# The answer's heading, by outcome, for a local authority in England.
_HEADINGS = {
    "certificate_needed": "You need a mediation certificate before you can appeal",
    "certificate_not_needed": "You do not need a mediation certificate",
    "disagreement_resolution": "This cannot go to the Tribunal, but disagreement resolution can"
    " help",
    # In England, only a disability discrimination claim on its own is out of scope.
    "out_of_scope": "You do not need a mediation certificate for a disability discrimination claim",
}


def certificate_heading(advice: CertificateAdvice, *, in_england: bool) -> str:
    """The answer in one line: outside England, the rules say nothing more."""
    return _HEADINGS[advice.outcome] if in_england else "This service covers England only"


class CertificateAnswerPage(TypedDict):
    title: str
    heading: str
    advice: CertificateAdvice
    matters: list[str]
    plan_status: str
    in_england: bool
    change_url: str
    iass_url: str


def certificate_answer_page(
    form: CertificateCheckForm, advice: CertificateAdvice
) -> CertificateAnswerPage:
    """The answer page: the heading, the checker's reasons and steps, and the answers given."""
    heading = certificate_heading(advice, in_england=form.in_england)
    return {
        "title": heading,
        "heading": heading,
        "advice": advice,
        "matters": [MATTER_LABELS[m] for m in form.cleaned_data["matters"]],
        "plan_status": PLAN_STATUS_LABELS[form.cleaned_data["plan_status"]],
        "in_england": form.in_england,
        "change_url": url_with_query("clock:certificate-checker", form.query()),
        "iass_url": IASS_FINDER_URL,
    }
