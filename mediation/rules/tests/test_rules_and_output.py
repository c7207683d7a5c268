"""The rules registry, the Deadline objects and their explanations, and the package's boundaries."""

from __future__ import annotations

import ast
import dataclasses
import json
import random
from pathlib import Path

import pytest

import mediation.rules
from mediation.rules import (
    DEADLINE_KEYS,
    EVENT_KEYS,
    RULES,
    RULES_BY_KEY,
    Adjustment,
    CaseFacts,
    Confidence,
    Deadline,
    DeadlineList,
    Unit,
    compute_deadlines,
)
from mediation.rules.reference import random_case
from mediation.rules.tests.helpers import d, deadlines

PACKAGE = Path(mediation.rules.__file__).parent

# legal-rules.md's label for each rule.
EXPECTED = {
    "adviser_contact_deadline": (Confidence.VERIFIED, Unit.MONTHS, 2, "decision_sent"),
    "certificate_due.mediation_declined": (
        Confidence.ATTESTED,
        Unit.WORKING_DAYS,
        3,
        "mediation_declined",
    ),
    "certificate_due.la_cannot_arrange": (
        Confidence.ATTESTED,
        Unit.WORKING_DAYS,
        3,
        "la_cannot_arrange",
    ),
    "certificate_due.mediation_concluded": (
        Confidence.ATTESTED,
        Unit.WORKING_DAYS,
        3,
        "mediation_concluded",
    ),
    "icb_notification_due": (Confidence.ATTESTED, Unit.WORKING_DAYS, 3, "mediation_requested"),
    "mediation_due": (Confidence.ATTESTED, Unit.CALENDAR_DAYS, 30, "mediation_requested"),
    "mediation_due.health_only": (Confidence.ATTESTED, Unit.CALENDAR_DAYS, 30, "icb_notified"),
    "meeting_notice_due": (Confidence.ATTESTED, Unit.WORKING_DAYS, -5, "meeting_date"),
    "appeal_deadline": (Confidence.VERIFIED, Unit.MONTHS, 2, "decision_sent"),
    "appeal_deadline.certificate": (Confidence.VERIFIED, Unit.MONTHS, 1, "certificate_issued"),
    "agreement_actions_due": (Confidence.VERIFIED, Unit.WEEKS, 2, "agreement_recorded"),
    "agreement_la_notified_due": (Confidence.VERIFIED, Unit.WEEKS, 1, "agreement_recorded"),
    "agreement_assess_notify_due": (Confidence.ATTESTED, Unit.WEEKS, 2, "agreement_recorded"),
    "agreement_assess_decline_to_issue_due": (
        Confidence.ATTESTED,
        Unit.WEEKS,
        10,
        "agreement_recorded",
    ),
    "agreement_assess_final_plan_due": (Confidence.ATTESTED, Unit.WEEKS, 14, "agreement_recorded"),
    "agreement_plan_draft_due": (Confidence.ATTESTED, Unit.WEEKS, 5, "agreement_recorded"),
    "agreement_plan_final_due": (Confidence.ATTESTED, Unit.WEEKS, 11, "agreement_recorded"),
    "agreement_amend_due": (Confidence.ATTESTED, Unit.WEEKS, 5, "agreement_recorded"),
    "agreement_placement_due": (Confidence.ATTESTED, Unit.WEEKS, 2, "agreement_recorded"),
}


def test_registry_matches_legal_rules() -> None:
    assert set(RULES) == set(EXPECTED)
    for rule_id, (confidence, unit, amount, counts_from) in EXPECTED.items():
        rule = RULES[rule_id]
        assert (rule.confidence, rule.unit, rule.amount, rule.counts_from) == (
            confidence,
            unit,
            amount,
            counts_from,
        ), rule_id
        assert rule.citation
        assert rule.source_url.startswith(("http://", "https://"))
        assert rule.description
        assert rule.counts_from in EVENT_KEYS
    assert set(RULES_BY_KEY) == set(DEADLINE_KEYS)
    assert RULES["adviser_contact_deadline"].citation == "SEND Regulations 2014, reg 33"


def test_only_the_appeal_deadline_has_adjustments() -> None:
    for rule in RULES.values():
        if rule.key == "appeal_deadline":
            assert rule.adjustments == (
                Adjustment.HESC_R12_3A_CHRISTMAS_AUGUST,
                Adjustment.HESC_R12_2_NEXT_WORKING_DAY,
            )
        else:
            assert rule.adjustments == ()
    assert Adjustment.HESC_R12_3A_CHRISTMAS_AUGUST.confidence is Confidence.VERIFIED
    assert Adjustment.HESC_R12_2_NEXT_WORKING_DAY.confidence is Confidence.ATTESTED


def test_confidence_weakest_link() -> None:
    assert Confidence.weakest(Confidence.VERIFIED, Confidence.ATTESTED) is Confidence.ATTESTED
    assert Confidence.weakest(Confidence.UNCERTAIN, Confidence.VERIFIED) is Confidence.UNCERTAIN
    assert Confidence.VERIFIED.label == "VERIFIED"


def test_rules_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES["mediation_due"].amount = 60  # type: ignore[misc]
    with pytest.raises(TypeError):
        RULES["x"] = RULES["mediation_due"]  # type: ignore[index]


def test_deadlines_are_real_frozen_deadline_objects() -> None:
    result = deadlines(decision_sent="2025-10-01", certificate_issued="2025-11-29")
    assert isinstance(result, DeadlineList)
    assert isinstance(result, list)
    item = result[0]
    assert type(item) is Deadline
    assert dataclasses.is_dataclass(item)
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.due = d("2030-01-01")  # type: ignore[misc]
    copy = dataclasses.replace(item)
    assert copy == item
    assert hash(copy) == hash(item)
    built = Deadline(
        item.key,
        item.due,
        item.rule,
        item.counted_from,
        item.counted_from_date,
        item.nominal,
        item.adjustments,
        item.done_on,
    )
    assert built == item


def test_deadlines_are_ordered_by_due_date_with_a_fixed_tie_order() -> None:
    rng = random.Random(7)
    order = {key: i for i, key in enumerate(DEADLINE_KEYS)}
    for _ in range(500):
        events, flags = random_case(rng)
        result = compute_deadlines(CaseFacts(events, flags))
        keys = [(x.due, order[x.key]) for x in result]
        assert keys == sorted(keys)
        assert len({x.key for x in result}) == len(result)


def test_every_rule_explains_itself_in_plain_english() -> None:
    seen: set[str] = set()
    cases = [
        ((), {"decision_sent": "2026-02-05"}),
        (("health_only",), {"decision_sent": "2025-11-14", "mediation_requested": "2025-12-01"}),
        (
            ("health_only",),
            {
                "decision_sent": "2025-11-14",
                "adviser_contacted": "2025-11-20",
                "mediation_requested": "2025-12-01",
                "icb_notified": "2025-12-02",
                "meeting_date": "2025-12-20",
                "mediation_concluded": "2025-12-20",
                "agreement_recorded": "2025-12-20",
            },
        ),
        (
            ("health_issues",),
            {
                "decision_sent": "2025-10-01",
                "mediation_requested": "2025-10-02",
                "la_cannot_arrange": "2025-10-30",
                "certificate_issued": "2025-11-29",
            },
        ),
        ((), {"decision_sent": "2025-10-24", "mediation_declined": "2025-12-23"}),
        ((), {"decision_sent": "2025-01-31", "certificate_issued": "2025-02-06"}),
        ((), {"decision_sent": "2026-06-10"}),
    ]
    for flags, events in cases:
        facts = CaseFacts({k: d(v) for k, v in events.items()}, frozenset(flags))
        for item in compute_deadlines(facts):
            seen.add(item.rule.id)
            text = item.explanation
            assert text is item.explanation  # written once, then cached
            assert "  " not in text
            assert str(item.due.year) in text
            assert item.due.isoformat() not in text  # dates are written out for people
            assert json.loads(json.dumps(item.to_dict()))["rule"] == item.rule.citation
    assert seen == set(RULES)


def test_explanations_say_what_the_brief_requires() -> None:
    result = deadlines(
        decision_sent="2026-02-05",
        adviser_contacted="2026-02-10",
        mediation_declined="2026-04-01",
        mediation_requested="2026-02-20",
        meeting_date="2026-03-30",
    )
    contact = result.get("adviser_contact_deadline")
    assert contact is not None
    assert "no rule moving" in contact.explanation
    assert "on or before" in contact.explanation
    assert contact.done_on == d("2026-02-10")
    certificate = result.get("certificate_due")
    assert certificate is not None
    assert "does not want mediation" in certificate.explanation
    notice = result.get("meeting_notice_due")
    assert notice is not None
    assert notice.due == d("2026-03-23")
    assert "unless the family agrees to less notice" in notice.explanation


def test_to_dict_is_json_ready() -> None:
    result = deadlines(
        today=d("2026-01-02"), decision_sent="2025-10-01", certificate_issued="2025-11-29"
    )
    data = json.loads(json.dumps(result.to_dict()))
    appeal = next(x for x in data["deadlines"] if x["key"] == "appeal_deadline")
    assert appeal["due"] == "2026-01-02"
    assert appeal["nominal"] == "2025-12-29"
    assert appeal["counted_from"] == "certificate_issued"
    assert appeal["counted_from_date"] == "2025-11-29"
    assert appeal["rule"] == "HESC Rules 2008, r.20(1)(c)(ii), with r.12"
    assert appeal["confidence"] == "verified"
    assert appeal["adjustments"] == ["hesc_r12_3a_christmas_august"]
    assert appeal["status"] == {"state": "due_today", "working_days": 0, "label": "Due today"}
    assert "Friday 2 January 2026" in appeal["explanation"]


def test_notes_explain_what_is_missing_or_may_move() -> None:
    no_decision = deadlines(mediation_requested="2025-12-01")
    assert no_decision.get("appeal_deadline") is None
    assert no_decision.get("adviser_contact_deadline") is None
    assert no_decision.note_codes == ("no_decision_sent",)
    assert "cannot be worked out" in no_decision.notes[0]

    waiting = deadlines(decision_sent="2025-10-24", mediation_declined="2025-12-23")
    assert "appeal_may_move" in waiting.note_codes
    assert any("Tuesday 30 December 2025" in note for note in waiting.notes)

    late = deadlines(decision_sent="2025-10-01", adviser_contacted="2025-12-15")
    assert "late_contact" in late.note_codes

    second = deadlines(
        decision_sent="2025-10-01",
        adviser_contacted="2025-10-05",
        mediation_requested="2025-10-06",
        la_cannot_arrange="2025-11-04",
        certificate_issued="2025-11-06",
        mediation_concluded="2025-11-20",
    )
    assert "further_certificate" in second.note_codes
    certificate = second.get("certificate_due")
    assert certificate is not None
    assert certificate.counted_from == "mediation_concluded"
    assert certificate.done_on is None
    assert "latest of the recorded events" in certificate.explanation

    assert DeadlineList().notes == ()


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_django_anywhere_in_the_package() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert not any(name.split(".")[0] == "django" for name in _imports(path)), path


def test_the_naive_oracle_stays_out_of_the_application() -> None:
    for path in PACKAGE.glob("*.py"):
        if path.name != "reference.py":
            assert "mediation.rules.reference" not in _imports(path), path


def test_only_allowed_third_party_imports() -> None:
    allowed_roots = {"holidays", "dateutil", "mediation", "__future__"}
    import sys

    for path in PACKAGE.glob("*.py"):
        for name in _imports(path):
            root = name.split(".")[0]
            assert root in allowed_roots or root in sys.stdlib_module_names, (path, name)


def test_results_and_facts_survive_pickling() -> None:
    import pickle

    facts = CaseFacts.of(
        "health_only", decision_sent=d("2025-11-14"), mediation_requested=d("2025-12-01")
    )
    assert pickle.loads(pickle.dumps(facts)) == facts  # noqa: S301 - our own bytes
    result = compute_deadlines(facts, today=d("2025-12-02"))
    cached = result[0].explanation  # cached explanations travel too
    copy = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own bytes
    assert list(copy) == list(result)
    assert copy.notes == result.notes
    assert copy[0].explanation == cached
