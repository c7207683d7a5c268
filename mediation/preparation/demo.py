"""Synthetic demo data for preparation: a demo case being arranged gets the demo school as a party,
the family's permission to share, a first contact, the family's summary and the child's views.

Called by the demo loader (never in production: the loader refuses unless DEMO_DATA_ALLOWED).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from mediation.accounts import selectors as account_selectors
from mediation.cases import parties
from mediation.cases import selectors as case_selectors
from mediation.directory import selectors as directory_selectors
from mediation.preparation import selectors, services

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case, Party
    from mediation.directory.models import Organisation

# The invented family of the demo case that wants mediation (see mediation.demo.cases).
DEMO_CHILD = ("Oscar", "Novak", dt.date(2013, 6, 1))
DEMO_SCHOOL_CODE = "DEMO-SCH-1"

CHILD_VIEWS = {
    "what_i_like": "Drawing, football and my dog",
    "what_is_hard": "When everyone talks at once",
    "what_helps_me": "A quiet corner and pictures of what happens next",
    "what_i_would_like_to_happen": "More help with talking",
}


def _case() -> Case | None:
    first, last, born = DEMO_CHILD
    return (
        case_selectors.cases_for_child(first_name=first, last_name=last, date_of_birth=born)
        .filter(mediation_requested_on__isnull=False, closed_at__isnull=True)
        .first()
    )


def _parties_ensure(case: Case, school: Organisation, coordinator: Actor) -> list[str]:
    """The demo school joins the case, and the family lets every organisation see its case."""
    added: list[str] = []
    family = parties.family_party_ensure(case=case)
    if not case.parties.filter(organisation=school).exists():
        parties.party_add(case=case, kind="school", organisation=school, actor=coordinator)
        added.append(f"{school.name} as a party")
    for party in case.parties.exclude(pk=family.pk):
        if party.share_consent is None:
            parties.share_consent_record(
                party=party,
                given=True,
                given_by=case.applicant_name,
                method="phone",
                actor=coordinator,
            )
            added.append(f"permission to share with {party.name}")
    return added


def _intro_contact_ensure(case: Case, family: Party, mediator: Actor) -> list[str]:
    if selectors.intro_contacts_for_case(case=case).exists():
        return []
    services.intro_contact_record(
        case=case,
        party=family,
        contacted_on=timezone.localdate(),
        method="phone",
        made_by=mediator,
        spoke_to=case.applicant_name,
        notes="Explained how the meeting works and how to write a case summary.",
        actor=mediator,
    )
    return ["an introductory contact with the family"]


def _summaries_ensure(case: Case, family: Party, coordinator: Actor) -> list[str]:
    if selectors.summaries_for_case(case=case).exists():
        return []
    services.summary_submit(
        case=case,
        party=family,
        visibility="shared",
        submitted_by_name=case.applicant_name,
        text=(
            f"{case.child_first_name} finds the classroom noisy and struggles with speech. "
            "We would like speech and language therapy written into section F, with the hours "
            "each week, and for the school to be part of the meeting."
        ),
        actor=coordinator,
    )
    services.summary_submit(
        case=case,
        party=family,
        visibility="mediator_only",
        submitted_by_name=case.applicant_name,
        text="We could accept therapy in a small group if it is weekly.",
        actor=coordinator,
    )
    return ["the family's case summaries"]


def _child_views_ensure(case: Case, mediator: Actor) -> list[str]:
    if selectors.child_views_for_case(case=case) is not None:
        return []
    services.child_views_record(
        case=case,
        completed_by="child_with_help",
        completed_by_name=case.applicant_name,
        completed_on=timezone.localdate(),
        visibility="shared",
        answers=CHILD_VIEWS,
        actor=mediator,
    )
    return ["the child's views"]


def demo_preparation_load() -> list[str]:
    """Prepare the demo mediation case (idempotent). Returns what was added."""
    case = _case()
    mediator = account_selectors.user_by_email(email="mediator@demo.example")
    coordinator = account_selectors.user_by_email(email="coordinator@demo.example")
    school = directory_selectors.organisation_by_code(kind="school", code=DEMO_SCHOOL_CODE)
    if case is None or mediator is None or coordinator is None or school is None:
        return []
    added = _parties_ensure(case, school, coordinator)
    family = parties.family_party_ensure(case=case)
    added += _intro_contact_ensure(case, family, mediator)
    added += _summaries_ensure(case, family, coordinator)
    added += _child_views_ensure(case, mediator)
    return added
