"""The public "Work out your key dates" tool: question, validation, result, calendar file."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from icalendar import Calendar

from mediation.clock import services

QUESTION = "/key-dates/"
RESULT = "/key-dates/your-dates/"
CALENDAR = "/key-dates/your-dates/calendar.ics"


def date_data(field: str, day: str = "", month: str = "", year: str = "") -> dict[str, str]:
    return {f"{field}-day": day, f"{field}-month": month, f"{field}-year": year}


def answers(
    decision: tuple[str, str, str], certificate: tuple[str, str, str] | None = None
) -> dict[str, str]:
    data = date_data("decision_date", *decision)
    data.update(date_data("certificate_date", *(certificate or ("", "", ""))))
    return data


def text_of(response: Any) -> str:
    """The page's visible text, whitespace collapsed, entities decoded."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def title_of(response: Any) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", response.content.decode(), flags=re.S)
    assert match
    return " ".join(html.unescape(match.group(1)).split())


def error_summary_links(response: Any) -> list[tuple[str, str]]:
    body = response.content.decode()
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', body, flags=re.S)
    assert summary, "no error summary"
    return [
        (href, " ".join(html.unescape(text).split()))
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', summary.group(0), flags=re.S)
    ]


# -- the question --------------------------------------------------------------------------


def test_url_names_used_by_the_start_page() -> None:
    assert reverse("clock:key-dates") == QUESTION
    assert reverse("clock:key-dates-result") == RESULT
    assert reverse("clock:key-dates-calendar") == CALENDAR


def test_start_page_links_to_both_tools(client: Client) -> None:
    body = client.get("/").content.decode()
    assert f'href="{QUESTION}"' in body
    assert 'href="/do-i-need-a-certificate/"' in body


def test_question_page_renders_for_anyone(client: Client) -> None:
    response = client.get(QUESTION)
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        title_of(response) == "Work out your key dates - SEND mediation and disagreement resolution"
    )
    assert '<h1 class="govuk-heading-l">Work out your key dates</h1>' in body
    text = text_of(response)
    assert "Date on the decision letter" in text
    assert "Date on the mediation certificate (optional)" in text
    assert "For example, 1 10 2025" in text
    assert "Only if you already have a mediation certificate" in text
    for part in ("day", "month", "year"):
        assert f'id="id_decision_date-{part}"' in body
        assert f'id="id_certificate_date-{part}"' in body
    assert '<a href="/" class="govuk-back-link">' in body
    assert 'action="/key-dates/"' in body
    assert "govuk-error-summary" not in body
    assert "govuk-grid-column-two-thirds" in body


def test_change_link_fills_the_answers_back_in(client: Client) -> None:
    body = client.get(QUESTION, {"decision": "2025-10-01", "certificate": "2025-11-29"}).content
    page = body.decode()
    assert re.search(
        r'id="id_decision_date-day" name="decision_date-day" type="text" value="1"', page
    )
    assert re.search(r'id="id_decision_date-month"[^>]*value="10"', page)
    assert re.search(r'id="id_decision_date-year"[^>]*value="2025"', page)
    assert re.search(r'id="id_certificate_date-day"[^>]*value="29"', page)
    assert re.search(r'id="id_certificate_date-month"[^>]*value="11"', page)


def test_question_ignores_answers_that_are_not_dates(client: Client) -> None:
    response = client.get(QUESTION, {"decision": "not-a-date"})
    assert response.status_code == 200
    assert "govuk-error-summary" not in response.content.decode()
    assert not re.search(r'id="id_decision_date-day"[^>]*value="[^"]+"', response.content.decode())


@pytest.mark.parametrize(
    ("data", "location"),
    [
        (
            answers(("1", "10", "2025"), ("29", "11", "2025")),
            f"{RESULT}?decision=2025-10-01&certificate=2025-11-29",
        ),
        (answers(("10", "6", "2026")), f"{RESULT}?decision=2026-06-10"),
        (answers((" 10 ", "06", "2026")), f"{RESULT}?decision=2026-06-10"),
        (answers(("1", "1", "2014")), f"{RESULT}?decision=2014-01-01"),
        (answers(("24", "10", "2040")), f"{RESULT}?decision=2040-10-24"),
        (
            answers(("1", "1", "2040"), ("24", "11", "2040")),
            f"{RESULT}?decision=2040-01-01&certificate=2040-11-24",
        ),
        (
            answers(("1", "10", "2025"), ("1", "10", "2025")),
            f"{RESULT}?decision=2025-10-01&certificate=2025-10-01",
        ),
    ],
    ids=[
        "e1",
        "e10",
        "spaces-and-zeros",
        "first-day",
        "latest-decision",
        "latest-certificate",
        "same-day",
    ],
)
def test_valid_answers_redirect_to_a_shareable_result(
    client: Client, data: dict[str, str], location: str
) -> None:
    response = client.post(QUESTION, data)
    assert response.status_code == 302
    assert response["Location"] == location


# (answers, href of the field in error, the GOV.UK message)
INVALID = [
    (answers(("", "", "")), "#id_decision_date-day", "Enter the date on the decision letter"),
    (
        answers(("1", "", "2025")),
        "#id_decision_date-month",
        "The date on the decision letter must include a month",
    ),
    (
        answers(("", "10", "")),
        "#id_decision_date-day",
        "The date on the decision letter must include a day and year",
    ),
    (
        answers(("30", "2", "2025")),
        "#id_decision_date-day",
        "The date on the decision letter must be a real date",
    ),
    (
        answers(("1", "October", "2025")),
        "#id_decision_date-day",
        "The date on the decision letter must be a real date",
    ),
    (answers(("1", "10", "25")), "#id_decision_date-year", "Year must include 4 numbers"),
    (
        answers(("31", "12", "2013")),
        "#id_decision_date-day",
        "The date on the decision letter must be between 1 January 2014 and 24 October 2040",
    ),
    (
        answers(("25", "10", "2040")),
        "#id_decision_date-day",
        "The date on the decision letter must be between 1 January 2014 and 24 October 2040",
    ),
    (
        answers(("1", "10", "2025"), ("29", "", "")),
        "#id_certificate_date-month",
        "The date on the mediation certificate must include a month and year",
    ),
    (
        answers(("1", "10", "2025"), ("29", "2", "2026")),
        "#id_certificate_date-day",
        "The date on the mediation certificate must be a real date",
    ),
    (
        answers(("1", "10", "2025"), ("30", "9", "2025")),
        "#id_certificate_date-day",
        "The date on the mediation certificate must be the same as or after the date on the"
        " decision letter",
    ),
    (
        answers(("1", "1", "2040"), ("25", "11", "2040")),
        "#id_certificate_date-day",
        "The date on the mediation certificate must be between 1 January 2014 and 24 November 2040",
    ),
]
INVALID_IDS = [
    "missing",
    "no-month",
    "no-day-or-year",
    "30-february",
    "month-in-words",
    "two-digit-year",
    "before-2014",
    "too-late-to-count",
    "certificate-incomplete",
    "certificate-not-real",
    "certificate-before-letter",
    "certificate-too-late-to-count",
]


@pytest.mark.parametrize(("data", "href", "message"), INVALID, ids=INVALID_IDS)
def test_invalid_answers_show_the_govuk_error_summary_and_message(
    client: Client, data: dict[str, str], href: str, message: str
) -> None:
    response = client.post(QUESTION, data)
    assert response.status_code == 200
    assert title_of(response).startswith("Error: Work out your key dates")
    assert (href, message) in error_summary_links(response)
    body = response.content.decode()
    # The same message next to the field, after a visually hidden "Error:".
    assert f'<span class="govuk-visually-hidden">Error:</span> {html.escape(message)}' in body
    # What was typed is kept.
    for name, value in data.items():
        if value.strip():
            assert f'name="{name}" type="text" value="{html.escape(value)}"' in body
    # The error summary comes before the heading.
    assert body.index("govuk-error-summary") < body.index("<h1")


def test_only_the_parts_in_error_are_highlighted(client: Client) -> None:
    body = client.post(QUESTION, answers(("1", "", "2025"))).content.decode()
    assert re.search(
        r'class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error"'
        r' id="id_decision_date-month"',
        body,
    )
    assert not re.search(r'govuk-input--error" id="id_decision_date-day"', body)


# -- the result ----------------------------------------------------------------------------


@time_machine.travel(date(2025, 11, 3), tick=False)
def test_e1_result_shows_the_appeal_deadline_and_contact_date(client: Client) -> None:
    response = client.get(RESULT, {"decision": "2025-10-01", "certificate": "2025-11-29"})
    assert response.status_code == 200
    body = response.content.decode()
    text = text_of(response)
    assert title_of(response) == "Your key dates - SEND mediation and disagreement resolution"
    assert re.search(r'id="appeal-date">Friday 2 January 2026</p>', body)
    assert re.search(r'id="contact-date">Monday 1 December 2025</p>', body)
    assert "The Tribunal must receive your appeal by 5pm on Friday 2 January 2026." in text
    assert "govuk-warning-text" in body
    # The engine's explanations, and the rules, with links to the legislation.
    expected = services.key_dates_compute(
        decision_sent=date(2025, 10, 1), certificate_issued=date(2025, 11, 29)
    )
    for deadline in expected:
        assert deadline.explanation in text
    assert "falls in the Christmas period" in text
    assert "Rule: HESC Rules 2008, r.20(1)(c)(ii), with r.12" in text
    assert 'href="https://www.legislation.gov.uk/uksi/2008/2699/article/20/data.html"' in body
    assert "Rule: SEND Regulations 2014, reg 33" in text
    assert "You have a mediation certificate, so you have already done this." in text
    # Status as of today (3 November 2025).
    assert "Due in 41 working days." in text  # Christmas and New Year skipped
    # Answers, with Change links back to the filled-in question.
    change = "/key-dates/?decision=2025-10-01&amp;certificate=2025-11-29"
    assert body.count(f'href="{change}"') >= 3  # back link and two Change links
    assert "Date on the decision letter 1 October 2025" in text
    assert "Date on the mediation certificate 29 November 2025" in text
    # What next, and the calendar file.
    assert 'href="/contact/"' in body
    assert 'href="/do-i-need-a-certificate/"' in body
    assert f'href="{CALENDAR}?decision=2025-10-01&amp;certificate=2025-11-29" download' in body
    assert "Error:" not in title_of(response)


@time_machine.travel(date(2041, 1, 2), tick=False)
def test_a_result_the_rules_cannot_count_today_is_explained_on_the_question(
    client: Client,
) -> None:
    # The form accepts the dates; only the rules know that today is beyond their calendar.
    response = client.get(RESULT, {"decision": "2025-10-01"})
    assert response.status_code == 200
    assert title_of(response).startswith("Error: Work out your key dates")
    assert "outside the years the rules can count" in text_of(response)
    assert 'id="appeal-date"' not in response.content.decode()


@time_machine.travel(date(2026, 6, 12), tick=False)
def test_e10_result_without_a_certificate(client: Client) -> None:
    response = client.get(RESULT, {"decision": "2026-06-10"})
    body = response.content.decode()
    text = text_of(response)
    assert re.search(r'id="appeal-date">Tuesday 1 September 2026</p>', body)
    assert re.search(r'id="contact-date">Monday 10 August 2026</p>', body)
    for deadline in services.key_dates_compute(decision_sent=date(2026, 6, 10)):
        assert deadline.explanation in text
    assert "August" in text
    assert "Rule: HESC Rules 2008, r.20(1)(c)(i), with r.12" in text
    assert "Date on the mediation certificate You do not have one yet" in text
    assert "If you get a mediation certificate, you may have longer" in text
    assert "you can ask for a certificate straight away" in text
    assert "You have a mediation certificate" not in text
    assert f'href="{CALENDAR}?decision=2026-06-10" download' in body


@time_machine.travel(date(2026, 2, 2), tick=False)
def test_result_says_when_a_date_has_passed(client: Client) -> None:
    text = text_of(client.get(RESULT, {"decision": "2025-10-01", "certificate": "2025-11-29"}))
    assert "This date has passed." in text
    assert "The Tribunal can sometimes accept a late appeal" in text


@time_machine.travel(date(2026, 1, 2), tick=False)
def test_result_says_when_the_deadline_is_today(client: Client) -> None:
    text = text_of(client.get(RESULT, {"decision": "2025-10-01", "certificate": "2025-11-29"}))
    assert "This is today." in text
    assert "The Tribunal can sometimes accept a late appeal" not in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"decision": "2025-02-30"}, "The date on the decision letter must be a real date"),
        ({"decision": "yesterday"}, "The date on the decision letter must be a real date"),
        ({"decision": ""}, "Enter the date on the decision letter"),
        ({"decision": "25-10-01"}, "Year must include 4 numbers"),
        (
            {"decision": "2025-10-01", "certificate": "2025-09-01"},
            "The date on the mediation certificate must be the same as or after the date on the"
            " decision letter",
        ),
        (
            {"decision": "2041-01-01"},
            "The date on the decision letter must be between 1 January 2014 and 24 October 2040",
        ),
    ],
    ids=["not-real", "not-a-date", "empty", "short-year", "certificate-first", "out-of-range"],
)
def test_a_changed_result_url_shows_the_question_with_the_error(
    client: Client, query: dict[str, str], message: str
) -> None:
    response = client.get(RESULT, query)
    assert response.status_code == 200
    assert message in [text for _, text in error_summary_links(response)]
    assert 'action="/key-dates/"' in response.content.decode()


def test_result_without_answers_goes_to_the_question(client: Client) -> None:
    response = client.get(RESULT)
    assert response.status_code == 302
    assert response["Location"] == QUESTION


@override_settings(ROOT_URLCONF="mediation.clock.tests.urls_with_intake")
def test_result_links_to_the_online_referral_when_it_exists(client: Client) -> None:
    body = client.get(RESULT, {"decision": "2026-06-10"}).content.decode()
    assert (
        '<a class="govuk-link" href="/refer/">Ask for mediation information or a certificate'
        " online</a>" in body
    )


@override_settings(ROOT_URLCONF="mediation.clock.tests.urls_without_intake")
def test_result_has_no_referral_link_before_it_exists(client: Client) -> None:
    response = client.get(RESULT, {"decision": "2026-06-10"})
    assert response.status_code == 200
    assert "Ask for mediation information or a certificate online" not in text_of(response)


@pytest.mark.parametrize(
    ("method", "path"),
    [("put", QUESTION), ("delete", QUESTION), ("post", RESULT), ("post", CALENDAR)],
)
def test_other_methods_are_not_allowed(client: Client, method: str, path: str) -> None:
    assert getattr(client, method)(path).status_code == 405


# -- the calendar file ---------------------------------------------------------------------


def _events(response: Any) -> dict[str, Any]:
    cal = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}


APPEAL = "Appeal deadline: the SEND Tribunal must receive your appeal by 5pm"
CONTACT = "Last day to contact a mediation adviser"


def test_calendar_download_for_e1(client: Client) -> None:
    response = client.get(CALENDAR, {"decision": "2025-10-01", "certificate": "2025-11-29"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="send-appeal-key-dates.ics"'
    events = _events(response)
    assert set(events) == {APPEAL, CONTACT}
    assert events[APPEAL].decoded("DTSTART") == date(2026, 1, 2)
    assert events[APPEAL].decoded("DTEND") == date(2026, 1, 3)
    assert events[CONTACT].decoded("DTSTART") == date(2025, 12, 1)
    description = str(events[APPEAL]["DESCRIPTION"])
    assert "the Tribunal accepts the appeal on the first working day after 1 January" in description
    assert "Rule: HESC Rules 2008, r.20(1)(c)(ii), with r.12" in description
    assert (
        "http://testserver/key-dates/your-dates/?decision=2025-10-01&certificate=2025-11-29"
        in description
    )


def test_calendar_for_e10_and_stable_uids(client: Client) -> None:
    first = _events(client.get(CALENDAR, {"decision": "2026-06-10"}))
    again = _events(client.get(CALENDAR, {"decision": "2026-06-10"}))
    assert first[APPEAL].decoded("DTSTART") == date(2026, 9, 1)
    assert first[CONTACT].decoded("DTSTART") == date(2026, 8, 10)
    assert {str(e["UID"]) for e in first.values()} == {str(e["UID"]) for e in again.values()}
    other = _events(client.get(CALENDAR, {"decision": "2026-06-11"}))
    assert {str(e["UID"]) for e in first.values()}.isdisjoint(str(e["UID"]) for e in other.values())


def test_calendar_with_bad_dates_goes_to_the_result_page_to_explain(client: Client) -> None:
    response = client.get(CALENDAR, {"decision": "2025-02-30"})
    assert response.status_code == 302
    assert response["Location"] == f"{RESULT}?decision=2025-02-30"
