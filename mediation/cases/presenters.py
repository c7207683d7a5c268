"""What the case work pages show: the work queue's rows and the parties page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mediation.cases import lifecycle, selectors
from mediation.cases.choices import Route, Stage
from mediation.rules import deadline_status

if TYPE_CHECKING:
    from mediation.cases.models import Case

# Within this many working days a statutory date is "soon" on the queue.
SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class QueueRow:
    case: Case
    urgency: str  # "overdue", "today", "soon" (within 3 working days) or ""
    label: str
    next_step: str  # what happens next (the case page's next step), in a few words


def urgency(due: dt.date | None, today: dt.date) -> tuple[str, str]:
    """How to highlight a due date on the queue: overdue, today, soon (3 working days) or not."""
    if due is None:
        return "", ""
    status = deadline_status(due, today)
    if status.state == "overdue":
        return "overdue", status.label
    if status.state == "due_today":
        return "today", status.label
    return ("soon" if status.working_days <= SOON_WORKING_DAYS else ""), status.label


def queue_rows(cases: Iterable[Case], *, today: dt.date) -> list[QueueRow]:
    """Each case on the queue with how urgent its next statutory date is."""
    rows = []
    for case in cases:
        level, label = urgency(case.next_deadline_on, today)
        step = lifecycle.next_step(case)
        rows.append(
            QueueRow(case=case, urgency=level, label=label, next_step=step.title if step else "")
        )
    return rows


def stage_counts(counts: Mapping[str, int]) -> list[tuple[Stage, int]]:
    """The queue's summary: each open stage with its number of cases."""
    return [(Stage(key), n) for key, n in counts.items()]


def is_filtered(filters: selectors.QueueFilters) -> bool:
    return any([filters.local_authority_id, filters.stage, filters.assigned_to_me, filters.search])


def parties_page(*, case: Case) -> dict[str, object]:
    """The parties to a case, the people who take part for each, and the answers about DR."""
    return {
        "title": "Parties and participants",
        "case": case,
        "parties": selectors.parties_for_case(case=case),
        "is_dr": case.route == Route.DISAGREEMENT_RESOLUTION,
        "dr_ready": selectors.dr_ready(case=case),
        "others": selectors.participants_without_party(case=case),
    }
