"""Synthetic demo cases at every stage, so a newcomer sees a living service.

Dates are relative to the day the demo is loaded. Every family here is invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from mediation.accounts import selectors as account_selectors
from mediation.advice import services as advice_services
from mediation.cases import parties
from mediation.cases import selectors as case_selectors
from mediation.cases import services as case_services
from mediation.cases.services import MatterInput, ReferralInput
from mediation.directory import selectors as directory_selectors
from mediation.meetings.services import MeetingPlan, meeting_arrange
from mediation.panel.services import mediator_allocate
from mediation.rules import statutory_calendar

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case


@dataclass(frozen=True)
class DemoCase:
    first: str
    last: str
    born: dt.date
    la_code: str
    build: Callable[[DemoContext, Case], None]
    referral: dict[str, Any]  # ReferralInput's fields, less the ones worked out on load


@dataclass(frozen=True)
class DemoContext:
    coordinator: Actor
    adviser: Actor
    today: dt.date

    def working_days_ago(self, n: int) -> dt.date:
        return statutory_calendar().add_working_days(self.today, -n)

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _route(ctx: DemoContext, case: Case) -> None:
    case_services.case_confirm_route(
        case=case, route=case.proposed_route, reason="", actor=ctx.coordinator
    )


def _new(ctx: DemoContext, case: Case) -> None:
    """Left as it arrived: a new referral for the coordinator to route."""


def _booked(ctx: DemoContext, case: Case) -> None:
    _route(ctx, case)
    tomorrow = statutory_calendar().add_working_days(ctx.today, 1)
    advice_services.call_book(
        case=case,
        scheduled_for=ctx.at(tomorrow, 11),
        adviser=ctx.adviser,
        method="phone",
        phone_number=case.applicant_phone,
        notes="Prefers late morning.",
        actor=ctx.coordinator,
    )


def _declined(days_ago: int) -> Callable[[DemoContext, Case], None]:
    def build(ctx: DemoContext, case: Case) -> None:
        _route(ctx, case)
        decided = ctx.working_days_ago(days_ago)
        call = advice_services.call_book(
            case=case,
            scheduled_for=timezone.now() + dt.timedelta(minutes=5),
            adviser=ctx.adviser,
            method="phone",
            phone_number=case.applicant_phone,
            actor=ctx.coordinator,
        )
        advice_services.call_record(
            call=call,
            given=True,
            given_at=ctx.at(decided),
            duration_minutes=20,
            notes="Explained mediation and the appeal deadline.",
            actor=ctx.adviser,
        )
        advice_services.decision_record(
            case=case,
            outcome="declines",
            decided_on=decided,
            call=call,
            actor=ctx.adviser,
            notes="The family wants to appeal straight away.",
        )

    return build


def _wants_mediation(ctx: DemoContext, case: Case) -> None:
    _route(ctx, case)
    advice_services.decision_record(
        case=case,
        outcome="wants_mediation",
        decided_on=ctx.today,
        actor=ctx.adviser,
        # Health is part of the disagreement only in some cases: only then is the ICB told.
        icb=directory_selectors.organisation_by_code(kind="icb", code="S1Y5D")
        if case.health_issues
        else None,
        notes="Would like the meeting at the school if possible.",
    )


def _meeting_arranged(ctx: DemoContext, case: Case) -> None:
    """Mediation with the LA: mediator allocated, LA officer confirmed, video meeting booked."""
    _wants_mediation(ctx, case)
    case.refresh_from_db()
    mediator = account_selectors.user_by_email(email="mediator2@demo.example")
    la_officer = account_selectors.user_by_email(email="la.officer@demo.example")
    if mediator is None or la_officer is None:
        raise LookupError("Load the demo users first")
    mediator_allocate(case=case, mediator=mediator, actor=ctx.coordinator)
    la = case.parties.get(kind="local_authority")
    parties.share_consent_record(
        party=la, given=True, given_by=case.applicant_name, method="phone", actor=ctx.coordinator
    )
    officer = parties.participant_add(
        case=case,
        party=la,
        name=la_officer.full_name,
        role="decision_maker",
        job_title=la_officer.job_title,
        email=la_officer.email,
        is_decision_maker=True,
        user=la_officer,
        actor=ctx.coordinator,
    )
    parties.decision_maker_confirm(participant=officer, actor=ctx.coordinator)
    start_day = statutory_calendar().add_working_days(ctx.today, 8)
    meeting_arrange(
        case=case,
        plan=MeetingPlan(
            format="video",
            starts_at=ctx.at(start_day, 10),
            video_link="https://video.demo.example/mediation/ruby",
            arrangements="Polish interpreter joining for the whole meeting.",
        ),
        actor=ctx.coordinator,
    )


DEMO_CASES = [
    DemoCase(
        "Ellie",
        "Carter",
        dt.date(2016, 5, 4),
        "E09000019",
        _new,
        {
            "applicant_name": "Jo Carter",
            "applicant_relationship": "Mother",
            "applicant_email": "jo.carter@family.demo.example",
            "applicant_phone": "07700 900001",
            "matters": [MatterInput(decision="refusal_to_assess")],
            "ehc_status": "none",
            "wants": "certificate",
            "decision_days_ago": 12,
            "decision_summary": "The council says Ellie's needs can be met by her school.",
        },
    ),
    DemoCase(
        "Noah",
        "Begum",
        dt.date(2012, 11, 20),
        "E09000012",
        _new,
        {
            "applicant_name": "Ruksana Begum",
            "applicant_relationship": "Mother",
            "applicant_phone": "07700 900002",
            "contact_method": "phone",
            "contact_times": "Weekday mornings",
            "interpreter_language": "Bengali",
            "matters": [MatterInput(decision="plan_content", sections=["B", "F"])],
            "ehc_status": "plan",
            "wants": "mediation",
            "decision_days_ago": 20,
            "is_third_party": True,
            "referrer_name": "Dee Walsh",
            "referrer_organisation": "Hackney SENDIASS (demo)",
            "referrer_role": "Adviser",
            "referrer_email": "dee.walsh@iass.demo.example",
            "family_consent_confirmed": False,
            "channel": "phone",
        },
    ),
    DemoCase(
        "Maya",
        "Okonkwo",
        dt.date(2014, 2, 9),
        "E09000007",
        _booked,
        {
            "applicant_name": "Chidi Okonkwo",
            "applicant_relationship": "Father",
            "applicant_email": "chidi.okonkwo@family.demo.example",
            "applicant_phone": "07700 900003",
            "matters": [MatterInput(decision="refusal_to_issue_plan")],
            "ehc_status": "assessment",
            "wants": "not_sure",
            "decision_days_ago": 25,
            "needs_easy_read": True,
        },
    ),
    DemoCase(
        "Leo",
        "Fischer",
        dt.date(2011, 8, 30),
        "E09000019",
        _declined(1),
        {
            "applicant_name": "Anna Fischer",
            "applicant_relationship": "Mother",
            "applicant_email": "anna.fischer@family.demo.example",
            "applicant_phone": "07700 900004",
            "matters": [MatterInput(decision="refusal_to_amend", sections=["F"])],
            "ehc_status": "plan",
            "wants": "certificate",
            "decision_days_ago": 30,
        },
    ),
    DemoCase(
        "Amelia",
        "Hughes",
        dt.date(2009, 1, 15),
        "E10000016",
        _declined(5),
        {
            "applicant_name": "Amelia Hughes",
            "applicant_role": "young_person",
            "applicant_email": "amelia.hughes@family.demo.example",
            "applicant_phone": "07700 900005",
            "matters": [MatterInput(decision="cease_to_maintain")],
            "ehc_status": "plan",
            "wants": "certificate",
            "decision_days_ago": 40,
        },
    ),
    DemoCase(
        "Oscar",
        "Novak",
        dt.date(2013, 6, 1),
        "E10000015",
        _wants_mediation,
        {
            "applicant_name": "Petra Novak",
            "applicant_relationship": "Mother",
            "applicant_email": "petra.novak@family.demo.example",
            "applicant_phone": "07700 900006",
            "matters": [
                MatterInput(decision="plan_content", sections=["B", "F", "G"], involves_health=True)
            ],
            "ehc_status": "plan",
            "wants": "mediation",
            "decision_days_ago": 15,
            "child_setting": "Northbrook Primary School (demo)",
        },
    ),
    DemoCase(
        "Ruby",
        "Adams",
        dt.date(2015, 9, 12),
        "E09000019",
        _meeting_arranged,
        {
            "applicant_name": "Marta Adams",
            "applicant_relationship": "Mother",
            "applicant_email": "marta.adams@family.demo.example",
            "applicant_phone": "07700 900007",
            "interpreter_language": "Polish",
            "matters": [MatterInput(decision="refusal_to_assess")],
            "ehc_status": "none",
            "wants": "mediation",
            "decision_days_ago": 18,
        },
    ),
]


def demo_cases_load() -> list[str]:
    """Create the demo cases that do not exist yet; return their references."""
    coordinator = account_selectors.user_by_email(email="coordinator@demo.example")
    adviser = account_selectors.user_by_email(email="adviser@demo.example")
    if coordinator is None or adviser is None:
        raise LookupError("Load the demo users first")
    ctx = DemoContext(coordinator=coordinator, adviser=adviser, today=timezone.localdate())
    created = []
    for demo in DEMO_CASES:
        la = directory_selectors.organisation_by_code(kind="local_authority", code=demo.la_code)
        if la is None:
            raise LookupError(f"Local authority {demo.la_code} is missing")
        if case_selectors.cases_for_child(
            first_name=demo.first, last_name=demo.last, date_of_birth=demo.born
        ).exists():
            continue
        values = dict(demo.referral)
        decision_days_ago = values.pop("decision_days_ago")
        values.setdefault("channel", "online")
        values.setdefault("applicant_role", "parent_carer")
        decision_date = ctx.today - dt.timedelta(days=decision_days_ago)
        received = ctx.at(decision_date + dt.timedelta(days=min(5, decision_days_ago)), 9)
        case = case_services.case_create(
            referral=ReferralInput(
                child_first_name=demo.first,
                child_last_name=demo.last,
                child_date_of_birth=demo.born,
                local_authority_id=la.pk,
                decision_date=decision_date,
                received_at=received,
                **values,
            ),
            actor_label="Demo data",
        )
        demo.build(ctx, case)
        created.append(case.reference)
    return created
