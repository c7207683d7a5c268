"""Fixtures for the panel: mediators with profiles, and cases where the family wants mediation."""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from mediation.accounts.models import User
from mediation.cases.models import Case
from mediation.directory.models import Organisation
from tests.factories.cases import MediationRequestedCaseFactory


@pytest.fixture
def mediator(staff: Callable[..., User]) -> Callable[..., User]:
    """A mediator of the test service with a panel profile (accredited, any area, by default)."""

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
        areas: Sequence[Organisation] = (),
        profile: bool = True,
        **kwargs: Any,
    ) -> User:
        return staff(
            "mediator",
            full_name=full_name,
            profile=profile,
            profile__register=register,
            profile__accredited_until=accredited_until,
            profile__languages=languages,
            profile__available=available,
            profile__availability_notes=availability_notes,
            profile__max_open_cases=max_open_cases,
            profile__any_area=any_area,
            profile__areas=areas,
            **kwargs,
        )

    return make


@pytest.fixture
def mediation_case(served_la_with_email: Organisation) -> Callable[..., Case]:
    """A case where the family wants mediation, through the real services: the LA is a party and
    has been e-mailed, and the 30 days run from today."""

    def make(icb: Organisation | None = None, **overrides: Any) -> Case:
        return MediationRequestedCaseFactory.create(
            local_authority=served_la_with_email, icb=icb, **overrides
        )

    return make
