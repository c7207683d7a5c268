"""The case as the statutory clock sees it: its dated events and flags, and its deadlines."""

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from mediation.cases.models import Case
from mediation.rules import CaseFacts, Deadline, DeadlineList, RulesInputError, compute_deadlines

# Deadlines the service (or the LA it chases) must meet, in the order they matter on the queue.
# The family's own deadlines (contacting the adviser, appealing) are shown on the case but do not
# sort the service's work.
SERVICE_DEADLINES = (
    "certificate_due",
    "icb_notification_due",
    "meeting_notice_due",
    "mediation_due",
)

# The events the clock counts from that staff record as they happen: {event: the case's field}.
EVENT_FIELDS = {
    "mediation_declined": "mediation_declined_on",
    "mediation_requested": "mediation_requested_on",
    "icb_notified": "icb_notified_on",
    "la_cannot_arrange": "la_cannot_arrange_on",
    "meeting_date": "meeting_on",
    "mediation_concluded": "mediation_concluded_on",
    "agreement_recorded": "agreement_recorded_on",
    "certificate_issued": "certificate_issued_on",
}


def case_facts(case: Case) -> CaseFacts:
    """The dated events and flags of a case, as the rules engine takes them."""
    events: dict[str, dt.date] = {}
    if case.decision_date:
        events["decision_sent"] = case.decision_date
    received = timezone.localtime(case.received_at).date()
    if case.decision_date is None or received >= case.decision_date:
        events["adviser_contacted"] = received
    for event, field_name in EVENT_FIELDS.items():
        value = getattr(case, field_name)
        if value is not None:
            events[event] = value
    flags: set[str] = set()
    if case.health_only:
        flags.add("health_only")
    if case.health_issues:
        flags.add("health_issues")
    return CaseFacts(events=events, flags=frozenset(flags))


@dataclass(frozen=True)
class CaseClock:
    deadlines: DeadlineList
    problem: str = ""  # the dates on the case contradict each other: say how, compute nothing


def case_clock(case: Case, *, today: dt.date | None = None) -> CaseClock:
    """Every deadline of the case, or (if its dates contradict each other) what is wrong.

    The rules know the statutory events; the case also knows what was done that they cannot see
    (the family given the meeting's date and place) and whether it is closed. A date is never
    shown as overdue once it no longer asks anything of anyone.
    """
    try:
        facts = case_facts(case)
        deadlines = compute_deadlines(facts, today=today or timezone.localdate())
    except RulesInputError as exc:
        return CaseClock(DeadlineList(), problem=str(exc))
    return CaseClock(_as_recorded(case, deadlines))


# Dates that are the family's to act on: they matter after the service steps back.
FAMILY_DEADLINES = ("appeal_deadline", "adviser_contact_deadline")


def _as_recorded(case: Case, deadlines: DeadlineList) -> DeadlineList:
    recorded = DeadlineList(_recorded(case, d) for d in deadlines)
    recorded._note_specs = deadlines._specs()
    return recorded


def _recorded(case: Case, deadline: Deadline) -> Deadline:
    if deadline.key == "meeting_notice_due" and case.meeting_notice_on is not None:
        # Arranging the meeting gave the family its date and place (on time, or shorter notice
        # they agreed to): the notice is done, whatever became of the meeting since.
        return dataclasses.replace(deadline, done_on=case.meeting_notice_on, status=None)
    if not case.is_open and deadline.done_on is None and deadline.key not in FAMILY_DEADLINES:
        # Closed: nothing is owed by the service any more; the date is history, not a task.
        return dataclasses.replace(deadline, status=None)
    return deadline


def next_service_deadline(case: Case, deadlines: DeadlineList) -> tuple[str, str, dt.date] | None:
    """The earliest service deadline not yet met: (key, title, due date)."""
    if not case.is_open:
        return None
    pending = [
        d
        for d in deadlines
        if d.key in SERVICE_DEADLINES
        and d.done_on is None
        # Once the LA says it cannot arrange mediation in time, the 30 days no longer drive the
        # work: the certificate does.
        and not (d.key == "mediation_due" and case.la_cannot_arrange_on is not None)
        and not (
            d.key == "certificate_due"
            and case.certificate_issued_on is not None
            and case.certificate_issued_on >= d.counted_from_date
        )
    ]
    if not pending:
        return _coming_appeal_deadline(deadlines)
    first = min(pending, key=lambda d: d.due)
    return first.key, first.title, first.due


def _coming_appeal_deadline(deadlines: DeadlineList) -> tuple[str, str, dt.date] | None:
    """With nothing owed by the service yet (a new referral), the family's appeal deadline sorts
    the case: the sooner the family must appeal, the sooner we should act."""
    appeal = deadlines.get("appeal_deadline")
    if appeal is None or appeal.status is None or appeal.status.state == "overdue":
        return None
    return appeal.key, appeal.title, appeal.due
