"""Input validation: unknown keys, bad values, impossible sequences, dates out of range."""

from __future__ import annotations

from datetime import datetime

import pytest

from mediation.rules import (
    CaseFacts,
    OutOfRangeError,
    RulesInputError,
    agreement_item_due,
    compute_deadlines,
    validate_events,
)
from mediation.rules.tests.helpers import d


def _error(events: dict[str, object], flags: tuple[str, ...] = ()) -> RulesInputError:
    with pytest.raises(RulesInputError) as info:
        CaseFacts(events, frozenset(flags))  # type: ignore[arg-type]
    return info.value


def test_unknown_event_names_the_key_suggests_and_lists_the_known_ones() -> None:
    error = _error({"decison_sent": d("2025-10-01")})
    assert "Unknown event 'decison_sent'" in str(error)
    assert "Did you mean 'decision_sent'?" in str(error)
    assert "mediation_requested" in str(error)
    assert error.problems[0].field == "decison_sent"


def test_unknown_flag() -> None:
    error = _error({"decision_sent": d("2025-10-01")}, ("health_onyl",))
    assert "Unknown flag 'health_onyl'" in str(error)
    assert "Did you mean 'health_only'?" in str(error)


@pytest.mark.parametrize(
    "value",
    [datetime(2025, 10, 1, 9, 30), "2025-10-01", None, 20251001],
    ids=["datetime", "string", "none", "int"],
)
def test_values_must_be_dates(value: object) -> None:
    error = _error({"decision_sent": value})
    assert "must be a date" in str(error)


@pytest.mark.parametrize("day", ["2013-12-31", "2041-01-01"])
def test_dates_outside_2014_2040_are_input_errors(day: str) -> None:
    error = _error({"decision_sent": d(day)})
    assert "2014 to 2040" in str(error)
    assert error.problems[0].field == "decision_sent"


@pytest.mark.parametrize(
    ("events", "flags", "field", "words"),
    [
        (
            {"decision_sent": "2025-10-10", "adviser_contacted": "2025-10-09"},
            (),
            "adviser_contacted",
            "decision notice",
        ),
        (
            {"mediation_requested": "2025-12-01", "mediation_concluded": "2025-11-30"},
            (),
            "mediation_concluded",
            "knows the family wants mediation",
        ),
        (
            {"mediation_requested": "2025-12-01", "la_cannot_arrange": "2025-11-30"},
            (),
            "la_cannot_arrange",
            "knows the family wants mediation",
        ),
        (
            {"mediation_requested": "2025-12-01", "meeting_date": "2025-11-30"},
            (),
            "meeting_date",
            "knows the family wants mediation",
        ),
        (
            {"mediation_requested": "2025-12-01", "agreement_recorded": "2025-11-30"},
            (),
            "agreement_recorded",
            "knows the family wants mediation",
        ),
        (
            {"adviser_contacted": "2025-12-01", "certificate_issued": "2025-11-30"},
            (),
            "certificate_issued",
            "after the family has made contact",
        ),
        (
            {"adviser_contacted": "2025-12-01", "mediation_declined": "2025-11-30"},
            (),
            "mediation_declined",
            "does not want mediation",
        ),
        (
            {"mediation_concluded": "2025-12-10", "agreement_recorded": "2025-12-09"},
            (),
            "agreement_recorded",
            "Regulation 42",
        ),
        (
            {"mediation_concluded": "2025-12-10", "la_cannot_arrange": "2025-12-11"},
            (),
            "mediation_concluded",
            "nothing left that the LA cannot arrange",
        ),
        (
            {"mediation_requested": "2025-12-01", "icb_notified": "2025-12-02"},
            (),
            "icb_notified",
            "health_issues",
        ),
    ],
    ids=[
        "before-decision",
        "concluded-before-request",
        "cannot-arrange-before-request",
        "meeting-before-request",
        "agreement-before-request",
        "certificate-before-contact",
        "declined-before-contact",
        "agreement-before-conclusion",
        "cannot-arrange-after-conclusion",
        "icb-without-health-flag",
    ],
)
def test_contradictory_sequences_are_rejected_with_a_helpful_message(
    events: dict[str, str], flags: tuple[str, ...], field: str, words: str
) -> None:
    error = _error({k: d(v) for k, v in events.items()}, flags)
    assert words in str(error)
    assert error.problems[0].field == field
    if field != "icb_notified":
        assert "Please check both dates." in str(error)
        # Dates are written out for a person, not as ISO strings.
        assert "2025-" not in str(error)


def test_every_problem_is_reported_at_once() -> None:
    error = _error(
        {
            "decision_sent": d("2025-10-10"),
            "adviser_contacted": d("2025-10-01"),
            "certificate_issued": d("2025-09-30"),
        }
    )
    fields = [p.field for p in error.problems]
    assert fields == ["adviser_contacted", "certificate_issued", "certificate_issued"]
    assert validate_events(
        {"decision_sent": d("2025-10-10"), "adviser_contacted": d("2025-10-01")}
    ) == list(
        _error({"decision_sent": d("2025-10-10"), "adviser_contacted": d("2025-10-01")}).problems
    )


@pytest.mark.parametrize(
    "events",
    [
        # Asked for mediation, then declined it.
        {"mediation_requested": "2025-12-01", "mediation_declined": "2025-12-05"},
        # Declined, then asked after all.
        {"mediation_declined": "2025-12-01", "mediation_requested": "2025-12-05"},
        # The LA could not arrange it in 30 days, and it happened later.
        {
            "mediation_requested": "2025-12-01",
            "la_cannot_arrange": "2025-12-31",
            "meeting_date": "2026-01-20",
            "mediation_concluded": "2026-01-20",
        },
        # A concluded mediation whose request date was never recorded.
        {"mediation_concluded": "2026-01-20", "certificate_issued": "2026-01-21"},
        # Everything on one day.
        {
            "decision_sent": "2025-12-01",
            "adviser_contacted": "2025-12-01",
            "mediation_declined": "2025-12-01",
            "certificate_issued": "2025-12-01",
        },
        # A certificate after the LA said it could not arrange mediation, then the mediation.
        {
            "adviser_contacted": "2025-11-20",
            "mediation_requested": "2025-12-01",
            "la_cannot_arrange": "2025-12-31",
            "certificate_issued": "2026-01-05",
            "mediation_concluded": "2026-02-10",
        },
        # An agreement written up a few days after the mediation.
        {"mediation_concluded": "2026-02-10", "agreement_recorded": "2026-02-13"},
    ],
    ids=[
        "requested-then-declined",
        "declined-then-requested",
        "cannot-arrange-then-held",
        "no-request-date",
        "same-day",
        "deemed-certificate-then-mediation",
        "agreement-written-later",
    ],
)
def test_real_world_sequences_are_accepted(events: dict[str, str]) -> None:
    facts = CaseFacts({k: d(v) for k, v in events.items()})
    assert compute_deadlines(facts) is not None


def test_health_only_implies_health_issues() -> None:
    facts = CaseFacts(
        {"mediation_requested": d("2025-12-01"), "icb_notified": d("2025-12-02")},
        frozenset({"health_only"}),
    )
    assert facts.health_issues
    assert facts.health_only
    assert compute_deadlines(facts).get("icb_notification_due") is not None


def test_facts_are_immutable_copies() -> None:
    events = {"decision_sent": d("2025-10-01")}
    facts = CaseFacts(events, {"health_issues"})  # type: ignore[arg-type]
    events["decision_sent"] = d("2026-10-01")
    assert facts.events["decision_sent"] == d("2025-10-01")
    assert facts.flags == frozenset({"health_issues"})
    with pytest.raises(TypeError):
        facts.events["decision_sent"] = d("2026-10-01")  # type: ignore[index]
    assert facts == CaseFacts.of("health_issues", decision_sent=d("2025-10-01"))
    assert hash(facts) == hash(CaseFacts.of("health_issues", decision_sent=d("2025-10-01")))


def test_today_outside_the_range_is_an_input_error() -> None:
    facts = CaseFacts({"decision_sent": d("2025-10-01")})
    with pytest.raises(RulesInputError) as info:
        compute_deadlines(facts, today=d("2041-02-01"))
    assert info.value.problems[0].field == "today"


def test_deadlines_past_2040_are_an_input_error_not_a_wrong_answer() -> None:
    facts = CaseFacts({"decision_sent": d("2040-12-01")})
    with pytest.raises(RulesInputError, match="outside the years the rules can count"):
        compute_deadlines(facts)
    late_agreement = CaseFacts(
        {"mediation_concluded": d("2040-12-20"), "agreement_recorded": d("2040-12-20")}
    )
    with pytest.raises(RulesInputError, match="2040"):
        compute_deadlines(late_agreement)


def test_agreement_item_due_validates_kind_and_date() -> None:
    with pytest.raises(RulesInputError, match="Did you mean 'amend'"):
        agreement_item_due(d("2026-03-27"), "amnd")
    with pytest.raises(RulesInputError, match="2014 to 2040"):
        agreement_item_due(d("2013-03-27"), "amend")


def test_error_types() -> None:
    assert issubclass(RulesInputError, ValueError)
    assert issubclass(OutOfRangeError, RulesInputError)
    error = RulesInputError("plain message")
    assert str(error) == "plain message"
    assert error.problems[0].field is None


def test_messages_keep_the_capitals_of_abbreviations() -> None:
    import datetime as dt

    import pytest

    from mediation.rules import CaseFacts, RulesInputError

    with pytest.raises(RulesInputError) as caught:
        CaseFacts({"decision_sent": dt.date(2041, 10, 1)})
    message = str(caught.value)
    assert "LA" in message
    assert " la" not in message


def test_unknown_flags_are_refused_even_without_events() -> None:
    """The fast path once accepted any flag on a case with no dates yet."""
    with pytest.raises(RulesInputError) as raised:
        CaseFacts({}, frozenset({"bogus"}))
    assert "bogus" in str(raised.value)
    assert CaseFacts({}, frozenset({"health_issues"})).flags == frozenset({"health_issues"})
