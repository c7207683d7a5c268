"""The clock app's helpers: date limits, the calendar file, plan conflicts, short dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from mediation.clock import ics, services
from mediation.core.errors import ApplicationError
from mediation.core.formatting import short_weekday_date
from mediation.rules import RulesInputError


def test_short_date_is_the_table_style() -> None:
    assert short_weekday_date(date(2026, 1, 2)) == "Fri 2 Jan 2026"
    assert short_weekday_date(date(2025, 9, 30)) == "Tue 30 Sep 2025"


def test_latest_decision_date_is_the_last_one_the_calendar_can_count() -> None:
    latest = services.latest_decision_date()
    # 24 Oct 2040 + 2 months = Mon 24 Dec 2040, a working day before the Christmas window;
    # a day later the appeal deadline moves into January 2041, beyond the calendar.
    assert latest == date(2040, 10, 24)
    services.key_dates_compute(decision_sent=latest)
    with pytest.raises(RulesInputError):
        services.key_dates_compute(decision_sent=latest + timedelta(days=1))


def test_latest_certificate_date_is_the_last_one_the_calendar_can_count() -> None:
    latest = services.latest_certificate_date()
    assert latest == date(2040, 11, 24)
    services.key_dates_compute(decision_sent=date(2040, 1, 1), certificate_issued=latest)
    with pytest.raises(RulesInputError):
        services.key_dates_compute(
            decision_sent=date(2040, 1, 1), certificate_issued=latest + timedelta(days=1)
        )


def test_key_dates_compute_e1_and_e10() -> None:
    e1 = services.key_dates_compute(
        decision_sent=date(2025, 10, 1), certificate_issued=date(2025, 11, 29)
    )
    assert e1.due_dates() == {
        "adviser_contact_deadline": date(2025, 12, 1),
        "appeal_deadline": date(2026, 1, 2),
    }
    e10 = services.key_dates_compute(decision_sent=date(2026, 6, 10), today=date(2026, 6, 11))
    appeal = e10.get("appeal_deadline")
    assert appeal is not None
    assert appeal.due == date(2026, 9, 1)
    assert appeal.status is not None
    assert appeal.status.state == "upcoming"


def test_key_dates_compute_refuses_a_certificate_before_the_letter() -> None:
    with pytest.raises(RulesInputError):
        services.key_dates_compute(
            decision_sent=date(2025, 10, 1), certificate_issued=date(2025, 9, 30)
        )


def _calendar(certificate: date | None = date(2025, 11, 29)) -> Calendar:
    decision = date(2025, 10, 1)
    deadlines = services.key_dates_compute(decision_sent=decision, certificate_issued=certificate)
    data = ics.key_dates_calendar(
        deadlines=deadlines,
        decision_sent=decision,
        certificate_issued=certificate,
        service_name="Test mediation",
        domain="mediation.example",
        result_url="https://mediation.example/key-dates/your-dates/?decision=2025-10-01",
        now=datetime(2025, 12, 1, 9, 0, tzinfo=UTC),
    )
    return Calendar.from_ical(data)


def test_calendar_has_an_all_day_event_per_deadline_with_explanations() -> None:
    cal = _calendar()
    assert str(cal["VERSION"]) == "2.0"
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {
        "Last day to contact a mediation adviser",
        "Appeal deadline: the SEND Tribunal must receive your appeal by 5pm",
    }
    appeal = events["Appeal deadline: the SEND Tribunal must receive your appeal by 5pm"]
    start = appeal.decoded("DTSTART")
    assert start == date(2026, 1, 2)
    assert not isinstance(start, datetime)  # an all-day event
    assert appeal.decoded("DTEND") == date(2026, 1, 3)
    description = str(appeal["DESCRIPTION"])
    assert "Friday 2 January 2026" in description
    assert "Rule: HESC Rules 2008, r.20(1)(c)(ii), with r.12" in description
    assert "https://mediation.example/key-dates/your-dates/?decision=2025-10-01" in description
    contact = events["Last day to contact a mediation adviser"]
    assert contact.decoded("DTSTART") == date(2025, 12, 1)
    assert "SEND Regulations 2014, reg 33" in str(contact["DESCRIPTION"])
    (alarm,) = appeal.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-7)


def test_calendar_uids_are_stable_for_the_same_dates_and_differ_otherwise() -> None:
    first = sorted(str(e["UID"]) for e in _calendar().walk("VEVENT"))
    again = sorted(str(e["UID"]) for e in _calendar().walk("VEVENT"))
    other = sorted(str(e["UID"]) for e in _calendar(certificate=None).walk("VEVENT"))
    assert first == again
    assert set(first).isdisjoint(other)
    assert all(uid.endswith("@mediation.example") for uid in first)


@pytest.mark.parametrize(
    ("matters", "plan_status", "expected"),
    [
        (["plan_content", "refusal_to_assess"], "none", ["plan_content"]),
        (
            ["plan_placement", "cease_to_maintain"],
            "assessment",
            ["plan_placement", "cease_to_maintain"],
        ),
        (["refusal_to_issue_plan"], "assessment", []),
        (["plan_content", "plan_placement"], "plan", []),
        (["plan_content"], "legacy_statement", []),
    ],
)
def test_certificate_plan_conflicts(
    matters: list[str], plan_status: str, expected: list[str]
) -> None:
    assert services.certificate_plan_conflicts(matters=matters, plan_status=plan_status) == expected


def test_key_dates_for_page_gives_the_rules_refusal_as_an_application_error() -> None:
    with pytest.raises(ApplicationError) as caught:
        services.key_dates_for_page(
            decision_sent=date(2025, 10, 1), certificate_issued=None, today=date(2041, 1, 2)
        )
    assert caught.value.field == "today"
    assert "outside the years the rules can count" in caught.value.message
    deadlines = services.key_dates_for_page(
        decision_sent=date(2025, 10, 1), certificate_issued=date(2025, 11, 29)
    )
    assert deadlines.due_dates()["appeal_deadline"] == date(2026, 1, 2)


def test_certificate_advice_gives_the_rules_refusal_as_an_application_error() -> None:
    with pytest.raises(ApplicationError) as caught:
        services.certificate_advice(
            matters=["health_social_care"], plan_status="none", la_in_england=True
        )
    assert caught.value.field == "matters"
    assert "existing EHC plan" in caught.value.message
    advice = services.certificate_advice(
        matters=["plan_placement"], plan_status="plan", la_in_england=True
    )
    assert advice.outcome == "certificate_not_needed"
