"""The statutory clock: from a case's dated events to its deadlines.

Use::

    events = {"decision_sent": date(2025, 10, 1), "certificate_issued": date(2025, 11, 29)}
    facts = CaseFacts(events)
    for deadline in compute_deadlines(facts, today=date(2025, 12, 1)):
        print(deadline.key, deadline.due, deadline.status.label, deadline.explanation)

Every number comes from ``mediation.rules.timescales.RULES``; statutory deadlines always count on
``statutory_calendar()``, never a provider's own closures. ``CaseFacts`` validates itself when
built (see ``mediation.rules.facts`` for the sequence rules), so ``compute_deadlines`` trusts it.

Speed: a case's full deadline set costs a few microseconds. Three things make that so: the
explanations are written only when read; the calendar answers are memoised per date (dict look-ups
instead of method calls, on a domain of about 10,000 dates); and ``Deadline`` objects are built
through a mutable twin class (see ``_DeadlineBuilder``) because a frozen dataclass's own
``__init__`` costs three to four times as much.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, make_dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import Any, Final, Literal

from mediation.rules.calendar import LAST_YEAR, WorkingCalendar, add_months, statutory_calendar
from mediation.rules.errors import InputProblem, OutOfRangeError, RulesInputError
from mediation.rules.explain import EXPLAINERS, NOTE_WRITERS
from mediation.rules.facts import HEALTH_FLAGS, CaseFacts, suggest, validate_events
from mediation.rules.text import long_date_with_weekday, plural
from mediation.rules.timescales import (
    AGREEMENT_KIND_RULES,
    DEADLINE_KEYS,
    EVENT_KEYS,
    RULES,
    Adjustment,
    Confidence,
    Rule,
)

__all__ = [
    "AGREEMENT_KINDS",
    "CaseFacts",
    "Deadline",
    "DeadlineList",
    "DeadlineStatus",
    "StatusState",
    "agreement_item_due",
    "appeal_deadline",
    "compute_deadlines",
    "deadline_status",
]

StatusState = Literal["overdue", "due_today", "upcoming"]

AGREEMENT_KINDS: Final = tuple(AGREEMENT_KIND_RULES)


_CERTIFICATE_TRIGGERS: Final = ("mediation_declined", "la_cannot_arrange", "mediation_concluded")
_CERTIFICATE_RULES: Final = {t: RULES[f"certificate_due.{t}"] for t in _CERTIFICATE_TRIGGERS}

_R_CONTACT: Final = RULES["adviser_contact_deadline"]
_R_ICB: Final = RULES["icb_notification_due"]
_R_MEDIATION: Final = RULES["mediation_due"]
_R_MEDIATION_HEALTH: Final = RULES["mediation_due.health_only"]
_R_NOTICE: Final = RULES["meeting_notice_due"]
_R_APPEAL: Final = RULES["appeal_deadline"]
_R_APPEAL_CERT: Final = RULES["appeal_deadline.certificate"]
_R_LA_NOTIFIED: Final = RULES["agreement_la_notified_due"]

# Every number below is read from the registry, so editing a Rule changes the engine.
_CONTACT_MONTHS: Final = _R_CONTACT.amount
_APPEAL_MONTHS: Final = _R_APPEAL.amount
_CERT_APPEAL_MONTHS: Final = _R_APPEAL_CERT.amount
_CERT_WORKING_DAYS: Final = _CERTIFICATE_RULES["mediation_declined"].amount
if any(r.amount != _CERT_WORKING_DAYS for r in _CERTIFICATE_RULES.values()):  # pragma: no cover
    raise RuntimeError("the certificate rules must share one amount: the engine memoises one")
_ICB_WORKING_DAYS: Final = _R_ICB.amount
_NOTICE_WORKING_DAYS: Final = _R_NOTICE.amount
_MEDIATION_DAYS: Final = timedelta(days=_R_MEDIATION.amount)
_HEALTH_MEDIATION_DAYS: Final = timedelta(days=_R_MEDIATION_HEALTH.amount)
_LA_NOTIFIED_DELTA: Final = timedelta(weeks=_R_LA_NOTIFIED.amount)
# Agreement rules in registry order; the LA-notified one (last in the registry) is added only when
# the health body arranged the mediation, because then the LA was not a party.
_AGREEMENT_RULES: Final = tuple(
    (RULES[key], timedelta(weeks=RULES[key].amount))
    for key in DEADLINE_KEYS
    if key.startswith("agreement_") and key != "agreement_la_notified_due"
)
_HEALTH_ONLY_AGREEMENT_RULES: Final = (*_AGREEMENT_RULES, (_R_LA_NOTIFIED, _LA_NOTIFIED_DELTA))

_LAST_DATE: Final = date(LAST_YEAR, 12, 31)

# Where each event sits in CaseFacts._values (EVENT_KEYS order): the engine reads the tuple by
# position instead of making a dict look-up per event.
_AT: Final = {key: i for i, key in enumerate(EVENT_KEYS)}
_SENT: Final = _AT["decision_sent"]
_CONTACTED: Final = _AT["adviser_contacted"]
_DECLINED: Final = _AT["mediation_declined"]
_REQUESTED: Final = _AT["mediation_requested"]
_ICB_NOTIFIED: Final = _AT["icb_notified"]
_CANNOT: Final = _AT["la_cannot_arrange"]
_MEETING: Final = _AT["meeting_date"]
_CONCLUDED: Final = _AT["mediation_concluded"]
_CERT: Final = _AT["certificate_issued"]
_AGREED: Final = _AT["agreement_recorded"]
# The certificate's triggers in process order, each with its rule: the latest sets the due date,
# and on a tie the later stage wins.
_CERTIFICATE_STEPS: Final = tuple((t, _AT[t], _CERTIFICATE_RULES[t]) for t in _CERTIFICATE_TRIGGERS)

_ADJ_XMAS_AUG: Final = (Adjustment.HESC_R12_3A_CHRISTMAS_AUGUST,)
_ADJ_NEXT_WD: Final = (Adjustment.HESC_R12_2_NEXT_WORKING_DAY,)


# -- output types ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    """Where a deadline stands on a given day.

    ``state`` is "overdue", "due_today" or "upcoming". ``working_days`` is
    ``statutory_calendar().working_days_between(today, due)``: 0 when due today; when upcoming,
    the working days after today up to and including the due date; when overdue, minus the
    working days from the due date up to but excluding today. A due date on a weekend or holiday
    counts like the working day before it: due Sunday, seen on Thursday, is "Due in 1 working
    day" (the Friday); seen on Friday, with no working day left, the label says so and names the
    date; seen on Monday it is "Overdue: it was due Sunday ...", and on Tuesday "Overdue by 1
    working day".
    """

    state: StatusState
    working_days: int
    label: str

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict."""
        return {"state": self.state, "working_days": self.working_days, "label": self.label}


# Statuses are immutable and depend only on (state, working days) except in the rare case of a
# due date on a non-working day with no working day in between (its label names the date), so
# they are shared rather than built per deadline.
_STATUS_CACHE: dict[tuple[str, int], DeadlineStatus] = {}
_STATUS_BY_CODE: dict[int, DeadlineStatus] = {}  # the same, keyed for the engine's inner loop


def _status(due: date, today: date, n: int) -> DeadlineStatus:
    state: StatusState = "due_today" if due == today else "upcoming" if due > today else "overdue"
    cached = _STATUS_CACHE.get((state, n))
    if cached is not None:
        return cached
    if state == "due_today":
        label = "Due today"
    elif n == 0:
        # The due date is a non-working day and no working day lies between it and today.
        if state == "upcoming":
            label = f"Due {long_date_with_weekday(due)}, with no working day left before it"
        else:
            label = f"Overdue: it was due {long_date_with_weekday(due)}"
        return DeadlineStatus(state, n, label)
    elif state == "upcoming":
        label = f"Due in {plural(n, 'working day')}"
    else:
        label = f"Overdue by {plural(-n, 'working day')}"
    status = DeadlineStatus(state, n, label)
    _STATUS_CACHE[(state, n)] = status
    _STATUS_BY_CODE[n * 3 + (due > today) - (due < today) + 1] = status
    return status


def deadline_status(
    due: date, today: date, calendar: WorkingCalendar | None = None
) -> DeadlineStatus:
    """Return the status of a deadline due on ``due`` as seen on ``today``.

    Counts on the statutory calendar unless another is given (a service target may use
    ``service_calendar``).
    """
    cal = calendar if calendar is not None else statutory_calendar()
    return _status(due, today, cal.working_days_between(today, due))


@dataclass(frozen=True, slots=True)
class Deadline:
    """One computed deadline.

    ``due`` is the date to act by (for the appeal: the Tribunal must receive it by 5pm that day);
    ``nominal`` the raw result before any adjustment, ``adjustments`` those applied (only the
    appeal deadline has any). ``rule`` is the exact rule used (``rule.citation``,
    ``rule.confidence``). ``counted_from`` is the event key the period runs from; for a
    health-only mediation with no recorded ICB notification it is ``"icb_notification_due"``, the
    latest day the ICB can be told. ``done_on`` is the date the required act was recorded as done,
    when the facts show it (adviser contacted, ICB told, certificate issued, mediation concluded):
    check it before showing an "overdue" status. ``status`` is set when ``compute_deadlines`` was
    given ``today``. ``context`` holds extra dates the explanation needs (not part of equality).
    """

    key: str
    due: date
    rule: Rule
    counted_from: str
    counted_from_date: date
    nominal: date
    adjustments: tuple[Adjustment, ...] = ()
    done_on: date | None = None
    status: DeadlineStatus | None = None
    context: tuple[date | None, ...] = field(default=(), repr=False, compare=False)
    _explanation: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def citation(self) -> str:
        """The rule's citation, e.g. "SEND Regulations 2014, reg 33"."""
        return self.rule.citation

    @property
    def title(self) -> str:
        """The rule's short title, e.g. "Appeal to the Tribunal"."""
        return self.rule.title

    @property
    def confidence(self) -> Confidence:
        """How sure we are of this date: the weakest of the rule and the adjustments applied.

        It drops to UNCERTAIN when a rule with no roll-forward lands on a non-working day, since
        whether such a date moves is unconfirmed (legal-rules.md, E6 and E14).
        """
        c = self.rule.confidence
        for adj in self.adjustments:
            c = Confidence.weakest(c, adj.confidence)
        if self.rule.no_roll_forward_uncertain and not statutory_calendar().is_working_day(
            self.due
        ):
            c = Confidence.UNCERTAIN
        return c

    @property
    def explanation(self) -> str:
        """Plain English a parent can follow: what it is counted from, how, and any adjustment."""
        text = self._explanation
        if text is None:
            text = EXPLAINERS[self.rule.id](self)
            # Cache on the instance: the value is derived from its own fields, so it stays frozen
            # in every way that matters.
            object.__setattr__(self, "_explanation", text)
        return text

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict (ISO dates; the rule's citation under "rule")."""
        return {
            "key": self.key,
            "title": self.rule.title,
            "due": self.due.isoformat(),
            "nominal": self.nominal.isoformat(),
            "counted_from": self.counted_from,
            "counted_from_date": self.counted_from_date.isoformat(),
            "rule": self.rule.citation,
            "rule_id": self.rule.id,
            "source_url": self.rule.source_url,
            "confidence": self.confidence.value,
            "adjustments": [a.code for a in self.adjustments],
            "done_on": self.done_on.isoformat() if self.done_on is not None else None,
            "explanation": self.explanation,
            "status": self.status.to_dict() if self.status is not None else None,
        }


# A mutable twin of Deadline with the very same slots. The engine fills one (plain slot stores)
# and then switches its class to Deadline, which Python allows because the layouts are identical.
# The result is an ordinary frozen Deadline; this only skips object.__setattr__ per field.
_DeadlineBuilder: Any = make_dataclass(
    "_DeadlineBuilder",
    [
        (f.name, f.type, field(default=f.default, init=f.init))
        if f.default is not MISSING
        else (f.name, f.type)
        for f in fields(Deadline)
    ],
    slots=True,
    eq=False,
    repr=False,
)
if _DeadlineBuilder.__slots__ != Deadline.__slots__:  # pragma: no cover - guards a refactor
    raise RuntimeError("_DeadlineBuilder must have exactly Deadline's slots")

_NoteSpec = tuple[str, tuple[date, ...]]


class DeadlineList(list[Deadline]):
    """The deadlines of a case ordered by due date, plus ``notes`` on what is unknown or may move.

    A plain list in every other way. Notes are written only when read.
    """

    # No __init__ of its own: list's C constructor is much cheaper, and the engine sets the notes
    # slot straight after building the list.
    __slots__ = ("_note_specs",)

    _note_specs: list[_NoteSpec]

    @property
    def notes(self) -> tuple[str, ...]:
        """Plain-English warnings: a deadline that cannot be computed, one that may still move."""
        return tuple(NOTE_WRITERS[kind](*args) for kind, args in self._specs())

    def _specs(self) -> list[_NoteSpec]:
        try:
            return self._note_specs
        except AttributeError:  # a DeadlineList built by hand has no notes
            return []

    @property
    def note_codes(self) -> tuple[str, ...]:
        """Stable machine names of the notes, in the same order ("no_decision_sent", ...)."""
        return tuple(kind for kind, _ in self._specs())

    def get(self, key: str) -> Deadline | None:
        """Return the deadline with this key, or None when the facts do not produce it."""
        for d in self:
            if d.key == key:
                return d
        return None

    def due_dates(self) -> dict[str, date]:
        """Return {deadline key: due date}."""
        return {d.key: d.due for d in self}

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict: {"deadlines": [...], "notes": [...]}."""
        return {"deadlines": [d.to_dict() for d in self], "notes": list(self.notes)}


# -- memoised calendar answers ---------------------------------------------------------------------
# Every date the engine meets lies in 2014-2040, about 10,000 distinct days, so a dict per question
# is a small, bounded table. A dict look-up is several times cheaper than the method call it
# replaces; the calendar itself still does the work (bisect) the first time.


class _Memo[T](dict[date, T]):
    """Answers per date: ``memo[d]`` asks ``fn(d)`` the first time, then remembers."""

    __slots__ = ("_fn",)

    def __init__(self, fn: Callable[[date], T]) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, d: date) -> T:
        value = self[d] = self._fn(d)
        return value


def _cal() -> WorkingCalendar:
    return statutory_calendar()


_PLUS_CONTACT: Final = _Memo(lambda d: add_months(d, _CONTACT_MONTHS))
_PLUS_APPEAL: Final = _Memo(lambda d: add_months(d, _APPEAL_MONTHS))
_PLUS_CERT_APPEAL: Final = _Memo(lambda d: add_months(d, _CERT_APPEAL_MONTHS))
_PLUS_CERT_WD: Final = _Memo(lambda d: _cal().add_working_days(d, _CERT_WORKING_DAYS))
_PLUS_ICB_WD: Final = _Memo(lambda d: _cal().add_working_days(d, _ICB_WORKING_DAYS))
_NOTICE_DAY: Final = _Memo(lambda d: _latest_notice_day(_cal(), d))
_APPEAL_DUE: Final = _Memo(lambda d: _adjust_appeal(_cal(), d))
_ON_OR_BEFORE: Final = _Memo(lambda d: _cal().working_days_on_or_before(d))
_BEFORE: Final = _Memo(lambda d: _cal().working_days_before(d))


def _latest_notice_day(cal: WorkingCalendar, meeting: date) -> date:
    # "At least 5 working days before": the latest working day N with 5 working days after N up
    # to and including the meeting. For a meeting on a working day that is the 5th working day
    # before it; a meeting on a weekend or holiday is not itself a working day, so one more.
    n = _NOTICE_WORKING_DAYS  # negative: a "before" rule
    if cal.is_working_day(meeting):
        return cal.add_working_days(meeting, n)
    return cal.add_working_days(meeting, n - 1)


def _adjust_appeal(cal: WorkingCalendar, nominal: date) -> tuple[date, tuple[Adjustment, ...]]:
    """Apply HESC r.12(3)(a) and then r.12(2) to a nominal appeal date."""
    m = nominal.month
    # r.12(3)(a): an SEN appeal whose time ends 25 Dec-1 Jan, or in August, is in time on the
    # first working day after 1 January / 31 August. That day is a working day already, so
    # r.12(2) has nothing left to do.
    if m == 8:
        return cal.next_working_day_on_or_after(date(nominal.year, 9, 1)), _ADJ_XMAS_AUG
    if m == 12 and nominal.day >= 25:
        return cal.next_working_day_on_or_after(date(nominal.year + 1, 1, 2)), _ADJ_XMAS_AUG
    if m == 1 and nominal.day == 1:
        return cal.next_working_day_on_or_after(date(nominal.year, 1, 2)), _ADJ_XMAS_AUG
    # r.12(2): a time that ends on a non-working day ends on the next working day.
    if cal.is_working_day(nominal):
        return nominal, ()
    return cal.next_working_day_on_or_after(nominal), _ADJ_NEXT_WD


def appeal_deadline(sent: date, certificate_issued: date | None = None) -> date:
    """Return the appeal deadline for a decision notice sent on ``sent`` (and a certificate).

    The later of 2 months after ``sent`` and 1 month from ``certificate_issued`` (HESC r.20(1)(c)),
    then r.12(3)(a) (25 December-1 January or August: first working day after 1 January or 31
    August) and r.12(2) (a non-working day: the next working day). The Tribunal must receive the
    appeal by 5pm on the returned day.
    """
    nominal = add_months(sent, _APPEAL_MONTHS)
    if certificate_issued is not None:
        nominal = max(nominal, add_months(certificate_issued, _CERT_APPEAL_MONTHS))
    due: date = _adjust_appeal(statutory_calendar(), nominal)[0]
    return due


# -- computation -----------------------------------------------------------------------------------


def compute_deadlines(facts: CaseFacts, today: date | None = None) -> DeadlineList:
    """Return every deadline the facts produce, ordered by due date (ties in a fixed order).

    A deadline appears only when the event it counts from is known: no ``decision_sent`` means no
    contact or appeal deadline (``notes`` then says so). With ``today``, each deadline gets a
    ``DeadlineStatus`` counted in statutory working days. Raises ``RulesInputError`` when
    ``today`` or a computed date falls outside the calendar (2014-2040).
    """
    try:
        return _compute(facts, today)
    except OutOfRangeError as exc:
        raise RulesInputError(
            InputProblem(
                "today" if today is not None and not statutory_calendar().covers(today) else None,
                "A date needed for these deadlines is outside the years the rules can count."
                f" {exc}",
            )
        ) from exc


# Each step adds the deadlines (and notes) of one stage of the process. They run in DEADLINE_KEYS
# order, so that deadlines due on the same day keep that order after the sort. ``v`` is
# CaseFacts._values; ``out`` collects _DeadlineBuilder objects, which _compute turns into
# Deadlines.
_Values = tuple[date | None, ...]
_Out = list[Any]


def _compute(facts: CaseFacts, today: date | None) -> DeadlineList:
    """Every deadline of the facts, one stage of the process at a time (the steps below)."""
    v = facts._values
    flags = facts.flags
    out: _Out = []
    notes: list[_NoteSpec] = []
    _contact_step(v, out, notes)
    cert_due = _certificate_step(v, out, notes)
    _mediation_step(v, flags, out)
    _meeting_notice_step(v, out)
    _appeal_step(v, cert_due, out, notes)
    _agreement_step(v, flags, out, notes)
    # Stable sort on the due date alone: ties keep the order added above, which is the order of
    # DEADLINE_KEYS.
    out.sort(key=_DUE)
    _check_in_range(out)
    if today is not None:
        _set_statuses(out, today)
    for b in out:
        b.__class__ = Deadline
    result = DeadlineList(out)
    result._note_specs = notes
    return result


def _contact_step(v: _Values, out: _Out, notes: list[_NoteSpec]) -> None:
    """reg 33: contact the adviser within 2 months; the Regulations have no roll-forward."""
    sent = v[_SENT]
    if sent is None:
        return
    contact = _PLUS_CONTACT[sent]
    contacted = v[_CONTACTED]
    out.append(
        _DeadlineBuilder(
            "adviser_contact_deadline",
            contact,
            _R_CONTACT,
            "decision_sent",
            sent,
            contact,
            (),
            contacted,
        )
    )
    if contacted is not None and contacted > contact:
        notes.append(("late_contact", (contacted, contact)))


def _certificate_trigger(v: _Values) -> tuple[str, date, Rule] | None:
    """The latest of the certificate's triggers (on a tie, the later process stage)."""
    found: tuple[str, date, Rule] | None = None
    for trigger, at, rule in _CERTIFICATE_STEPS:
        when = v[at]
        if when is not None and (found is None or when >= found[1]):
            found = (trigger, when, rule)
    return found


def _certificate_step(v: _Values, out: _Out, notes: list[_NoteSpec]) -> date | None:
    """Certificate: 3 working days after the latest trigger. Returns the due date, if any."""
    found = _certificate_trigger(v)
    if found is None:
        return None
    trigger, when, rule = found
    due = _PLUS_CERT_WD[when]
    cert = v[_CERT]
    done = cert if cert is not None and cert >= when else None
    if cert is not None and done is None:
        notes.append(("further_certificate", (cert, when, due)))
    context = (v[_DECLINED], v[_CANNOT], v[_CONCLUDED])
    out.append(
        _DeadlineBuilder("certificate_due", due, rule, trigger, when, due, (), done, None, context)
    )
    return due


def _mediation_step(v: _Values, flags: frozenset[str], out: _Out) -> None:
    """Mediation requested: the ICB notice (health issues) and the 30 days."""
    requested = v[_REQUESTED]
    if requested is None:
        return
    if flags and not flags.isdisjoint(HEALTH_FLAGS):
        icb_due = _PLUS_ICB_WD[requested]
        out.append(
            _DeadlineBuilder(
                "icb_notification_due",
                icb_due,
                _R_ICB,
                "mediation_requested",
                requested,
                icb_due,
                (),
                v[_ICB_NOTIFIED],
            )
        )
        if "health_only" in flags:
            out.append(_health_only_mediation(v, requested, icb_due))
            return
    due = requested + _MEDIATION_DAYS
    out.append(
        _DeadlineBuilder(
            "mediation_due",
            due,
            _R_MEDIATION,
            "mediation_requested",
            requested,
            due,
            (),
            v[_CONCLUDED],
        )
    )


def _health_only_mediation(v: _Values, requested: date, icb_due: date) -> Any:
    """The ICB arranges it and the 30 days run from its notification.

    When the notification is not recorded, count from the latest day it can lawfully be given.
    """
    icb_notified = v[_ICB_NOTIFIED]
    start_key, start = (
        ("icb_notified", icb_notified)
        if icb_notified is not None
        else ("icb_notification_due", icb_due)
    )
    due = start + _HEALTH_MEDIATION_DAYS
    return _DeadlineBuilder(
        "mediation_due",
        due,
        _R_MEDIATION_HEALTH,
        start_key,
        start,
        due,
        (),
        v[_CONCLUDED],
        None,
        (requested,),
    )


def _meeting_notice_step(v: _Values, out: _Out) -> None:
    """The date and place of the meeting: at least 5 working days before it."""
    meeting = v[_MEETING]
    if meeting is not None:
        notice = _NOTICE_DAY[meeting]
        out.append(
            _DeadlineBuilder(
                "meeting_notice_due", notice, _R_NOTICE, "meeting_date", meeting, notice
            )
        )


def _appeal_step(v: _Values, cert_due: date | None, out: _Out, notes: list[_NoteSpec]) -> None:
    """Appeal: HESC r.20(1)(c), later limb wins, then r.12(3)(a) and r.12(2)."""
    sent = v[_SENT]
    if sent is None:
        notes.append(("no_decision_sent", ()))
        return
    cert = v[_CERT]
    out.append(_appeal(sent, cert))
    if cert is None:
        if cert_due is not None:
            notes.append(("appeal_may_move", (cert_due,)))
        else:
            notes.append(("appeal_no_certificate", ()))


def _appeal(sent: date, cert: date | None) -> Any:
    """The appeal deadline from whichever limb is later: 2 months from the decision (limb i) or 1
    month from the certificate (limb ii); on a tie, limb i."""
    limb_i = _PLUS_APPEAL[sent]
    limb_ii = _PLUS_CERT_APPEAL[cert] if cert is not None else None
    if limb_ii is not None and limb_ii > limb_i:
        due, adjustments = _APPEAL_DUE[limb_ii]
        return _DeadlineBuilder(
            "appeal_deadline",
            due,
            _R_APPEAL_CERT,
            "certificate_issued",
            cert,
            limb_ii,
            adjustments,
            None,
            None,
            (limb_i, sent),
        )
    due, adjustments = _APPEAL_DUE[limb_i]
    return _DeadlineBuilder(
        "appeal_deadline",
        due,
        _R_APPEAL,
        "decision_sent",
        sent,
        limb_i,
        adjustments,
        None,
        None,
        (cert,),
    )


def _agreement_step(v: _Values, flags: frozenset[str], out: _Out, notes: list[_NoteSpec]) -> None:
    """reg 42 / reg 44: a written agreement. Calendar weeks, no roll-forward."""
    agreed = v[_AGREED]
    if agreed is None:
        return
    rules = _HEALTH_ONLY_AGREEMENT_RULES if "health_only" in flags else _AGREEMENT_RULES
    for rule, delta in rules:
        due = agreed + delta
        out.append(_DeadlineBuilder(rule.key, due, rule, "agreement_recorded", agreed, due))
    notes.append(("agreement_scope", ()))


def _check_in_range(out: _Out) -> None:
    """Calendar-day and week rules never touch the calendar, so check the range once, here.

    ``out`` is sorted by due date, so only the last can be too late.
    """
    if out and out[-1].due > _LAST_DATE:
        raise OutOfRangeError(
            f"The {out[-1].key} date {out[-1].due.isoformat()} is after the end of the statutory"
            f" calendar for England ({LAST_YEAR})."
        )


def _set_statuses(out: _Out, today: date) -> None:
    """Give each deadline its status as seen on ``today``.

    working_days_between(today, due) from memoised counts: forwards counts the working days on or
    before each date, backwards those strictly before (see WorkingCalendar). One int encodes
    (working days, after/on/before today) for the shared-status cache.
    """
    t_after = _ON_OR_BEFORE[today]
    t_before = _BEFORE[today]
    cache = _STATUS_BY_CODE
    for b in out:
        due = b.due
        if due > today:
            n = _ON_OR_BEFORE[due] - t_after
            code = n * 3 + 2
        elif due < today:
            n = _BEFORE[due] - t_before
            code = n * 3
        else:
            n = 0
            code = 1
        status = cache.get(code)
        b.status = status if status is not None else _status(due, today, n)


_DUE: Final = attrgetter("due")


def agreement_item_due(agreement_date: date, kind: str) -> Deadline:
    """Return the deadline for one item of a written mediation agreement (regs 42 and 44).

    ``kind`` is one of ``AGREEMENT_KINDS``: "assess_notify" (2 weeks), "assess_decline_to_issue"
    (10), "assess_final_plan" (14), "plan_draft" (5), "plan_final" (11), "amend" (5), "placement"
    (2), "other" (anything that cannot be appealed: 2 weeks) and "la_notified" (the health body
    tells the LA when the LA is not a party: 1 week). Calendar weeks from the agreement date, with
    no roll-forward (UNCERTAIN): due "on or before" (legal-rules.md E14).
    """
    rule_id = AGREEMENT_KIND_RULES.get(kind)
    if rule_id is None:
        raise RulesInputError(
            InputProblem(
                "kind",
                f"Unknown agreement item kind {kind!r}.{suggest(kind, AGREEMENT_KINDS)}"
                f" Known kinds: {', '.join(AGREEMENT_KINDS)}.",
            )
        )
    problems = validate_events({"agreement_recorded": agreement_date})
    if problems:
        raise RulesInputError(tuple(problems))
    rule = RULES[rule_id]
    due = agreement_date + timedelta(weeks=rule.amount)
    return Deadline(rule.key, due, rule, "agreement_recorded", agreement_date, due)
