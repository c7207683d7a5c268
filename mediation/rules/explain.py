"""Plain-English explanations and notes for computed deadlines.

Written only when read (``Deadline.explanation`` and ``DeadlineList.notes`` call in here), so the
hot path of ``compute_deadlines`` never formats a sentence. Dates are written the way a parent
would write them ("29 November 2025"), with the weekday on the date to act by.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from mediation.rules.calendar import add_months, statutory_calendar
from mediation.rules.text import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    long_date,
    long_date_with_weekday,
    plural,
)
from mediation.rules.timescales import RULES, Adjustment

if TYPE_CHECKING:
    from mediation.rules.engine import Deadline

__all__ = ["EXPLAINERS", "NOTE_WRITERS"]


# -- explanations (written on first read) -------------------------------------------------------


def _non_working_reason(d: date) -> str:
    wd = d.weekday()
    if wd >= 5:
        return f"a {WEEKDAY_NAMES[wd]}"
    return "a bank holiday"


def _skipped_bank_holidays(after: date, before: date) -> str:
    # Weekdays strictly between a non-working day and the next working day can only be closures;
    # naming them stops a parent wondering why the deadline is not simply the Monday.
    days = [
        after + timedelta(days=k)
        for k in range(1, (before - after).days)
        if (after + timedelta(days=k)).weekday() < 5
    ]
    if not days:
        return ""
    names = " and ".join(long_date_with_weekday(x) for x in days)
    verb = "is a bank holiday" if len(days) == 1 else "are bank holidays"
    return f" ({names} {verb})"


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _month_clamp(start: date, result: date) -> str:
    if result.day == start.day:
        return ""
    return (
        f" ({MONTH_NAMES[result.month - 1]} {result.year} has no {_ordinal(start.day)}, so the"
        " period ends on its last day)"
    )


def _no_roll_sentence(due: date, act: str) -> str:
    if statutory_calendar().is_working_day(due):
        return (
            f" The Regulations have no rule moving this date if it falls on a weekend or bank"
            f" holiday, so {act} on or before {long_date_with_weekday(due)}."
        )
    return (
        f" That day is {_non_working_reason(due)}. The Regulations have no rule moving it to the"
        f" next working day (and it is uncertain whether it moves), so {act} on or before"
        f" {long_date_with_weekday(due)}: in practice by the working day before."
    )


def _explain_contact(d: Deadline) -> str:
    return (
        f"2 months after the decision notice was sent on {long_date(d.counted_from_date)} is"
        f" {long_date_with_weekday(d.due)}{_month_clamp(d.counted_from_date, d.due)}."
        + _no_roll_sentence(d.due, "contact the mediation adviser")
        + (
            f" The adviser was contacted on {long_date(d.done_on)}."
            if d.done_on is not None
            else ""
        )
    )


_TRIGGER_TEXT: Final = {
    "mediation_declined": "The family told the mediation adviser on {} that it does not want"
    " mediation.",
    "la_cannot_arrange": "The LA told the mediation adviser on {} that it cannot arrange mediation"
    " within 30 days.",
    "mediation_concluded": "The mediation concluded on {}.",
}


def _explain_certificate(d: Deadline) -> str:
    text = _TRIGGER_TEXT[d.counted_from].format(long_date(d.counted_from_date))
    if sum(1 for x in d.context if x is not None) > 1:
        text += " (That is the latest of the recorded events that call for a certificate.)"
    who = "mediator" if d.counted_from == "mediation_concluded" else "adviser"
    text += (
        f" The {who} must issue the mediation certificate within 3 working days of that: by"
        f" {long_date_with_weekday(d.due)}. Weekends and bank holidays are not counted."
    )
    if d.done_on is not None:
        text += f" The certificate was issued on {long_date(d.done_on)}."
    return text


def _explain_icb(d: Deadline) -> str:
    text = (
        f"The LA was told on {long_date(d.counted_from_date)} that the family wants mediation, and"
        f" the issues include health. The LA must tell the health body (ICB) within 3 working days:"
        f" by {long_date_with_weekday(d.due)}."
    )
    if d.done_on is not None:
        text += f" The ICB was told on {long_date(d.done_on)}."
    return text


def _explain_mediation(d: Deadline) -> str:
    tail = (
        " Whether a date on a weekend or bank holiday moves is uncertain, so treat it as 'on or"
        " before'."
        if not statutory_calendar().is_working_day(d.due)
        else ""
    )
    if d.rule.id == "mediation_due":
        text = (
            f"The LA was told on {long_date(d.counted_from_date)} that the family wants mediation."
            f" Mediation must take place within 30 days (calendar days, not working days): by"
            f" {long_date_with_weekday(d.due)}."
        )
    elif d.counted_from == "icb_notified":
        text = (
            f"The LA told the health body (ICB) on {long_date(d.counted_from_date)}. As the issues"
            f" are about health only, the ICB arranges mediation, and it must take place within 30"
            f" days of that (calendar days, not working days): by {long_date_with_weekday(d.due)}."
        )
    else:
        requested = d.context[0]
        assert requested is not None
        text = (
            "The issues are about health only, so the 30 days run from when the LA tells the health"
            " body (ICB), and that date has not been recorded. The LA must tell the ICB within 3"
            f" working days of being told the family wants mediation ({long_date(requested)}), so"
            f" by {long_date(d.counted_from_date)} at the latest; 30 days (calendar days, not"
            f" working days) after that is {long_date_with_weekday(d.due)}. That is the latest the"
            " mediation can be due; record the ICB notification for the exact date."
        )
    if d.done_on is not None:
        text += f" The mediation concluded on {long_date(d.done_on)}."
    return text + tail


def _explain_notice(d: Deadline) -> str:
    return (
        f"The mediation meeting is on {long_date_with_weekday(d.counted_from_date)}. The family"
        f" must be told the date and place at least 5 working days before it: by"
        f" {long_date_with_weekday(d.due)}, unless the family agrees to less notice."
    )


def _appeal_adjustment_text(d: Deadline) -> str:
    nominal, due = d.nominal, d.due
    if Adjustment.HESC_R12_3A_CHRISTMAS_AUGUST in d.adjustments:
        if nominal.month == 8:
            return (
                " That day is in August, so the Tribunal accepts the appeal on the first working"
                f" day after 31 August: {long_date_with_weekday(due)}. The Tribunal must receive"
                " it by 5pm."
            )
        return (
            " That day falls in the Christmas period (25 December to 1 January), so the Tribunal"
            " accepts the appeal on the first working day after 1 January:"
            f" {long_date_with_weekday(due)}. The Tribunal must receive it by 5pm."
        )
    if Adjustment.HESC_R12_2_NEXT_WORKING_DAY in d.adjustments:
        return (
            f" That day is {_non_working_reason(nominal)}, not a working day, so the appeal is in"
            f" time on the next working day: {long_date_with_weekday(due)}"
            f"{_skipped_bank_holidays(nominal, due)}. The Tribunal must receive it by 5pm."
        )
    return (
        f" That is a working day, so the Tribunal must receive the appeal by 5pm on"
        f" {long_date_with_weekday(due)}."
    )


def _explain_appeal(d: Deadline) -> str:
    if d.rule.id == "appeal_deadline.certificate":
        limb_i, sent = d.context[0], d.context[1]
        assert limb_i is not None
        assert sent is not None
        cert = d.counted_from_date
        text = (
            "The appeal deadline is the later of two dates. 2 months after the decision notice"
            f" was sent on {long_date(sent)} is {long_date(limb_i)}. 1 month from the certificate"
            f" issued on {long_date(cert)} is {long_date(d.nominal)}"
            f"{_month_clamp(cert, d.nominal)}."
        )
    else:
        sent = d.counted_from_date
        cert_or_none = d.context[0] if d.context else None
        if cert_or_none is not None:
            limb_ii = add_months(cert_or_none, 1)
            which = ", the same day" if limb_ii == d.nominal else ", which is later"
            text = (
                "The appeal deadline is the later of two dates. 1 month from the certificate"
                f" issued on {long_date(cert_or_none)} is {long_date(limb_ii)}"
                f"{_month_clamp(cert_or_none, limb_ii)}. 2 months after the"
                f" decision notice was sent on {long_date(sent)} is {long_date(d.nominal)}"
                f"{_month_clamp(sent, d.nominal)}{which}."
            )
        else:
            text = (
                f"2 months after the decision notice was sent on {long_date(sent)} is"
                f" {long_date(d.nominal)}{_month_clamp(sent, d.nominal)}."
            )
    text += _appeal_adjustment_text(d)
    if d.rule.id == "appeal_deadline" and (not d.context or d.context[0] is None):
        text += (
            " No mediation certificate has been recorded. If one is issued, the appeal can be made"
            " up to 1 month from its issue date when that is later."
        )
    return text


_AGREEMENT_WHAT: Final = {
    "agreement_actions_due": "Anything agreed that cannot be appealed to the Tribunal (for"
    " example an educational psychologist visit or interim funding) must be done",
    "agreement_la_notified_due": "The LA is not a party to this health-only mediation, so the"
    " health body must tell the LA about the agreement",
    "agreement_assess_notify_due": "If the LA agreed to assess or re-assess, it must tell the"
    " family it will do so",
    "agreement_assess_decline_to_issue_due": "If, after the agreed assessment, the LA decides not"
    " to issue a plan, it must tell the family, with reasons,",
    "agreement_assess_final_plan_due": "If, after the agreed assessment, the LA issues a plan, the"
    " final plan is due",
    "agreement_plan_draft_due": "If the LA agreed to make a plan, the draft plan is due",
    "agreement_plan_final_due": "If the LA agreed to make a plan, the final plan is due",
    "agreement_amend_due": "If the LA agreed to change Sections B or F of the plan, the amended"
    " plan is due",
    "agreement_placement_due": "If the LA agreed to name a school or other institution (or a"
    " type) in Section I, the amended plan is due",
}


def _explain_agreement(d: Deadline) -> str:
    weeks = plural(d.rule.amount, "week")
    text = (
        f"The written mediation agreement is dated {long_date(d.counted_from_date)}."
        f" {_AGREEMENT_WHAT[d.key]} within {weeks} (calendar weeks): by"
        f" {long_date_with_weekday(d.due)}."
    )
    if not statutory_calendar().is_working_day(d.due):
        text += f" That day is {_non_working_reason(d.due)}."
    return text + (
        " The Regulations have no rule moving a date that falls on a weekend or bank holiday"
        " (this is uncertain), so treat it as 'on or before'. The parties may agree different"
        " timescales in writing."
    )


EXPLAINERS: Final[Mapping[str, Callable[[Deadline], str]]] = MappingProxyType(
    {
        "adviser_contact_deadline": _explain_contact,
        "certificate_due.mediation_declined": _explain_certificate,
        "certificate_due.la_cannot_arrange": _explain_certificate,
        "certificate_due.mediation_concluded": _explain_certificate,
        "icb_notification_due": _explain_icb,
        "mediation_due": _explain_mediation,
        "mediation_due.health_only": _explain_mediation,
        "meeting_notice_due": _explain_notice,
        "appeal_deadline": _explain_appeal,
        "appeal_deadline.certificate": _explain_appeal,
        **{
            rule_id: _explain_agreement
            for rule_id in RULES
            if RULES[rule_id].counts_from == "agreement_recorded"
        },
    }
)

if set(EXPLAINERS) != set(RULES):  # pragma: no cover - a registry edit without an explainer
    raise RuntimeError(f"rules without an explanation: {sorted(set(RULES) - set(EXPLAINERS))}")


# -- notes -----------------------------------------------------------------------------------------


def _note_no_decision() -> str:
    return (
        "The date the LA's decision notice was sent is not recorded, so the adviser contact"
        " deadline and the appeal deadline cannot be worked out. Add it (usually the date on the"
        " decision letter)."
    )


def _note_appeal_may_move(cert_due: date) -> str:
    return (
        "No mediation certificate has been recorded yet (one is due by"
        f" {long_date_with_weekday(cert_due)}). The appeal deadline shown counts only 2 months"
        " from the decision notice; once the certificate is issued, the appeal can be made up to"
        " 1 month from its issue date if that is later."
    )


def _note_appeal_no_certificate() -> str:
    return (
        "No mediation certificate has been recorded, so the appeal deadline counts only 2 months"
        " from the decision notice. A certificate issued later can move it to 1 month from the"
        " certificate's issue date."
    )


def _note_late_contact(contacted: date, deadline: date) -> str:
    return (
        f"The mediation adviser was contacted on {long_date(contacted)}, after the reg 33"
        f" deadline of {long_date(deadline)}. The Tribunal can extend time when it is fair and"
        " just to do so (its case-management powers); get advice (SENDIASS, IPSEA)."
    )


def _note_further_certificate(cert: date, trigger: date, cert_due: date) -> str:
    return (
        f"A certificate was issued on {long_date(cert)}, before the latest event calling for one"
        f" ({long_date(trigger)}). A further certificate is due by"
        f" {long_date_with_weekday(cert_due)}; if it is issued, the appeal deadline may move to"
        " 1 month from its issue date."
    )


def _note_agreement_scope() -> str:
    return (
        "The agreement deadlines list every timescale a written agreement can trigger; only those"
        " for what the agreement actually covers apply, and none apply to anything the parties"
        " agreed, in writing, to do on a different timescale."
    )


NOTE_WRITERS: Final[Mapping[str, Callable[..., str]]] = MappingProxyType(
    {
        "no_decision_sent": _note_no_decision,
        "appeal_may_move": _note_appeal_may_move,
        "appeal_no_certificate": _note_appeal_no_certificate,
        "late_contact": _note_late_contact,
        "further_certificate": _note_further_certificate,
        "agreement_scope": _note_agreement_scope,
    }
)
