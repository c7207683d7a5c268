"""SEND mediation rules for England: the statutory clock, who holds the rights, certificates.

Pure Python (standard library, ``holidays`` and ``dateutil`` only); no Django import anywhere in
this package, so it can be tested, benchmarked and reused on its own. Sources and confidence
labels come from shared/docs/legal-rules.md. ``mediation.rules.reference`` is a slow test oracle
and is deliberately not re-exported here.

Main entry points:

* ``compute_deadlines(CaseFacts(events, flags), today)``: every deadline of a case;
* ``agreement_item_due(date, kind)``: one deadline of a written mediation agreement;
* ``check_certificate(matters, plan_status)``: does an appeal need a mediation certificate?
* ``MATTERS`` and ``MATTERS_NEEDING_A_PLAN``: what a family can disagree with, and which of those
  only exist once there is an EHC plan (the one list: the apps' choices are held to it);
* ``rights_holder(dob, on)`` and friends: parent or young person;
* ``statutory_calendar()`` / ``service_calendar(closures)``: working days in England.
"""

from mediation.rules.age import (
    compulsory_school_age_end,
    is_young_person,
    rights_change_date,
    rights_holder,
    school_leaving_date,
)
from mediation.rules.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    WorkingCalendar,
    add_days,
    add_months,
    add_weeks,
    service_calendar,
    statutory_calendar,
)
from mediation.rules.certificate import CertificateAdvice, check_certificate
from mediation.rules.engine import (
    AGREEMENT_KINDS,
    Deadline,
    DeadlineList,
    DeadlineStatus,
    agreement_item_due,
    appeal_deadline,
    compute_deadlines,
    deadline_status,
)
from mediation.rules.errors import InputProblem, OutOfRangeError, RulesInputError
from mediation.rules.facts import CaseFacts, validate_events
from mediation.rules.matters import (
    MATTER_DESCRIPTIONS,
    MATTERS,
    MATTERS_NEEDING_A_PLAN,
    PLAN_STATUSES,
    plan_conflicts,
)
from mediation.rules.timescales import (
    DEADLINE_KEYS,
    EVENT_KEYS,
    FLAG_KEYS,
    RULES,
    RULES_BY_KEY,
    Adjustment,
    Confidence,
    Rule,
    Unit,
)

__all__ = [
    "AGREEMENT_KINDS",
    "DEADLINE_KEYS",
    "EVENT_KEYS",
    "FIRST_YEAR",
    "FLAG_KEYS",
    "LAST_YEAR",
    "MATTERS",
    "MATTERS_NEEDING_A_PLAN",
    "MATTER_DESCRIPTIONS",
    "PLAN_STATUSES",
    "RULES",
    "RULES_BY_KEY",
    "Adjustment",
    "CaseFacts",
    "CertificateAdvice",
    "Confidence",
    "Deadline",
    "DeadlineList",
    "DeadlineStatus",
    "InputProblem",
    "OutOfRangeError",
    "Rule",
    "RulesInputError",
    "Unit",
    "WorkingCalendar",
    "add_days",
    "add_months",
    "add_weeks",
    "agreement_item_due",
    "appeal_deadline",
    "check_certificate",
    "compulsory_school_age_end",
    "compute_deadlines",
    "deadline_status",
    "is_young_person",
    "plan_conflicts",
    "rights_change_date",
    "rights_holder",
    "school_leaving_date",
    "service_calendar",
    "statutory_calendar",
    "validate_events",
]
