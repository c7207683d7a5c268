"""The statutory timescales, as data.

Each ``Rule`` says what a deadline is counted from, in what unit, how far, which adjustments apply,
where the rule comes from and how sure we are of it (the confidence labels of
shared/docs/legal-rules.md: VERIFIED = we read the legal text; ATTESTED = a secondary source;
UNCERTAIN = unconfirmed or a matter of interpretation). The engine reads these records; it never
restates a number of its own.

A deadline key can have more than one rule ("variants"): the certificate is due 3 working days
after one of three different triggers, each with its own citation, and the appeal deadline has two
limbs. ``RULES`` is keyed by the rule's unique ``id``; for a deadline with a single rule the id is
the deadline key itself. ``RULES_BY_KEY`` groups the variants of each deadline key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import Final

__all__ = [
    "AGREEMENT_KIND_RULES",
    "DEADLINE_KEYS",
    "EVENT_KEYS",
    "FLAG_KEYS",
    "RULES",
    "RULES_BY_KEY",
    "Adjustment",
    "Confidence",
    "Rule",
    "Unit",
]

# -- the public vocabulary -----------------------------------------------------------------------

EVENT_KEYS: Final = (
    "decision_sent",  # the LA's written decision notice was sent (the date on the letter)
    "adviser_contacted",  # the family contacted the mediation adviser (reg 33)
    "mediation_declined",  # the family told the adviser it does not want mediation
    "mediation_requested",  # the LA was told the family wants mediation
    "icb_notified",  # the LA told the ICB(s) about health issues (health-only: starts the 30 days)
    "la_cannot_arrange",  # the LA told the adviser it cannot arrange mediation within 30 days
    "meeting_date",  # the mediation meeting (planned or held)
    "mediation_concluded",  # the mediation ended, with or without agreement
    "certificate_issued",  # the mediation certificate was issued
    "agreement_recorded",  # a mediation agreement was recorded in writing (reg 42)
)
FLAG_KEYS: Final = (
    "health_issues",  # the mediation issues include health provision (or its absence)
    "health_only",  # the issues are health only: the ICB arranges it and the LA is not a party
)
DEADLINE_KEYS: Final = (
    "adviser_contact_deadline",
    "certificate_due",
    "icb_notification_due",
    "mediation_due",
    "meeting_notice_due",
    "appeal_deadline",
    "agreement_actions_due",
    "agreement_assess_notify_due",
    "agreement_assess_decline_to_issue_due",
    "agreement_assess_final_plan_due",
    "agreement_plan_draft_due",
    "agreement_plan_final_due",
    "agreement_amend_due",
    "agreement_placement_due",
    "agreement_la_notified_due",
)


class Confidence(StrEnum):
    """How sure we are of a rule (labels as in legal-rules.md)."""

    VERIFIED = "verified"
    ATTESTED = "attested"
    UNCERTAIN = "uncertain"

    @property
    def rank(self) -> int:
        """2 for VERIFIED, 1 for ATTESTED, 0 for UNCERTAIN: the weakest link wins."""
        return _CONFIDENCE_RANK[self]

    @property
    def label(self) -> str:
        """The label as legal-rules.md writes it ("VERIFIED")."""
        return self.name

    @staticmethod
    def weakest(*levels: Confidence) -> Confidence:
        """Return the least certain of ``levels`` (a chain is only as sure as its weakest link)."""
        return min(levels, key=_CONFIDENCE_RANK.__getitem__)


_CONFIDENCE_RANK: Final = {
    Confidence.VERIFIED: 2,
    Confidence.ATTESTED: 1,
    Confidence.UNCERTAIN: 0,
}


class Unit(StrEnum):
    """The unit a rule counts in."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WEEKS = "weeks"
    MONTHS = "months"


class Adjustment(Enum):
    """A rule that moves a nominal due date. Only the appeal deadline has any."""

    # value = (code, citation, confidence)
    HESC_R12_3A_CHRISTMAS_AUGUST = (
        "hesc_r12_3a_christmas_august",
        "HESC Rules 2008, r.12(3)(a)",
        Confidence.VERIFIED,
    )
    HESC_R12_2_NEXT_WORKING_DAY = (
        "hesc_r12_2_next_working_day",
        "HESC Rules 2008, r.12(2)",
        # We read the identical Upper Tribunal rule 12, not HESC's own text (legal-rules rule 22).
        Confidence.ATTESTED,
    )

    @property
    def code(self) -> str:
        """A stable machine name, used in JSON."""
        return self.value[0]

    @property
    def citation(self) -> str:
        """Where the adjustment comes from."""
        return self.value[1]

    @property
    def confidence(self) -> Confidence:
        """How sure we are of the adjustment."""
        return self.value[2]


# -- the record ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """One statutory timescale.

    ``amount`` may be negative for "before" rules (the meeting notice: 5 working days before the
    meeting). ``no_roll_forward_uncertain`` marks rules whose law has no roll-forward for weekends
    and holidays: the engine keeps the date ("on or before") and, when it lands on a non-working
    day, reports the deadline's confidence as UNCERTAIN because whether it moves is unconfirmed.
    """

    id: str
    key: str
    title: str
    citation: str
    confidence: Confidence
    counts_from: str
    unit: Unit
    amount: int
    source_url: str
    description: str
    adjustments: tuple[Adjustment, ...] = ()
    no_roll_forward_uncertain: bool = False


# -- sources --------------------------------------------------------------------------------------

_REGS_MEDIATION = "https://www.legislation.gov.uk/uksi/2014/1530/part/2/crossheading/mediation/made"
_REG_42 = "https://legislation.gov.uk/uksi/2014/1530/regulation/42/2014-09-01"
_REG_44 = "https://sendfamilymagic.mykajabi.com/blog/appeal-guidance"
_IPSEA_PROCESS = "https://www.ipsea.org.uk/the-mediation-process"
_HESC_R20 = "https://www.legislation.gov.uk/uksi/2008/2699/article/20/data.html"

_WEEKS_NOTE = (
    " Calendar weeks from the date of the written agreement. The Regulations have no rule moving"
    " a date that falls on a weekend or bank holiday (UNCERTAIN), so treat it as 'on or before'."
    " The parties may agree different timescales in writing (reg 42)."
)

_RULE_LIST: Final = (
    Rule(
        id="adviser_contact_deadline",
        key="adviser_contact_deadline",
        title="Contact the mediation adviser",
        citation="SEND Regulations 2014, reg 33",
        confidence=Confidence.VERIFIED,
        counts_from="decision_sent",
        unit=Unit.MONTHS,
        amount=2,
        source_url=_REGS_MEDIATION,
        description=(
            "The parent or young person must contact the mediation adviser within 2 months after"
            " the LA's decision notice was sent, saying they wish to appeal and whether they want"
            " mediation. The Regulations have no roll-forward rule for weekends or bank holidays"
            " (UNCERTAIN whether a date on such a day moves), so contact on or before that date."
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="certificate_due.mediation_declined",
        key="certificate_due",
        title="Mediation certificate (mediation declined)",
        citation="SEND Regulations 2014, reg 34(1)",
        confidence=Confidence.ATTESTED,
        counts_from="mediation_declined",
        unit=Unit.WORKING_DAYS,
        amount=3,
        source_url=_REGS_MEDIATION,
        description=(
            "When the parent or young person tells the adviser they do not want mediation, the"
            " adviser must issue a certificate within 3 working days. (The reg 34 heading is"
            " VERIFIED; the 3 working days are ATTESTED by IPSEA and IAS services.)"
        ),
    ),
    Rule(
        id="certificate_due.la_cannot_arrange",
        key="certificate_due",
        title="Mediation certificate (mediation cannot be arranged in 30 days)",
        citation="SEND Regulations 2014, Part 2 'Mediation' (regulation number uncertain)",
        confidence=Confidence.ATTESTED,
        counts_from="la_cannot_arrange",
        unit=Unit.WORKING_DAYS,
        amount=3,
        source_url=_IPSEA_PROCESS,
        description=(
            "When the LA tells the adviser that mediation cannot be held within 30 days, the"
            " adviser must issue a certificate within 3 working days of being told. The family may"
            " then appeal at once or wait for the mediation to happen."
        ),
    ),
    Rule(
        id="certificate_due.mediation_concluded",
        key="certificate_due",
        title="Mediation certificate (after mediation)",
        citation="SEND Regulations 2014, probably reg 39 (number uncertain)",
        confidence=Confidence.ATTESTED,
        counts_from="mediation_concluded",
        unit=Unit.WORKING_DAYS,
        amount=3,
        source_url=_IPSEA_PROCESS,
        description=(
            "When mediation has concluded, the mediator must issue a certificate within 3 working"
            " days, whatever the outcome."
        ),
    ),
    Rule(
        id="icb_notification_due",
        key="icb_notification_due",
        title="LA tells the health body (ICB)",
        citation="SEND Regulations 2014, probably reg 35 (number uncertain)",
        confidence=Confidence.ATTESTED,
        counts_from="mediation_requested",
        unit=Unit.WORKING_DAYS,
        amount=3,
        source_url=_IPSEA_PROCESS,
        description=(
            "If the mediation issues include health provision (or its absence), the LA must tell"
            " each relevant ICB the issues, and any health provision sought, within 3 working days"
            " of being told the family wants mediation."
        ),
    ),
    Rule(
        id="mediation_due",
        key="mediation_due",
        title="Mediation to take place",
        citation="SEND Regulations 2014, probably regs 35-36 (numbers uncertain)",
        confidence=Confidence.ATTESTED,
        counts_from="mediation_requested",
        unit=Unit.CALENDAR_DAYS,
        amount=30,
        source_url=_IPSEA_PROCESS,
        description=(
            "The LA must arrange for mediation to take place within 30 calendar days of being told"
            " the family wants it (with each ICB taking part when there are health issues too)."
            " The LA cannot refuse, or insist on a different meeting first."
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="mediation_due.health_only",
        key="mediation_due",
        title="Mediation to take place (health issues only)",
        citation="SEND Regulations 2014, probably regs 35-36 (numbers uncertain)",
        confidence=Confidence.ATTESTED,
        counts_from="icb_notified",
        unit=Unit.CALENDAR_DAYS,
        amount=30,
        source_url=_IPSEA_PROCESS,
        description=(
            "When the issues are about health only, the ICB(s) arrange mediation, within 30"
            " calendar days (not working days) of the LA's notification to the ICB."
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="meeting_notice_due",
        key="meeting_notice_due",
        title="Give the family the date and place of the mediation",
        citation="SEND Regulations 2014, probably reg 37 (number uncertain)",
        confidence=Confidence.ATTESTED,
        counts_from="meeting_date",
        unit=Unit.WORKING_DAYS,
        amount=-5,
        source_url=_IPSEA_PROCESS,
        description=(
            "The body arranging mediation must tell the parent or young person the date and place"
            " at least 5 working days before the meeting, unless they agree to a shorter notice."
        ),
    ),
    Rule(
        id="appeal_deadline",
        key="appeal_deadline",
        title="Appeal to the Tribunal",
        citation="HESC Rules 2008, r.20(1)(c)(i), with r.12",
        confidence=Confidence.VERIFIED,
        counts_from="decision_sent",
        unit=Unit.MONTHS,
        amount=2,
        source_url=_HESC_R20,
        description=(
            "The Tribunal must receive the appeal by 5pm on the later of 2 months after the"
            " decision notice was sent and 1 month from the issue of the mediation certificate."
            " If that day falls from 25 December to 1 January, or in August, the appeal is in time"
            " on the first working day after 1 January or 31 August; otherwise, if it is not a"
            " working day, on the next working day."
        ),
        adjustments=(
            Adjustment.HESC_R12_3A_CHRISTMAS_AUGUST,
            Adjustment.HESC_R12_2_NEXT_WORKING_DAY,
        ),
    ),
    Rule(
        id="appeal_deadline.certificate",
        key="appeal_deadline",
        title="Appeal to the Tribunal",
        citation="HESC Rules 2008, r.20(1)(c)(ii), with r.12",
        confidence=Confidence.VERIFIED,
        counts_from="certificate_issued",
        unit=Unit.MONTHS,
        amount=1,
        source_url=_HESC_R20,
        description=(
            "The limb of the appeal time limit that runs 1 month from the date the mediation"
            " certificate was issued; it applies when it ends later than 2 months after the"
            " decision notice. (Whether it applies to an optional certificate in a Section I-only"
            " case is UNCERTAIN.)"
        ),
        adjustments=(
            Adjustment.HESC_R12_3A_CHRISTMAS_AUGUST,
            Adjustment.HESC_R12_2_NEXT_WORKING_DAY,
        ),
    ),
    Rule(
        id="agreement_actions_due",
        key="agreement_actions_due",
        title="Carry out agreed actions that cannot be appealed",
        citation="SEND Regulations 2014, reg 42",
        confidence=Confidence.VERIFIED,
        counts_from="agreement_recorded",
        unit=Unit.WEEKS,
        amount=2,
        source_url=_REG_42,
        description=(
            "Anything agreed in writing at mediation that could not be appealed to the Tribunal"
            " (an educational psychologist visit, interim funding) must be done within 2 weeks."
            + _WEEKS_NOTE
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="agreement_la_notified_due",
        key="agreement_la_notified_due",
        title="Health body tells the LA about the agreement",
        citation="SEND Regulations 2014, reg 42",
        confidence=Confidence.VERIFIED,
        counts_from="agreement_recorded",
        unit=Unit.WEEKS,
        amount=1,
        source_url=_REG_42,
        description=(
            "When the LA is not a party to the mediation (health-only mediation), the commissioning"
            " body must tell the LA about the agreement within 1 week." + _WEEKS_NOTE
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="agreement_assess_notify_due",
        key="agreement_assess_notify_due",
        title="Agreed assessment: notify the family",
        citation="SEND Regulations 2014, reg 42 and reg 44(2)(b)",
        confidence=Confidence.ATTESTED,
        counts_from="agreement_recorded",
        unit=Unit.WEEKS,
        amount=2,
        source_url=_REG_44,
        description=(
            "If the LA agreed to assess or re-assess, it must tell the family within 2 weeks that"
            " it will do so (not 4 weeks: that was the rule before 2015)." + _WEEKS_NOTE
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="agreement_assess_decline_to_issue_due",
        key="agreement_assess_decline_to_issue_due",
        title="Agreed assessment: decision not to issue a plan",
        citation="SEND Regulations 2014, reg 42 and reg 44(2)(b)",
        confidence=Confidence.ATTESTED,
        counts_from="agreement_recorded",
        unit=Unit.WEEKS,
        amount=10,
        source_url=_REG_44,
        description=(
            "If the LA agreed to assess or re-assess and then decides not to issue a plan, it must"
            " tell the family, with reasons, within 10 weeks." + _WEEKS_NOTE
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="agreement_assess_final_plan_due",
        key="agreement_assess_final_plan_due",
        title="Agreed assessment: final plan",
        citation="SEND Regulations 2014, reg 42 and reg 44(2)(b)",
        confidence=Confidence.ATTESTED,
        counts_from="agreement_recorded",
        unit=Unit.WEEKS,
        amount=14,
        source_url=_REG_44,
        description=(
            "If the LA agreed to assess or re-assess and decides to issue a plan, the final plan"
            " must be issued within 14 weeks." + _WEEKS_NOTE
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="agreement_plan_draft_due",
        key="agreement_plan_draft_due",
        title="Agreed plan: draft",
        citation="SEND Regulations 2014, reg 42 and reg 44(2)(c)",
        confidence=Confidence.ATTESTED,
        counts_from="agreement_recorded",
        unit=Unit.WEEKS,
        amount=5,
        source_url=_REG_44,
        description=(
            "If the LA agreed to make and maintain a plan, the draft plan is due within 5 weeks."
            + _WEEKS_NOTE
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="agreement_plan_final_due",
        key="agreement_plan_final_due",
        title="Agreed plan: final plan",
        citation="SEND Regulations 2014, reg 42 and reg 44(2)(c)",
        confidence=Confidence.ATTESTED,
        counts_from="agreement_recorded",
        unit=Unit.WEEKS,
        amount=11,
        source_url=_REG_44,
        description=(
            "If the LA agreed to make and maintain a plan, the final plan is due within 11 weeks."
            + _WEEKS_NOTE
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="agreement_amend_due",
        key="agreement_amend_due",
        title="Agreed amendment to Sections B or F",
        citation="SEND Regulations 2014, reg 42 and reg 44(2)(e) (paragraph letter uncertain)",
        confidence=Confidence.ATTESTED,
        counts_from="agreement_recorded",
        unit=Unit.WEEKS,
        amount=5,
        source_url=_REG_44,
        description=(
            "If the LA agreed to amend the special educational needs or provision in the plan"
            " (Sections B or F), the amended plan is due within 5 weeks." + _WEEKS_NOTE
        ),
        no_roll_forward_uncertain=True,
    ),
    Rule(
        id="agreement_placement_due",
        key="agreement_placement_due",
        title="Agreed school or type of school (Section I)",
        citation="SEND Regulations 2014, reg 42 and reg 44(2)(f) (paragraph letter uncertain)",
        confidence=Confidence.ATTESTED,
        counts_from="agreement_recorded",
        unit=Unit.WEEKS,
        amount=2,
        source_url=_REG_44,
        description=(
            "If the LA agreed to name a school or other institution, or a type, in Section I, the"
            " amended plan is due within 2 weeks." + _WEEKS_NOTE
        ),
        no_roll_forward_uncertain=True,
    ),
)

# Kinds accepted by ``agreement_item_due`` and the rule each one uses.
AGREEMENT_KIND_RULES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "assess_notify": "agreement_assess_notify_due",
        "assess_decline_to_issue": "agreement_assess_decline_to_issue_due",
        "assess_final_plan": "agreement_assess_final_plan_due",
        "plan_draft": "agreement_plan_draft_due",
        "plan_final": "agreement_plan_final_due",
        "amend": "agreement_amend_due",
        "placement": "agreement_placement_due",
        "other": "agreement_actions_due",
        "la_notified": "agreement_la_notified_due",
    }
)


def _build_registry(rules: tuple[Rule, ...]) -> dict[str, Rule]:
    # Checked once, at import, so the engine's hot path can trust the registry.
    registry: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in registry:
            raise ValueError(f"duplicate rule id {rule.id!r}")
        if rule.key not in DEADLINE_KEYS:
            raise ValueError(f"rule {rule.id!r} has unknown deadline key {rule.key!r}")
        if rule.counts_from not in EVENT_KEYS:
            raise ValueError(f"rule {rule.id!r} counts from unknown event {rule.counts_from!r}")
        if rule.id != rule.key and not rule.id.startswith(rule.key + "."):
            raise ValueError(f"rule id {rule.id!r} must be its key or start with 'key.'")
        if rule.adjustments and rule.key != "appeal_deadline":
            raise ValueError(f"only the appeal deadline takes HESC adjustments, not {rule.id!r}")
        registry[rule.id] = rule
    missing = set(DEADLINE_KEYS) - {r.key for r in rules}
    if missing:
        raise ValueError(f"deadline keys without a rule: {sorted(missing)}")
    for kind, rule_id in AGREEMENT_KIND_RULES.items():
        if rule_id not in registry:
            raise ValueError(f"agreement kind {kind!r} points at unknown rule {rule_id!r}")
    return registry


RULES: Final[Mapping[str, Rule]] = MappingProxyType(_build_registry(_RULE_LIST))
RULES_BY_KEY: Final[Mapping[str, tuple[Rule, ...]]] = MappingProxyType(
    {key: tuple(r for r in _RULE_LIST if r.key == key) for key in DEADLINE_KEYS}
)
