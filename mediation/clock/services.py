"""Small helpers around the statutory clock (``mediation.rules``) for the public tools and CLI.

The calendar file of the key dates is built in ``mediation.clock.ics``.

Nothing here stores anything: the key dates and certificate tools are pure functions of what the
visitor typed, so a result can be bookmarked or shared without keeping personal data.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import Final

from mediation.core.errors import ApplicationError
from mediation.rules import (
    FIRST_YEAR,
    LAST_YEAR,
    CaseFacts,
    CertificateAdvice,
    DeadlineList,
    RulesInputError,
    check_certificate,
    compute_deadlines,
    plan_conflicts,
)

FIRST_COUNTABLE_DATE: Final = date(FIRST_YEAR, 1, 1)
LAST_CALENDAR_DATE: Final = date(LAST_YEAR, 12, 31)


def _countable(events: dict[str, date]) -> bool:
    try:
        compute_deadlines(CaseFacts(events))
    except RulesInputError:
        return False
    return True


@cache
def latest_decision_date() -> date:
    """The latest decision letter date whose deadlines still fall inside the calendar (to 2040).

    Found by asking the engine rather than by repeating its arithmetic here, so a change to the
    rules moves this limit too. Deadlines only grow with the date, so the first date that works,
    counting back from the end of the calendar, is the limit.
    """
    day = LAST_CALENDAR_DATE
    while not _countable({"decision_sent": day}):
        day -= timedelta(days=1)
    return day


@cache
def latest_certificate_date() -> date:
    """The latest certificate date whose appeal deadline still falls inside the calendar."""
    day = LAST_CALENDAR_DATE
    while not _countable({"decision_sent": FIRST_COUNTABLE_DATE, "certificate_issued": day}):
        day -= timedelta(days=1)
    return day


def key_dates_compute(
    *, decision_sent: date, certificate_issued: date | None = None, today: date | None = None
) -> DeadlineList:
    """Return the deadlines for a decision letter (and a certificate, if there is one).

    Raises ``RulesInputError`` for dates the rules cannot use (out of range, or a certificate
    dated before the decision letter).
    """
    events = {"decision_sent": decision_sent}
    if certificate_issued is not None:
        events["certificate_issued"] = certificate_issued
    return compute_deadlines(CaseFacts(events), today=today)


def _refused_by_the_rules(error: RulesInputError) -> ApplicationError:
    """The rules' refusal as this app's, for the view skeleton: on the field, when it names one."""
    fields = {problem.field for problem in error.problems}
    return ApplicationError(str(error), field=fields.pop() if len(fields) == 1 else None)


def key_dates_for_page(
    *, decision_sent: date, certificate_issued: date | None, today: date | None = None
) -> DeadlineList:
    """``key_dates_compute`` for a page: a refusal is an ``ApplicationError``.

    The form's own checks come first, so the rules refuse only what they alone know (such as a
    ``today`` beyond the calendar).
    """
    try:
        return key_dates_compute(
            decision_sent=decision_sent, certificate_issued=certificate_issued, today=today
        )
    except RulesInputError as error:
        raise _refused_by_the_rules(error) from error


def certificate_advice(
    *, matters: Iterable[str], plan_status: str, la_in_england: bool
) -> CertificateAdvice:
    """The certificate checker's answer. Raises ``ApplicationError`` when the rules refuse."""
    try:
        return check_certificate(matters, plan_status, la_in_england=la_in_england)
    except RulesInputError as error:
        raise _refused_by_the_rules(error) from error


def certificate_plan_conflicts(*, matters: Iterable[str], plan_status: str) -> list[str]:
    """Return the matters that cannot be chosen with this plan status, in the order given.

    The rules know which matters need an existing plan (``MATTERS_NEEDING_A_PLAN``), so a form can
    name exactly the choices its error message is about.
    """
    return plan_conflicts(matters, plan_status)
