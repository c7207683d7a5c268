"""Cases made through the real service (so references, routes and timelines are as in life)."""

import datetime as dt
from typing import Any

from mediation.cases.services import MatterInput, ReferralInput, case_create


def referral(local_authority: Any, **overrides: Any) -> ReferralInput:
    values: dict[str, Any] = {
        "channel": "online",
        "applicant_role": "parent_carer",
        "applicant_name": "Alex Morgan",
        "applicant_relationship": "Mother",
        "applicant_email": "alex.morgan@family.example",
        "applicant_phone": "07700 900123",
        "child_first_name": "Sam",
        "child_last_name": "Morgan",
        "child_date_of_birth": dt.date(2015, 3, 14),
        "local_authority_id": local_authority.pk,
        "ehc_status": "none",
        "decision_date": dt.date(2026, 10, 1),
        "decision_summary": "The council refused to assess Sam's needs.",
        "wants": "certificate",
        "matters": [MatterInput(decision="refusal_to_assess")],
    }
    values.update(overrides)
    return ReferralInput(**values)


def make_case(local_authority: Any, *, actor: Any = None, **overrides: Any) -> Any:
    return case_create(referral=referral(local_authority, **overrides), actor=actor)
