"""The case page and the family page: what each app shows about a case, gathered in one place.

This app sits above the apps whose panels it shows (advice, meetings, agreements...), so that
none of them, and not `mediation.cases`, has to import the others (ADR 0005).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from mediation import policy
from mediation.advice import selectors as advice_selectors
from mediation.agreements import selectors as agreement_selectors
from mediation.cases import clock, lifecycle, selectors, services
from mediation.certificates import selectors as certificate_selectors
from mediation.meetings import presenters as meeting_presenters
from mediation.meetings import selectors as meeting_selectors
from mediation.panel import selectors as panel_selectors
from mediation.preparation import selectors as preparation_selectors
from mediation.rules import RulesInputError, rights_change_date, rights_holder

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case

# The family's own dates (the service's deadlines are for staff).
FAMILY_DEADLINES = ("appeal_deadline", "adviser_contact_deadline")


@dataclass(frozen=True)
class YoungPersonNotice:
    """Who holds the rights, and whether that changes while the case is open."""

    holder: str
    change: dt.date | None
    past: bool
    applicant_mismatch: bool


def young_person_notice(case: Case, today: dt.date) -> YoungPersonNotice | None:
    dob = case.child_date_of_birth
    try:
        holder = rights_holder(dob, today)
        start = timezone.localtime(case.received_at).date()
        # Cases can run for months: flag a change from the referral to a year ahead.
        change = rights_change_date(dob, min(start, today), today + dt.timedelta(days=365))
    except RulesInputError:
        return None
    return YoungPersonNotice(
        holder=holder,
        change=change,
        past=change is not None and change <= today,
        applicant_mismatch=holder == "young_person" and case.applicant_role == "parent_carer",
    )


def case_page(*, case: Case, viewer: Actor, today: dt.date) -> dict[str, object]:
    """Everything the staff case page shows, each app's part from its own selectors."""
    case_clock = clock.case_clock(case, today=today)
    may_read_safeguarding = policy.can(viewer, "case.safeguarding.read", case)
    return {
        "title": f"{case.reference}: {case.child_name}",
        "case": case,
        "clock": case_clock,
        "deadlines": list(case_clock.deadlines),
        "young_person": young_person_notice(case, today),
        "consents": selectors.latest_consents(case=case),
        "timeline": selectors.case_timeline(case=case, include_restricted=may_read_safeguarding),
        "may_read_safeguarding": may_read_safeguarding,
        "calls": advice_selectors.calls_for_case(case=case),
        "mediator": panel_selectors.case_mediator_summary(case=case),
        "agreement_overview": agreement_selectors.case_agreement_overview(case=case),
        "current_meeting": meeting_selectors.current_meeting(case=case),
        "meeting_panel": meeting_presenters.case_meeting_panel(case=case),
        "preparation": preparation_selectors.preparation_overview(case=case),
        "certificates": certificate_selectors.certificates_for_case(case=case),
        "today": today,
        "next_step": lifecycle.next_step(case),
    }


def family_page(*, case: Case, token: str, today: dt.date) -> dict[str, object]:
    """What the family's private page shows: their dates, certificates and agreement."""
    deadlines = clock.case_clock(case, today=today).deadlines
    agreement = agreement_selectors.agreement_for_case(case=case)
    return {
        "title": f"Your case {case.reference}",
        "case": case,
        "token": token,
        "family_deadlines": [d for d in deadlines if d.key in FAMILY_DEADLINES],
        "certificates": [
            c
            for c in certificate_selectors.certificates_for_case(case=case)
            if c.status == "issued"
        ],
        "agreement": agreement,
        "items": list(agreement_selectors.agreement_items(agreement=agreement))
        if agreement
        else [],
        "signposts": services.signposts(case=case),
        "today": today,
    }
