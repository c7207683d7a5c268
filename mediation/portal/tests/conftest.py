"""The partner side reuses the preparation fixtures: a case with its parties and partner users."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from mediation.preparation.tests.conftest import (  # noqa: F401 - fixtures used by these tests
    MediationCase,
    _fresh_file_storage,
    coordinator,
    mediation_case,
    mediator,
    other_case,
    school_org,
    share_with,
    submit,
)


@pytest.fixture
def arranging(mediation_case: MediationCase) -> MediationCase:  # noqa: F811
    """The family asked for mediation 10 days ago: the case is being arranged."""
    from mediation.cases import services as case_services

    m = mediation_case
    case_services.case_record_clock_event(
        case=m.case,
        event="mediation_requested",
        on=timezone.localdate() - dt.timedelta(days=10),
    )
    case_services.case_set_stage(case=m.case, stage="arranging_mediation")
    return m.refresh()


@pytest.fixture
def arrange_meeting(arranging: MediationCase) -> Callable[..., Any]:
    """Arrange a video meeting 14 days ahead, at 10am, through the real service."""
    from mediation.meetings.services import MeetingPlan, meeting_arrange

    def arrange() -> Any:
        day = timezone.localdate() + dt.timedelta(days=14)
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        return meeting_arrange(
            case=arranging.case,
            plan=MeetingPlan(
                format="video",
                starts_at=starts,
                video_link="https://meet.example/abc-123",
                notice_given_on=timezone.localdate(),
            ),
            actor=arranging.coordinator,
        )

    return arrange


@pytest.fixture
def final_agreement(arranging: MediationCase, share_with: Callable[..., Any]) -> Any:  # noqa: F811
    """A partial agreement made yesterday: Islington amends the plan (reg 44, 5 weeks) and the
    school arranges a visit (reg 42, 2 weeks); the family shares with both; finalised and sent."""
    from mediation.agreements import services

    m = arranging
    share_with(m.la)
    share_with(m.school)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    services.outcome_record(
        case=m.case,
        outcome="partial_agreement",
        concluded_on=yesterday,
        notes="",
        actor=m.mediator,
    )
    agreement = services.agreement_start(case=m.case, actor=m.mediator)
    services.agreement_item_add(
        agreement=agreement,
        data=services.ItemInput(
            matter=None,
            decided="Speech and language therapy will be set out in section F.",
            action="Issue an amended EHC plan",
            responsible=m.la,
            kind="amend",
            how_checked="The SEN team emails the family the amended plan",
        ),
        actor=m.mediator,
    )
    services.agreement_item_add(
        agreement=agreement,
        data=services.ItemInput(
            matter=None,
            decided="An educational psychologist will observe Sam in class.",
            action="Arrange an educational psychologist visit",
            responsible=m.school,
            kind="other",
            how_checked="The school tells the family the date",
        ),
        actor=m.mediator,
    )
    services.agreement_dispute_update(
        agreement=agreement, matters_in_dispute="The school named in section I.", actor=m.mediator
    )
    agreement.refresh_from_db()
    agreement = services.agreement_finalise(agreement=agreement, actor=m.mediator)
    m.refresh()
    return agreement
