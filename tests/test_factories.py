"""The state factories make a case at the stage they name, through the real services."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from mediation.accounts.models import User
from mediation.agreements.selectors import agreement_for_case
from mediation.cases.choices import Stage
from mediation.certificates.selectors import certificates_for_case
from mediation.directory.models import Organisation
from mediation.meetings.selectors import current_meeting
from tests.factories import cases
from tests.factories.cases import (
    AgreementDraftCaseFactory,
    AgreementFinalCaseFactory,
    CallBookedCaseFactory,
    CaseFactory,
    CertificateDueCaseFactory,
    CertificateIssuedCaseFactory,
    ClosedCaseFactory,
    DisagreementResolutionCaseFactory,
    MediationRequestedCaseFactory,
    MeetingArrangedCaseFactory,
    MeetingHeldCaseFactory,
    RoutedCaseFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "stage"),
    [
        (CaseFactory, Stage.NEW),
        (RoutedCaseFactory, Stage.MIAS_TO_BOOK),
        (CallBookedCaseFactory, Stage.MIAS_BOOKED),
        (CertificateDueCaseFactory, Stage.CERTIFICATE_DUE),
        (MediationRequestedCaseFactory, Stage.ARRANGING_MEDIATION),
        (MeetingArrangedCaseFactory, Stage.MEETING_ARRANGED),
        (MeetingHeldCaseFactory, Stage.AFTER_MEETING),
        (AgreementDraftCaseFactory, Stage.AFTER_MEETING),
        (AgreementFinalCaseFactory, Stage.AFTER_MEETING),
        (CertificateIssuedCaseFactory, Stage.AFTER_MEETING),
        (ClosedCaseFactory, Stage.CLOSED),
        (DisagreementResolutionCaseFactory, Stage.ARRANGING_DR),
    ],
)
def test_each_factory_makes_a_case_at_its_stage(
    factory: type[CaseFactory], stage: str, served_la: Organisation
) -> None:
    case = factory.create(local_authority=served_la)
    case.refresh_from_db()
    assert case.stage == stage
    assert case.reference.startswith("LDN-")


def test_a_case_can_be_made_without_naming_a_local_authority() -> None:
    case = MediationRequestedCaseFactory.create()
    assert case.stage == Stage.ARRANGING_MEDIATION
    assert case.parties.filter(kind="local_authority").exists()


def test_an_la_with_an_address_is_told_by_email(served_la_with_email: Organisation) -> None:
    case = MediationRequestedCaseFactory.create(local_authority=served_la_with_email)
    assert case.events.filter(kind="la_told", description__startswith="Email sent").exists()
    assert case.mediation_requested_on == timezone.localdate()


def test_an_la_without_an_address_is_told_by_phone(served_la: Organisation) -> None:
    case = MediationRequestedCaseFactory.create(
        local_authority=served_la, told_on=dt.date(2026, 10, 5)
    )
    assert case.events.filter(kind="la_not_emailed").exists()
    assert case.mediation_requested_on == dt.date(2026, 10, 5)


def test_health_brings_in_the_icb(served_la: Organisation) -> None:
    case = MediationRequestedCaseFactory.create(local_authority=served_la, health=True)
    assert case.health_issues
    assert case.icb is not None
    assert case.parties.filter(kind="icb", organisation=case.icb).exists()


def test_with_people_adds_the_people_taking_part(served_la: Organisation) -> None:
    case = MediationRequestedCaseFactory.create(local_authority=served_la, with_people=True)
    names = set(case.participants.values_list("name", flat=True))
    assert {p.name for p in cases.PEOPLE_TAKING_PART} <= names
    assert case.parties.filter(kind="school").exists()


def test_a_meeting_held_was_a_week_ago_and_concluded_the_mediation(
    served_la: Organisation,
) -> None:
    case = MeetingHeldCaseFactory.create(local_authority=served_la)
    meeting = current_meeting(case=case)
    assert meeting is not None
    assert meeting.status == "held"
    assert case.meeting_on == timezone.localdate() - dt.timedelta(days=7)
    assert case.mediation_concluded_on == case.meeting_on


def test_the_final_agreement_was_sent_and_the_certificate_issued(
    served_la: Organisation,
) -> None:
    case = CertificateIssuedCaseFactory.create(local_authority=served_la)
    agreement = agreement_for_case(case=case)
    assert agreement is not None
    assert agreement.is_final
    assert agreement.items.count() == len(cases.ITEMS_AGREED)
    [certificate] = certificates_for_case(case=case)
    assert certificate.kind == "after_mediation"


def test_staff_given_to_a_factory_are_the_ones_who_act(
    served_la: Organisation, staff: Callable[..., User]
) -> None:
    coordinator = staff("coordinator")
    case = RoutedCaseFactory.create(local_authority=served_la, router=coordinator)
    assert case.route_confirmed_by == coordinator
