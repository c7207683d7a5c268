"""Deadline status on a given day: overdue, due today, due in N working days."""

from __future__ import annotations

import pytest

from mediation.rules import deadline_status, service_calendar
from mediation.rules.tests.helpers import d, deadlines


@pytest.mark.parametrize(
    ("due", "today", "state", "working_days", "label"),
    [
        ("2026-01-14", "2026-01-14", "due_today", 0, "Due today"),
        ("2026-01-15", "2026-01-14", "upcoming", 1, "Due in 1 working day"),
        ("2026-01-20", "2026-01-14", "upcoming", 4, "Due in 4 working days"),
        # Friday to Monday is one working day.
        ("2026-01-19", "2026-01-16", "upcoming", 1, "Due in 1 working day"),
        # Over Christmas 2026: 25 December and the 28 December substitute are not counted.
        ("2026-12-31", "2026-12-24", "upcoming", 3, "Due in 3 working days"),
        # Over Easter 2026.
        ("2026-04-07", "2026-04-02", "upcoming", 1, "Due in 1 working day"),
        ("2026-01-14", "2026-01-16", "overdue", -2, "Overdue by 2 working days"),
        ("2026-01-16", "2026-01-19", "overdue", -1, "Overdue by 1 working day"),
        ("2026-01-02", "2026-01-06", "overdue", -2, "Overdue by 2 working days"),
        # Seen at the weekend, a Friday deadline is one working day overdue.
        ("2026-01-16", "2026-01-17", "overdue", -1, "Overdue by 1 working day"),
        # A due date on a Sunday (reg 33 has no roll-forward): counts like the Friday before.
        ("2026-01-18", "2026-01-15", "upcoming", 1, "Due in 1 working day"),
        (
            "2026-01-18",
            "2026-01-16",
            "upcoming",
            0,
            "Due Sunday 18 January 2026, with no working day left before it",
        ),
        ("2026-01-18", "2026-01-19", "overdue", 0, "Overdue: it was due Sunday 18 January 2026"),
        ("2026-01-18", "2026-01-20", "overdue", -1, "Overdue by 1 working day"),
        # E6: Easter Sunday 2026, seen on Maundy Thursday (Good Friday is a bank holiday).
        (
            "2026-04-05",
            "2026-04-02",
            "upcoming",
            0,
            "Due Sunday 5 April 2026, with no working day left before it",
        ),
        ("2026-04-05", "2026-04-01", "upcoming", 1, "Due in 1 working day"),
        ("2026-04-05", "2026-04-07", "overdue", 0, "Overdue: it was due Sunday 5 April 2026"),
        ("2026-04-05", "2026-04-08", "overdue", -1, "Overdue by 1 working day"),
    ],
)
def test_status_labels(due: str, today: str, state: str, working_days: int, label: str) -> None:
    status = deadline_status(d(due), d(today))
    assert (status.state, status.working_days, status.label) == (state, working_days, label)


def test_compute_deadlines_sets_the_same_status() -> None:
    result = deadlines(
        today=d("2025-12-24"), decision_sent="2025-10-01", certificate_issued="2025-11-29"
    )
    for item in result:
        assert item.status is not None
        assert item.status == deadline_status(item.due, d("2025-12-24"))
    appeal = result.get("appeal_deadline")
    assert appeal is not None
    assert appeal.status is not None
    # 29, 30, 31 December and 2 January (1 January is a bank holiday).
    assert appeal.status.label == "Due in 4 working days"
    contact = result.get("adviser_contact_deadline")
    assert contact is not None
    assert contact.status is not None
    assert contact.status.state == "overdue"


def test_no_status_without_today() -> None:
    result = deadlines(decision_sent="2025-10-01")
    assert all(item.status is None for item in result)


def test_a_service_calendar_can_be_used_for_service_targets() -> None:
    closures = [d("2025-12-29"), d("2025-12-30"), d("2025-12-31")]
    statutory = deadline_status(d("2026-01-05"), d("2025-12-24"))
    service = deadline_status(d("2026-01-05"), d("2025-12-24"), service_calendar(closures))
    assert statutory.working_days == 5
    assert service.working_days == 2


def test_status_to_dict() -> None:
    assert deadline_status(d("2026-01-15"), d("2026-01-14")).to_dict() == {
        "state": "upcoming",
        "working_days": 1,
        "label": "Due in 1 working day",
    }
