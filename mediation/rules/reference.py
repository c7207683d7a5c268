"""A naive, day-by-day reference implementation: a TEST AND BENCHMARK ORACLE ONLY.

Nothing in the application may import this module. It recomputes every deadline the slow, obvious
way, sharing as little as possible with the real engine so that the two can check each other:

* working days by walking one day at a time and looking each day up in the closure set;
* closures straight from the ``holidays`` package, with Christmas Day and Good Friday added from
  ``dateutil.easter`` (the engine computes Easter with its own algorithm);
* months with ``dateutil.relativedelta`` (which also clamps 31 January + 1 month to February's
  last day), not the engine's ``add_months``;
* the appeal adjustments by walking to the first working day after 1 January or 31 August.

It reads the amounts from the registry (``RULES``), so it checks the engine's arithmetic, not the
numbers in the registry: the worked examples in the tests check those.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from mediation.rules.timescales import RULES

__all__ = [
    "naive_add_months",
    "naive_add_working_days",
    "naive_closures",
    "naive_deadlines",
    "naive_is_working_day",
    "naive_next_working_day_on_or_after",
    "naive_statuses",
    "naive_working_days_between",
    "random_case",
]

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=1)
def naive_closures() -> frozenset[date]:
    """Return England's statutory closure dates 2014-2040, built independently of the engine."""
    years = range(2014, 2041)
    closures = set(holidays.country_holidays("GB", subdiv="ENG", years=years).keys())
    for year in years:
        closures.add(date(year, 12, 25))
        closures.add(easter(year) - timedelta(days=2))
    return frozenset(closures)


def naive_is_working_day(d: date, closures: frozenset[date] | None = None) -> bool:
    """Return True for Monday to Friday when ``d`` is not a closure."""
    closed = naive_closures() if closures is None else closures
    return d.weekday() < 5 and d not in closed


def naive_add_working_days(d: date, n: int, closures: frozenset[date] | None = None) -> date:
    """Walk ``n`` working days from ``d``, one calendar day at a time (n == 0 returns ``d``)."""
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    remaining = abs(n)
    current = d
    while remaining:
        current += step
        if naive_is_working_day(current, closures):
            remaining -= 1
    return current


def naive_next_working_day_on_or_after(d: date, closures: frozenset[date] | None = None) -> date:
    """Walk forward from ``d`` until a working day."""
    current = d
    while not naive_is_working_day(current, closures):
        current += _ONE_DAY
    return current


def naive_working_days_between(a: date, b: date, closures: frozenset[date] | None = None) -> int:
    """Count working days from ``a`` to ``b`` one day at a time, like a step of that many days.

    Forwards: the working days after ``a`` up to and including ``b``. Backwards: minus the
    working days from ``b`` up to but excluding ``a``.
    """
    count = 0
    if b >= a:
        current = a
        while current < b:
            current += _ONE_DAY
            if naive_is_working_day(current, closures):
                count += 1
        return count
    current = b
    while current < a:
        if naive_is_working_day(current, closures):
            count += 1
        current += _ONE_DAY
    return -count


def naive_add_months(d: date, n: int) -> date:
    """Add calendar months with ``relativedelta`` (clamps to the month's last day)."""
    result: date = d + relativedelta(months=n)
    return result


def _naive_appeal(sent: date, cert: date | None) -> date:
    nominal = naive_add_months(sent, RULES["appeal_deadline"].amount)
    if cert is not None:
        nominal = max(nominal, naive_add_months(cert, RULES["appeal_deadline.certificate"].amount))
    if (nominal.month, nominal.day) >= (12, 25) or (nominal.month, nominal.day) == (1, 1):
        year = nominal.year + 1 if nominal.month == 12 else nominal.year
        return naive_next_working_day_on_or_after(date(year, 1, 2))
    if nominal.month == 8:
        return naive_next_working_day_on_or_after(date(nominal.year, 9, 1))
    return naive_next_working_day_on_or_after(nominal)


def _naive_notice(meeting: date) -> date:
    # Walk back from the meeting until 5 working days lie after the candidate day, up to and
    # including the meeting, and the candidate is itself a working day.
    needed = -RULES["meeting_notice_due"].amount
    current = meeting
    counted = 1 if naive_is_working_day(meeting) else 0
    while True:
        current -= _ONE_DAY
        if naive_is_working_day(current):
            if counted >= needed:
                return current
            counted += 1


def naive_deadlines(events: Mapping[str, date], flags: Iterable[str] = ()) -> dict[str, date]:
    """Return {deadline key: due date} for a case, computed the slow way.

    Same rules as ``mediation.rules.engine.compute_deadlines`` (dates only; no validation,
    explanations or status).
    """
    flag_set = frozenset(flags)
    health = bool(flag_set & {"health_issues", "health_only"})
    health_only = "health_only" in flag_set
    out: dict[str, date] = {}
    sent = events.get("decision_sent")
    cert = events.get("certificate_issued")
    if sent is not None:
        out["adviser_contact_deadline"] = naive_add_months(
            sent, RULES["adviser_contact_deadline"].amount
        )
        out["appeal_deadline"] = _naive_appeal(sent, cert)
    triggers = [
        events[t]
        for t in ("mediation_declined", "la_cannot_arrange", "mediation_concluded")
        if t in events
    ]
    if triggers:
        out["certificate_due"] = naive_add_working_days(
            max(triggers), RULES["certificate_due.mediation_declined"].amount
        )
    requested = events.get("mediation_requested")
    if requested is not None:
        days = timedelta(days=RULES["mediation_due"].amount)
        if health:
            out["icb_notification_due"] = naive_add_working_days(
                requested, RULES["icb_notification_due"].amount
            )
        if health_only:
            start = events.get("icb_notified", out["icb_notification_due"])
            out["mediation_due"] = start + days
        else:
            out["mediation_due"] = requested + days
    meeting = events.get("meeting_date")
    if meeting is not None:
        out["meeting_notice_due"] = _naive_notice(meeting)
    agreed = events.get("agreement_recorded")
    if agreed is not None:
        for rule in RULES.values():
            if rule.counts_from == "agreement_recorded":
                if rule.key == "agreement_la_notified_due" and not health_only:
                    continue
                out[rule.key] = agreed + timedelta(weeks=rule.amount)
    return out


def naive_statuses(due_dates: Mapping[str, date], today: date) -> dict[str, int]:
    """Return {deadline key: signed working days from today to the due date}, counted by walking.

    The slow counterpart of ``DeadlineStatus.working_days``.
    """
    return {key: naive_working_days_between(today, due) for key, due in due_dates.items()}


def random_case(
    rng: random.Random, first: date = date(2014, 1, 6), last: date = date(2038, 12, 31)
) -> tuple[dict[str, date], frozenset[str]]:
    """Return one synthetic case (events, flags) in a realistic order, for tests and benchmarks.

    The mix: a few cases with only a decision; about half decline mediation; most of the rest
    mediate (some with health issues, some health-only, some where the LA cannot arrange it in
    time, some that reach a written agreement, a few that ask and then decline); the rest are
    Section I-only appeals with no certificate. Every case passes ``CaseFacts`` validation.
    """
    span = (last - first).days
    sent = first + timedelta(days=rng.randrange(span + 1))
    events: dict[str, date] = {"decision_sent": sent}
    flags: frozenset[str] = frozenset()
    if rng.random() < 0.08:
        return events, flags
    contacted = sent + timedelta(days=rng.randint(0, 62))
    events["adviser_contacted"] = contacted
    path = rng.random()
    if path < 0.5:
        declined = contacted + timedelta(days=rng.randint(0, 3))
        events["mediation_declined"] = declined
        if rng.random() < 0.9:
            events["certificate_issued"] = declined + timedelta(days=rng.randint(0, 6))
    elif path < 0.93:
        requested = contacted + timedelta(days=rng.randint(0, 10))
        events["mediation_requested"] = requested
        kind = rng.random()
        if kind < 0.08:
            flags = frozenset({"health_only"})
        elif kind < 0.3:
            flags = frozenset({"health_issues"})
        if flags and rng.random() < 0.7:
            events["icb_notified"] = requested + timedelta(days=rng.randint(0, 6))
        if rng.random() < 0.05:
            # Asked for mediation, then changed their mind.
            declined = requested + timedelta(days=rng.randint(1, 10))
            events["mediation_declined"] = declined
            events["certificate_issued"] = declined + timedelta(days=rng.randint(0, 6))
            return events, flags
        start = requested
        if rng.random() < 0.1:
            cannot = requested + timedelta(days=rng.randint(15, 30))
            events["la_cannot_arrange"] = cannot
            start = cannot
            if rng.random() < 0.5:
                events["certificate_issued"] = cannot + timedelta(days=rng.randint(0, 5))
                return events, flags
        meeting = start + timedelta(days=rng.randint(7, 40))
        events["meeting_date"] = meeting
        if rng.random() < 0.85:
            concluded = meeting + timedelta(days=rng.choice((0, 0, 0, 1, 7, 14)))
            events["mediation_concluded"] = concluded
            if rng.random() < 0.9:
                events["certificate_issued"] = concluded + timedelta(days=rng.randint(0, 5))
            if rng.random() < 0.4:
                events["agreement_recorded"] = concluded + timedelta(days=rng.randint(0, 3))
    return events, flags
