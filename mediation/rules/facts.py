"""The input to the statutory clock: a case's dated events and flags, validated once.

Contradictory sequences (rejected with ``RulesInputError``; equal dates are always accepted):

* every event on or after ``decision_sent``: the process starts with the LA's decision notice;
* ``icb_notified``, ``la_cannot_arrange``, ``meeting_date``, ``mediation_concluded`` and
  ``agreement_recorded`` on or after ``mediation_requested``: none can happen before the LA knows
  the family wants mediation;
* ``certificate_issued`` and ``mediation_declined`` on or after ``adviser_contacted``: the adviser
  can neither issue a certificate nor hear "no mediation" before the family has made contact;
* ``agreement_recorded`` on or after ``mediation_concluded``: reg 42 applies when mediation *ends*
  in a written agreement (it may be written up later, never earlier);
* ``la_cannot_arrange`` on or before ``mediation_concluded``: once mediation has concluded there is
  nothing left that the LA cannot arrange;
* ``icb_notified`` only with the ``health_issues`` or ``health_only`` flag.

Deliberately accepted, because they happen: an event missing from the record (a later event with no
earlier one is fine, e.g. a concluded mediation with no request date); asking for mediation and
then declining it, or declining and later asking; the LA saying it cannot arrange mediation in time
and the mediation happening later; several certificate triggers (the latest sets
``certificate_due``); a certificate issued before a later trigger (a further certificate is then
due); a meeting date in the future; ``health_only`` without ``health_issues`` (it implies it).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Final

from mediation.rules.calendar import FIRST_YEAR, LAST_YEAR, WorkingCalendar, statutory_calendar
from mediation.rules.errors import InputProblem, RulesInputError
from mediation.rules.text import long_date, sentence_case
from mediation.rules.timescales import EVENT_KEYS, FLAG_KEYS

__all__ = ["EVENT_LABELS", "SEQUENCE_RULES", "CaseFacts", "suggest", "validate_events"]

_EVENT_SET: Final = frozenset(EVENT_KEYS)
_FLAG_SET: Final = frozenset(FLAG_KEYS)
HEALTH_FLAGS: Final = frozenset(FLAG_KEYS)  # either flag means the issues include health
_FIRST: Final = date(FIRST_YEAR, 1, 1)
_LAST: Final = date(LAST_YEAR, 12, 31)
_DATE_ONLY: Final = frozenset({date})

# Plain-English names of events, for validation messages.
EVENT_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "decision_sent": "the date the LA's decision notice was sent",
        "adviser_contacted": "the date the family contacted the mediation adviser",
        "mediation_declined": "the date the family said it does not want mediation",
        "mediation_requested": "the date the LA was told the family wants mediation",
        "icb_notified": "the date the LA told the health body (ICB)",
        "la_cannot_arrange": "the date the LA said it cannot arrange mediation within 30 days",
        "meeting_date": "the date of the mediation meeting",
        "mediation_concluded": "the date the mediation concluded",
        "certificate_issued": "the date the mediation certificate was issued",
        "agreement_recorded": "the date of the written mediation agreement",
    }
)

_AFTER_REQUEST: Final = (
    "icb_notified",
    "la_cannot_arrange",
    "meeting_date",
    "mediation_concluded",
    "agreement_recorded",
)
_AFTER_CONTACT: Final = ("certificate_issued", "mediation_declined")

# (earlier, later, why). Each pair is checked only when both events are present.
SEQUENCE_RULES: Final[tuple[tuple[str, str, str], ...]] = (
    *(
        ("decision_sent", later, "Everything in the process follows the LA's decision notice.")
        for later in EVENT_KEYS
        if later != "decision_sent"
    ),
    *(
        (
            "mediation_requested",
            later,
            "That cannot happen before the LA knows the family wants mediation.",
        )
        for later in _AFTER_REQUEST
    ),
    (
        "adviser_contacted",
        "certificate_issued",
        "The adviser can only issue a certificate after the family has made contact.",
    ),
    (
        "adviser_contacted",
        "mediation_declined",
        "The family tells the adviser it does not want mediation when it makes contact or later.",
    ),
    (
        "mediation_concluded",
        "agreement_recorded",
        "Regulation 42 applies when mediation ends in a written agreement, so the agreement"
        " cannot be dated before the mediation concluded.",
    ),
    (
        "la_cannot_arrange",
        "mediation_concluded",
        "Once mediation has concluded there is nothing left that the LA cannot arrange.",
    ),
)


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ' Did you mean 'x'?' for a near miss, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" Did you mean {close[0]!r}?" if close else ""


# Where events sit in CaseFacts._values (EVENT_KEYS order), for the fast path.
_AT: Final = {key: i for i, key in enumerate(EVENT_KEYS)}
_SENT: Final = _AT["decision_sent"]
_ICB_NOTIFIED: Final = _AT["icb_notified"]
# The sequence rules by position. Those that count from the decision notice are one check in the
# fast path (nothing may come before the notice), so they are left out here.
_ORDER_PAIRS: Final = tuple(
    (_AT[earlier], _AT[later]) for earlier, later, _ in SEQUENCE_RULES if earlier != "decision_sent"
)


def _looks_valid(events: dict[str, Any], values: tuple[Any, ...], flags: frozenset[Any]) -> bool:
    # The fast path: a few C-level checks that pass for every valid case. Only when one fails
    # does validate_events run, which is slower but finds and words every problem.
    # ``values`` is tuple(map(events.get, EVENT_KEYS)), so this count differs from len(events)
    # exactly when there is an unknown key or a None value.
    # filter(None, ...) drops None (and any other falsy value, which then fails the count).
    present = list(filter(None, values))
    if len(present) != len(events) or not present:
        # No events at all is valid only with valid flags (an empty case can still carry them).
        return not events and (not flags or flags <= _FLAG_SET)
    if set(map(type, present)) != _DATE_ONLY:  # a datetime is refused: type() is exact
        return False
    earliest = min(present)
    return (
        earliest >= _FIRST
        and max(present) <= _LAST
        and _flags_fit(values, flags)
        and _in_order(values, earliest)
    )


def _flags_fit(values: tuple[Any, ...], flags: frozenset[Any]) -> bool:
    """Only known flags, and the ICB told only when the issues include health."""
    if flags and not flags <= _FLAG_SET:
        return False
    return values[_ICB_NOTIFIED] is None or not flags.isdisjoint(HEALTH_FLAGS)


def _in_order(values: tuple[Any, ...], earliest: date) -> bool:
    """True when no event comes before one it must follow (``SEQUENCE_RULES``)."""
    sent = values[_SENT]
    if sent is not None and earliest < sent:
        return False
    for at_earlier, at_later in _ORDER_PAIRS:
        earlier, later = values[at_earlier], values[at_later]
        if earlier is not None and later is not None and later < earlier:
            return False
    return True


def validate_events(events: Mapping[str, Any], flags: Iterable[Any] = ()) -> list[InputProblem]:
    """Return every problem with these events and flags (an empty list when they are fine).

    Useful for a form that wants all messages at once; ``CaseFacts`` raises with the same list.
    """
    flag_set = frozenset(flags)
    problems = [*_event_problems(events), *_flag_problems(flag_set)]
    if problems:
        # Order checks need clean dates; report the basic problems first.
        return problems
    return _sequence_problems(events, flag_set)


def _event_problems(events: Mapping[str, Any]) -> list[InputProblem]:
    cal = statutory_calendar()
    found = (_event_problem(key, value, cal) for key, value in events.items())
    return [problem for problem in found if problem is not None]


def _event_problem(key: object, value: object, cal: WorkingCalendar) -> InputProblem | None:
    """An unknown event, a value that is not a date, or a date outside the calendar."""
    if key not in _EVENT_SET:
        return InputProblem(
            str(key),
            f"Unknown event {key!r}.{suggest(str(key), EVENT_KEYS)}"
            f" Known events: {', '.join(EVENT_KEYS)}.",
        )
    if isinstance(value, datetime) or not isinstance(value, date):
        return InputProblem(
            str(key),
            f"Event {key!r} must be a date (a day, with no time), not {type(value).__name__}.",
        )
    if not cal.covers(value):
        return InputProblem(
            str(key),
            f"{sentence_case(EVENT_LABELS[str(key)])} ({long_date(value)}) is outside the years"
            f" the rules can count ({cal.first_year} to {cal.last_year}).",
        )
    return None


def _flag_problems(flags: frozenset[Any]) -> list[InputProblem]:
    return [
        InputProblem(
            str(flag),
            f"Unknown flag {flag!r}.{suggest(str(flag), FLAG_KEYS)}"
            f" Known flags: {', '.join(FLAG_KEYS)}.",
        )
        for flag in sorted(flags, key=str)
        if flag not in _FLAG_SET
    ]


def _sequence_problems(events: Mapping[str, Any], flags: frozenset[Any]) -> list[InputProblem]:
    """An ICB told without health issues, and every broken ``SEQUENCE_RULES`` pair."""
    problems: list[InputProblem] = []
    if "icb_notified" in events and flags.isdisjoint(HEALTH_FLAGS):
        problems.append(
            InputProblem(
                "icb_notified",
                "The LA only tells the health body (ICB) when the mediation issues include health:"
                " add the 'health_issues' or 'health_only' flag, or remove 'icb_notified'.",
            )
        )
    for earlier, later, why in SEQUENCE_RULES:
        e = events.get(earlier)
        la = events.get(later)
        if e is not None and la is not None and la < e:
            problems.append(
                InputProblem(
                    later,
                    f"{sentence_case(EVENT_LABELS[later])} ({long_date(la)}) is before"
                    f" {EVENT_LABELS[earlier]} ({long_date(e)}). {why} Please check both dates.",
                )
            )
    return problems


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What is known about one case: dated events and flags. Validated when built.

    ``events`` maps event keys (``mediation.rules.timescales.EVENT_KEYS``) to dates; a missing
    event is simply unknown. ``flags`` holds flag keys: ``health_issues`` (the mediation issues
    include health) and ``health_only`` (health issues only; implies ``health_issues``). Any
    iterable of flags is accepted and stored as a frozenset; the events are copied, so changing
    the caller's mapping afterwards does not change the facts.

    Raises ``RulesInputError`` listing every problem: an unknown event or flag, a value that is
    not a date (a ``datetime`` is refused too: a time of day would only hide bugs), a date outside
    2014-2040, or a contradictory sequence (see the module docstring).
    """

    events: Mapping[str, date]
    flags: frozenset[str] = frozenset()
    # The same events as a plain dict, and as a tuple in EVENT_KEYS order (None when unknown):
    # the engine reads the tuple by position instead of making a look-up per event.
    _events: dict[str, date] = field(init=False, repr=False, compare=False)
    _values: tuple[date | None, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        events = dict(self.events)
        flags = self.flags if type(self.flags) is frozenset else frozenset(self.flags)
        values = tuple(map(events.get, EVENT_KEYS))
        if not _looks_valid(events, values, flags):
            problems = validate_events(events, flags)
            if problems:  # pragma: no branch - the fast path is stricter than validate_events
                raise RulesInputError(tuple(problems))
        object.__setattr__(self, "events", MappingProxyType(events))
        object.__setattr__(self, "flags", flags)
        object.__setattr__(self, "_events", events)
        object.__setattr__(self, "_values", values)

    def __reduce__(self) -> tuple[type[CaseFacts], tuple[dict[str, date], frozenset[str]]]:
        # A mappingproxy cannot be pickled; rebuilding (and revalidating) from the dict can.
        return (CaseFacts, (dict(self._events), self.flags))

    def __hash__(self) -> int:
        return hash((frozenset(self._events.items()), self.flags))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CaseFacts):
            return NotImplemented
        return self._events == other._events and self.flags == other.flags

    @classmethod
    def of(cls, *flags: str, **events: date) -> CaseFacts:
        """Shorthand: ``CaseFacts.of("health_only", decision_sent=date(2026, 1, 5))``."""
        return cls(events, frozenset(flags))

    @property
    def health_issues(self) -> bool:
        """True when the mediation issues include health (either flag)."""
        return not self.flags.isdisjoint(HEALTH_FLAGS)

    @property
    def health_only(self) -> bool:
        """True when the mediation issues are about health only (the LA is not a party)."""
        return "health_only" in self.flags
