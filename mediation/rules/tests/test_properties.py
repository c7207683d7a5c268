"""Properties of the calendar and the appeal deadline, checked with hypothesis."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from mediation.rules import (
    CaseFacts,
    add_months,
    appeal_deadline,
    compute_deadlines,
    statutory_calendar,
)
from mediation.rules.tests.helpers import PROPERTY_SETTINGS

# Leave room at the end of the range for everything added to these dates.
DATES = st.dates(min_value=date(2014, 4, 1), max_value=date(2040, 6, 30))
STEPS = st.integers(min_value=-60, max_value=60)


def _working_day(day: date) -> date:
    return statutory_calendar().next_working_day_on_or_after(day)


@PROPERTY_SETTINGS
@given(day=DATES, n=STEPS)
def test_add_then_subtract_working_days_is_the_identity_on_working_days(day: date, n: int) -> None:
    cal = statutory_calendar()
    start = _working_day(day)
    assert cal.add_working_days(cal.add_working_days(start, n), -n) == start


@PROPERTY_SETTINGS
@given(day=DATES, n=STEPS)
def test_add_working_days_lands_on_a_working_day(day: date, n: int) -> None:
    assume(n != 0)
    cal = statutory_calendar()
    result = cal.add_working_days(day, n)
    assert cal.is_working_day(result)
    assert (result > day) == (n > 0)


@PROPERTY_SETTINGS
@given(day=DATES, n=STEPS)
def test_working_days_between_inverts_add_working_days(day: date, n: int) -> None:
    cal = statutory_calendar()
    assert cal.working_days_between(day, cal.add_working_days(day, n)) == n


@PROPERTY_SETTINGS
@given(a=DATES, b=DATES, c=DATES)
def test_working_days_between_is_antisymmetric_and_additive(a: date, b: date, c: date) -> None:
    cal = statutory_calendar()
    wa, wb = _working_day(a), _working_day(b)
    assert cal.working_days_between(wa, wb) == -cal.working_days_between(wb, wa)
    lo, mid, hi = sorted((a, b, c))
    assert cal.working_days_between(lo, hi) == cal.working_days_between(
        lo, mid
    ) + cal.working_days_between(mid, hi)
    assert cal.working_days_between(hi, lo) == cal.working_days_between(
        hi, mid
    ) + cal.working_days_between(mid, lo)


@PROPERTY_SETTINGS
@given(sent=DATES, cert_offset=st.none() | st.integers(min_value=0, max_value=120))
def test_appeal_deadline_is_a_working_day_not_before_either_limb(
    sent: date, cert_offset: int | None
) -> None:
    cert = None if cert_offset is None else sent + timedelta(days=cert_offset)
    events = {"decision_sent": sent}
    if cert is not None:
        events["certificate_issued"] = cert
    deadline = compute_deadlines(CaseFacts(events)).get("appeal_deadline")
    assert deadline is not None
    assert statutory_calendar().is_working_day(deadline.due)
    assert deadline.due >= add_months(sent, 2)
    if cert is not None:
        assert deadline.due >= add_months(cert, 1)
    assert deadline.due >= deadline.nominal
    # Never more than the August rule can add (a nominal 1 August goes to 1 or 2 September).
    assert (deadline.due - deadline.nominal).days <= 35
    assert deadline.due == appeal_deadline(sent, cert)


@PROPERTY_SETTINGS
@given(a=DATES, b=DATES, n=st.integers(min_value=-24, max_value=24))
def test_add_months_is_monotone(a: date, b: date, n: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert add_months(lo, n) <= add_months(hi, n)


@PROPERTY_SETTINGS
@given(a=DATES, b=DATES, n=STEPS)
def test_add_working_days_is_monotone(a: date, b: date, n: int) -> None:
    cal = statutory_calendar()
    lo, hi = min(a, b), max(a, b)
    assert cal.add_working_days(lo, n) <= cal.add_working_days(hi, n)


@PROPERTY_SETTINGS
@given(a=DATES, b=DATES, cert_offset=st.integers(min_value=0, max_value=120))
def test_appeal_deadline_is_monotone_in_each_input(a: date, b: date, cert_offset: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert appeal_deadline(lo) <= appeal_deadline(hi)
    cert_lo, cert_hi = lo + timedelta(days=cert_offset), hi + timedelta(days=cert_offset)
    sent = min(lo, date(2014, 4, 1))
    assert appeal_deadline(sent, cert_lo) <= appeal_deadline(sent, cert_hi)
    assert appeal_deadline(lo, cert_hi) <= appeal_deadline(hi, cert_hi)


EVENT_ORDER = (
    "decision_sent",
    "adviser_contacted",
    "mediation_requested",
    "icb_notified",
    "meeting_date",
    "mediation_concluded",
    "certificate_issued",
    "agreement_recorded",
)


@PROPERTY_SETTINGS
@given(
    # Up to 180 days of events plus 14 weeks of agreement deadlines must stay inside 2040.
    start=st.dates(min_value=date(2014, 4, 1), max_value=date(2040, 1, 31)),
    gaps=st.lists(st.integers(min_value=0, max_value=20), min_size=8, max_size=8),
    which=st.sampled_from(EVENT_ORDER),
    shift=st.integers(min_value=1, max_value=20),
    flags=st.sampled_from([(), ("health_issues",), ("health_only",)]),
)
def test_every_deadline_is_monotone_in_each_event(
    start: date, gaps: list[int], which: str, shift: int, flags: tuple[str, ...]
) -> None:
    # Build a valid case, then move one event (and everything after it) later: no deadline may
    # move earlier.
    events: dict[str, date] = {}
    current = start
    for key, gap in zip(EVENT_ORDER, gaps, strict=True):
        current += timedelta(days=gap)
        events[key] = current
    if not flags:
        del events["icb_notified"]
    index = EVENT_ORDER.index(which)
    later = {
        k: v + timedelta(days=shift) if EVENT_ORDER.index(k) >= index else v
        for k, v in events.items()
    }
    before = compute_deadlines(CaseFacts(events, frozenset(flags))).due_dates()
    after = compute_deadlines(CaseFacts(later, frozenset(flags))).due_dates()
    assert before.keys() == after.keys()
    for key, due in before.items():
        assert after[key] >= due, key
