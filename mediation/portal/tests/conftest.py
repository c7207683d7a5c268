"""The partner side reuses the preparation fixtures: a case with its parties and partner users."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from mediation.agreements.models import Agreement
from mediation.cases.models import Party
from mediation.meetings.models import Meeting
from mediation.preparation.tests.conftest import (  # noqa: F401 - fixtures used by these tests
    MediationCase,
    _fresh_file_storage,
    mediation_case,
    other_case,
    school_org,
    share_with,
    submit,
)
from tests.factories import cases


@pytest.fixture
def arranging(mediation_case: MediationCase) -> MediationCase:  # noqa: F811
    """The family asked for mediation 10 days ago: the case is being arranged."""
    m = mediation_case
    ten_days_ago = timezone.localdate() - dt.timedelta(days=10)
    cases.confirm_route(m.case, actor=m.coordinator)
    cases.request_mediation(
        m.case, adviser=m.coordinator, decided_on=ten_days_ago, told_on=ten_days_ago
    )
    return m.refresh()


@pytest.fixture
def arrange_meeting(arranging: MediationCase) -> Callable[[], Meeting]:
    """Arrange a video meeting 14 days ahead, at 10am, through the real service."""
    return lambda: cases.arrange_meeting(arranging.case, actor=arranging.coordinator)


@pytest.fixture
def final_agreement(arranging: MediationCase, share_with: Callable[..., Party]) -> Agreement:  # noqa: F811
    """A partial agreement made yesterday: Islington amends the plan (reg 44, 5 weeks) and the
    school arranges a visit (reg 42, 2 weeks); the family shares with both; finalised and sent."""
    m = arranging
    share_with(m.la)
    share_with(m.school)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    told_on = m.case.mediation_requested_on
    assert told_on is not None
    cases.meeting_held_on(m.case, day=yesterday, arranged_on=told_on, actor=m.mediator)
    agreement = cases.draft_agreement(m.case, concluded_on=yesterday, actor=m.mediator)
    agreement = cases.finalise_agreement(agreement, actor=m.mediator)
    m.refresh()
    return agreement
