"""Opening cases, references, routing, consent and the next statutory date."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from mediation.cases import services
from mediation.cases.choices import Route, Stage
from mediation.cases.services import MatterInput
from mediation.core.errors import ApplicationError, ConflictError

pytestmark = pytest.mark.django_db


def test_a_referral_opens_a_case_with_a_service_reference(make_case: Any) -> None:
    year = timezone.localdate().year
    first = make_case()
    second = make_case(child_first_name="Jo")
    assert first.reference == f"LDN-{year}-00001"
    assert second.reference == f"LDN-{year}-00002"
    assert first.stage == Stage.NEW
    assert first.matters.count() == 1
    titles = list(first.events.values_list("title", flat=True))
    assert "Referral received (online referral)" in titles


def test_the_clock_proposes_the_route(make_case: Any) -> None:
    case = make_case()
    assert case.proposed_route == Route.MEDIATION_INFORMATION
    placement = make_case(
        ehc_status="plan", matters=[MatterInput(decision="plan_placement", sections=["I"])]
    )
    assert placement.proposed_route == Route.OPTIONAL_MEDIATION
    school = make_case(matters=[MatterInput(decision="other_disagreement")])
    assert school.proposed_route == Route.DISAGREEMENT_RESOLUTION
    discrimination = make_case(matters=[MatterInput(decision="disability_discrimination")])
    assert discrimination.proposed_route == Route.OUT_OF_SCOPE


def test_confirming_the_route_moves_the_case_on(make_case: Any, staff: Any) -> None:
    case = make_case()
    services.case_confirm_route(case=case, route=case.proposed_route, reason="", actor=staff())
    case.refresh_from_db()
    assert case.route == Route.MEDIATION_INFORMATION
    assert case.stage == Stage.MIAS_TO_BOOK


def test_changing_the_route_needs_a_reason(make_case: Any, staff: Any) -> None:
    case = make_case()
    with pytest.raises(ApplicationError, match="reason"):
        services.case_confirm_route(
            case=case, route=Route.DISAGREEMENT_RESOLUTION, reason=" ", actor=staff()
        )
    services.case_confirm_route(
        case=case,
        route=Route.DISAGREEMENT_RESOLUTION,
        reason="School issue only.",
        actor=staff(),
    )
    case.refresh_from_db()
    assert case.stage == Stage.ARRANGING_DR
    assert case.events.filter(title__startswith="Route changed to").exists()


def test_out_of_scope_closes_the_case(make_case: Any, staff: Any) -> None:
    case = make_case(matters=[MatterInput(decision="disability_discrimination")])
    services.case_confirm_route(
        case=case,
        route=Route.OUT_OF_SCOPE,
        reason="Disability discrimination claim.",
        actor=staff(),
    )
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    with pytest.raises(ConflictError):
        services.case_confirm_route(case=case, route=Route.OUT_OF_SCOPE, reason="x", actor=staff())


def test_a_third_party_referral_waits_for_the_family(make_case: Any, staff: Any) -> None:
    case = make_case(
        channel="phone",
        is_third_party=True,
        referrer_name="Kim Lee",
        referrer_organisation="Islington SENDIASS",
        family_consent_confirmed=False,
    )
    assert case.stage == Stage.AWAITING_CONSENT
    with pytest.raises(ConflictError, match="not yet agreed"):
        services.case_confirm_route(case=case, route=case.proposed_route, reason="", actor=staff())
    services.consent_record(
        case=case,
        kind="third_party_referral",
        given=True,
        given_by="Alex Morgan",
        method="phone",
        actor=staff(),
    )
    case.refresh_from_db()
    assert case.stage == Stage.NEW


def test_a_referral_for_an_la_we_do_not_serve_is_refused(make_case: Any) -> None:
    from tests.factories.cases import CaseFactory
    from tests.factories.organisations import LocalAuthorityFactory

    with pytest.raises(ApplicationError, match="We do not provide mediation for"):
        CaseFactory.create(local_authority=LocalAuthorityFactory.create(name="Elsewhere"))


def test_declining_mediation_sets_the_next_statutory_date(make_case: Any) -> None:
    received = timezone.make_aware(dt.datetime(2025, 11, 3, 10, 0))
    case = make_case(decision_date=dt.date(2025, 10, 24), received_at=received)
    services.case_record_clock_event(
        case=case, event="mediation_declined", on=dt.date(2025, 12, 23)
    )
    case.refresh_from_db()
    # legal-rules.md E2: 3 working days after 23 Dec 2025 is 30 Dec 2025.
    assert case.next_deadline_key == "certificate_due"
    assert case.next_deadline_on == dt.date(2025, 12, 30)
    services.case_record_clock_event(
        case=case, event="certificate_issued", on=dt.date(2025, 12, 29)
    )
    case.refresh_from_db()
    assert case.next_deadline_on is None


def test_health_flags_come_from_the_matters(make_case: Any) -> None:
    case = make_case(
        ehc_status="plan",
        matters=[
            MatterInput(decision="plan_content", sections=["B", "F", "G"], involves_health=True)
        ],
    )
    assert case.health_issues is True
    assert case.health_only is False


def test_contradictory_dates_are_reported_not_crashed_on(make_case: Any) -> None:
    from mediation.cases.clock import case_clock

    case = make_case(decision_date=dt.date(2026, 10, 1))
    case.mediation_declined_on = dt.date(2026, 9, 1)  # before the decision: impossible
    result = case_clock(case)
    assert list(result.deadlines) == []
    assert "decision" in result.problem
