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
    return {
        **_naive_from_decision(events),
        **_naive_certificate(events),
        **_naive_mediation(events, flag_set),
        **_naive_meeting(events),
        **_naive_agreement(events, flag_set),
    }


def _naive_from_decision(events: Mapping[str, date]) -> dict[str, date]:
    sent = events.get("decision_sent")
    if sent is None:
        return {}
    return {
        "adviser_contact_deadline": naive_add_months(
            sent, RULES["adviser_contact_deadline"].amount
        ),
        "appeal_deadline": _naive_appeal(sent, events.get("certificate_issued")),
    }


def _naive_certificate(events: Mapping[str, date]) -> dict[str, date]:
    triggers = [
        events[t]
        for t in ("mediation_declined", "la_cannot_arrange", "mediation_concluded")
        if t in events
    ]
    if not triggers:
        return {}
    days = RULES["certificate_due.mediation_declined"].amount
    return {"certificate_due": naive_add_working_days(max(triggers), days)}


def _naive_mediation(events: Mapping[str, date], flags: frozenset[str]) -> dict[str, date]:
    requested = events.get("mediation_requested")
    if requested is None:
        return {}
    days = timedelta(days=RULES["mediation_due"].amount)
    if not flags & {"health_issues", "health_only"}:
        return {"mediation_due": requested + days}
    icb_due = naive_add_working_days(requested, RULES["icb_notification_due"].amount)
    start = events.get("icb_notified", icb_due) if "health_only" in flags else requested
    return {"icb_notification_due": icb_due, "mediation_due": start + days}


def _naive_meeting(events: Mapping[str, date]) -> dict[str, date]:
    meeting = events.get("meeting_date")
    return {} if meeting is None else {"meeting_notice_due": _naive_notice(meeting)}


def _naive_agreement(events: Mapping[str, date], flags: frozenset[str]) -> dict[str, date]:
    agreed = events.get("agreement_recorded")
    if agreed is None:
        return {}
    return {
        rule.key: agreed + timedelta(weeks=rule.amount)
        for rule in RULES.values()
        if rule.counts_from == "agreement_recorded"
        and (rule.key != "agreement_la_notified_due" or "health_only" in flags)
    }


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
    if rng.random() < 0.08:
        return events, frozenset()
    contacted = sent + timedelta(days=rng.randint(0, 62))
    events["adviser_contacted"] = contacted
    path = rng.random()
    if path < 0.5:
        _random_decline(rng, events, contacted)
    elif path < 0.93:
        return events, _random_mediation(rng, events, contacted)
    return events, frozenset()


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _random_decline(rng: random.Random, events: dict[str, date], contacted: date) -> None:
    declined = events["mediation_declined"] = contacted + _days(rng, 0, 3)
    if rng.random() < 0.9:
        events["certificate_issued"] = declined + _days(rng, 0, 6)


# (below, flags): a mediation's issues, by where a random number falls.
_HEALTH_MIX = ((0.08, frozenset({"health_only"})), (0.3, frozenset({"health_issues"})))


def _random_health(rng: random.Random) -> frozenset[str]:
    kind = rng.random()
    return next((flags for below, flags in _HEALTH_MIX if kind < below), frozenset())


def _random_mediation(
    rng: random.Random, events: dict[str, date], contacted: date
) -> frozenset[str]:
    """Mediation asked for; returns the case's flags."""
    requested = events["mediation_requested"] = contacted + _days(rng, 0, 10)
    flags = _random_health(rng)
    if flags and rng.random() < 0.7:
        events["icb_notified"] = requested + _days(rng, 0, 6)
    if rng.random() < 0.05:
        # Asked for mediation, then changed their mind.
        declined = events["mediation_declined"] = requested + _days(rng, 1, 10)
        events["certificate_issued"] = declined + _days(rng, 0, 6)
        return flags
    start = requested
    if rng.random() < 0.1:
        start = events["la_cannot_arrange"] = requested + _days(rng, 15, 30)
        if rng.random() < 0.5:
            events["certificate_issued"] = start + _days(rng, 0, 5)
            return flags
    _random_meeting(rng, events, start)
    return flags


def _random_meeting(rng: random.Random, events: dict[str, date], start: date) -> None:
    meeting = events["meeting_date"] = start + _days(rng, 7, 40)
    if rng.random() >= 0.85:
        return
    concluded = events["mediation_concluded"] = meeting + timedelta(
        days=rng.choice((0, 0, 0, 1, 7, 14))
    )
    if rng.random() < 0.9:
        events["certificate_issued"] = concluded + _days(rng, 0, 5)
    if rng.random() < 0.4:
        events["agreement_recorded"] = concluded + _days(rng, 0, 3)
