"""Shared test helpers for the rules package."""

from __future__ import annotations

import os
from datetime import date

from hypothesis import settings

from mediation.rules import CaseFacts, DeadlineList, compute_deadlines

# No example database: the suite must leave nothing behind in the work tree. Set
# RULES_HYPOTHESIS_EXAMPLES (say to 20000) for a longer hunt than the default run affords.
PROPERTY_SETTINGS = settings(
    max_examples=int(os.environ.get("RULES_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    database=None,
)


def d(text: str) -> date:
    """Parse an ISO date: d("2025-10-01")."""
    return date.fromisoformat(text)


def deadlines(
    flags: tuple[str, ...] = (), today: date | None = None, **events: str
) -> DeadlineList:
    """Compute the deadlines for ISO-dated events: deadlines(decision_sent="2025-10-01")."""
    facts = CaseFacts({k: d(v) for k, v in events.items()}, frozenset(flags))
    return compute_deadlines(facts, today)


def due(result: DeadlineList, key: str) -> date:
    """Return one deadline's due date, failing clearly when it is missing."""
    found = result.get(key)
    assert found is not None, f"{key} missing; got {[x.key for x in result]}"
    return found.due
