"""Fixtures for the panel: mediators with profiles, and cases where the family wants mediation."""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.utils import timezone


@pytest.fixture
def mediator(staff: Callable[..., Any]) -> Callable[..., Any]:
    """A mediator of the test service with a panel profile (accredited, any area, by default)."""
    from mediation.panel.services import profile_save

    def make(
        full_name: str,
        *,
        languages: Sequence[str] = ("English",),
        accredited_until: dt.date | None = None,
        register: str = "send_joint",
        available: bool = True,
        availability_notes: str = "",
        max_open_cases: int = 6,
        any_area: bool = True,
        areas: Sequence[Any] = (),
        profile: bool = True,
        **kwargs: Any,
    ) -> Any:
        user = staff("mediator", full_name=full_name, **kwargs)
        if profile:
            profile_save(
                mediator=user,
                actor=None,
                register=register,
                registration_number="SEND-0001",
                accredited_until=(
                    accredited_until
                    if accredited_until is not None or not register
                    else timezone.localdate() + dt.timedelta(days=365)
                ),
                languages=languages,
                available=available,
                availability_notes=availability_notes,
                max_open_cases=max_open_cases,
                any_area=any_area,
                areas=areas,
            )
        return user

    return make


@pytest.fixture
def mediation_case(
    make_case: Callable[..., Any], staff: Callable[..., Any], served_la: Any
) -> Callable[..., Any]:
    """A case where the family wants mediation, through the real services: the LA is a party and
    has been e-mailed, and the 30 days run from today."""
    from mediation.advice.services import decision_record
    from mediation.cases.services import case_confirm_route

    if not served_la.email:
        served_la.email = "sen.team@islington.example"
        served_la.save(update_fields=["email"])

    def make(icb: Any = None, **overrides: Any) -> Any:
        overrides.setdefault("wants", "mediation")
        case = make_case(**overrides)
        adviser = staff("mediation_adviser")
        case_confirm_route(case=case, route="mediation_information", reason="", actor=adviser)
        decision_record(
            case=case,
            outcome="wants_mediation",
            decided_on=timezone.localdate(),
            actor=adviser,
            icb=icb,
        )
        case.refresh_from_db()
        return case

    return make
