"""Booking and recording the information call, and the family's decision."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from mediation.advice import services
from mediation.advice.models import CallStatus
from mediation.cases import services as case_services
from mediation.cases.choices import Stage
from mediation.cases.services import MatterInput
from mediation.core.errors import ApplicationError, ConflictError

pytestmark = pytest.mark.django_db


def _book(case: Any, adviser: Any, **kwargs: Any) -> Any:
    values = {
        "case": case,
        "scheduled_for": timezone.now() + dt.timedelta(days=1),
        "adviser": adviser,
        "method": "phone",
        "phone_number": "07700 900123",
        "actor": adviser,
    }
    values.update(kwargs)
    return services.call_book(**values)


def test_booking_the_call_tells_the_family(
    routed_case: Any, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    adviser = staff("mediation_adviser", full_name="Tom Okafor")
    with django_capture_on_commit_callbacks(execute=True):
        call = _book(routed_case, adviser)
    routed_case.refresh_from_db()
    assert routed_case.stage == Stage.MIAS_BOOKED
    assert routed_case.adviser == adviser
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alex.morgan@family.example"]
    assert routed_case.reference in message.subject
    assert "Tom Okafor" in message.body
    assert "07700 900123" in message.body
    assert call.status == CallStatus.BOOKED


def test_rebooking_cancels_the_earlier_booking(routed_case: Any, staff: Any) -> None:
    adviser = staff("mediation_adviser")
    first = _book(routed_case, adviser)
    _book(routed_case, adviser, scheduled_for=timezone.now() + dt.timedelta(days=2))
    first.refresh_from_db()
    assert first.status == CallStatus.CANCELLED


def test_booking_needs_a_way_to_call(routed_case: Any, staff: Any) -> None:
    with pytest.raises(ApplicationError, match="phone number"):
        _book(routed_case, staff("mediation_adviser"), phone_number="")
    with pytest.raises(ApplicationError, match="video"):
        _book(routed_case, staff("mediation_adviser"), method="video")


def test_declining_starts_the_certificate_clock(routed_case: Any, staff: Any) -> None:
    adviser = staff("mediation_adviser")
    call = _book(routed_case, adviser)
    services.call_record(
        call=call,
        given=True,
        given_at=timezone.now(),
        duration_minutes=22,
        notes="Explained mediation.",
        actor=adviser,
    )
    today = timezone.localdate()
    services.decision_record(
        case=routed_case, outcome="declines", decided_on=today, actor=adviser, call=call
    )
    routed_case.refresh_from_db()
    assert routed_case.stage == Stage.CERTIFICATE_DUE
    assert routed_case.mediation_declined_on == today
    assert routed_case.next_deadline_key == "certificate_due"
    from mediation.rules import statutory_calendar

    assert routed_case.next_deadline_on == statutory_calendar().add_working_days(today, 3)


def test_a_missed_call_goes_back_to_booking(routed_case: Any, staff: Any) -> None:
    adviser = staff("mediation_adviser")
    call = _book(routed_case, adviser)
    services.call_record(call=call, given=False, notes="No answer.", actor=adviser)
    routed_case.refresh_from_db()
    assert routed_case.stage == Stage.MIAS_TO_BOOK
    with pytest.raises(ConflictError):
        services.call_record(
            call=call, given=True, given_at=timezone.now(), duration_minutes=20, actor=adviser
        )


def test_undecided_needs_a_follow_up_date(routed_case: Any, staff: Any) -> None:
    adviser = staff("mediation_adviser")
    with pytest.raises(ApplicationError, match="follow-up"):
        services.decision_record(
            case=routed_case, outcome="undecided", decided_on=timezone.localdate(), actor=adviser
        )
    follow_up = timezone.localdate() + dt.timedelta(days=7)
    services.decision_record(
        case=routed_case,
        outcome="undecided",
        decided_on=timezone.localdate(),
        follow_up_on=follow_up,
        actor=adviser,
    )
    routed_case.refresh_from_db()
    assert routed_case.stage == Stage.FOLLOW_UP


def test_wanting_mediation_tells_the_la_and_starts_the_30_days(
    routed_case: Any, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    la = routed_case.local_authority
    la.email = "sen.team@islington.la.example"
    la.save()
    adviser = staff("mediation_adviser")
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(
            case=routed_case,
            outcome="wants_mediation",
            decided_on=timezone.localdate(),
            actor=adviser,
        )
    routed_case.refresh_from_db()
    today = timezone.localdate()
    assert routed_case.stage == Stage.ARRANGING_MEDIATION
    assert routed_case.mediation_requested_on == today
    assert routed_case.next_deadline_key == "mediation_due"
    assert routed_case.next_deadline_on == today + dt.timedelta(days=30)
    la_mail = [m for m in mail.outbox if m.to == ["sen.team@islington.la.example"]]
    assert len(la_mail) == 1
    assert routed_case.reference in la_mail[0].subject
    assert "authority to resolve the issues" in la_mail[0].body


def test_health_issues_need_the_icb_and_it_is_told(
    make_case: Any, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tests.factories.organisations import ICBFactory

    case = make_case(
        ehc_status="plan",
        decision_date=timezone.localdate() - dt.timedelta(days=10),
        matters=[
            MatterInput(decision="plan_content", sections=["B", "F", "G"], involves_health=True)
        ],
    )
    case_services.case_confirm_route(case=case, route=case.proposed_route, reason="", actor=staff())
    case.local_authority.email = "sen@la.example"
    case.local_authority.save()
    icb = ICBFactory.create(email="send@icb.example")
    adviser = staff("mediation_adviser")
    with pytest.raises(ApplicationError, match="integrated care board"):
        services.decision_record(
            case=case, outcome="wants_mediation", decided_on=timezone.localdate(), actor=adviser
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(
            case=case,
            outcome="wants_mediation",
            decided_on=timezone.localdate(),
            actor=adviser,
            icb=icb,
        )
    assert {m.to[0] for m in mail.outbox} == {"send@icb.example", "sen@la.example"}
    case.refresh_from_db()
    # The LA must tell the ICB within 3 working days: that is now the nearest date.
    assert case.next_deadline_key == "icb_notification_due"


def test_without_an_la_email_staff_record_when_it_was_told(routed_case: Any, staff: Any) -> None:
    adviser = staff("mediation_adviser")
    services.decision_record(
        case=routed_case, outcome="wants_mediation", decided_on=timezone.localdate(), actor=adviser
    )
    routed_case.refresh_from_db()
    assert routed_case.mediation_requested_on is None
    assert routed_case.events.filter(kind="la_not_emailed").exists()
    services.la_told_record(
        case=routed_case, told_on=timezone.localdate(), how="phone", actor=adviser
    )
    routed_case.refresh_from_db()
    assert routed_case.mediation_requested_on == timezone.localdate()


def test_an_icb_is_not_involved_when_health_is_not(routed_case: Any, staff: Any) -> None:
    from tests.factories.organisations import ICBFactory

    services.decision_record(
        case=routed_case,
        outcome="wants_mediation",
        decided_on=timezone.localdate(),
        actor=staff("mediation_adviser"),
        icb=ICBFactory.create(),
    )
    routed_case.refresh_from_db()
    assert routed_case.icb is None
    assert not routed_case.parties.filter(kind="icb").exists()
