"""Synthetic demo data for the mediator panel (called by the demo loader; never in production)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from mediation.accounts import selectors as account_selectors
from mediation.directory import selectors as directory_selectors
from mediation.panel import selectors, services
from mediation.panel.choices import AccreditationRegister

ISLINGTON = "E09000019"


@transaction.atomic
def demo_panel_load() -> list[str]:
    """Give the demo mediators their panel profiles, and Helen Marsh her conflict with Islington.

    Idempotent: a profile is made only if missing, the conflict is declared once.
    Returns what it added, for the loader's summary.
    """
    today = timezone.localdate()
    added: list[str] = []
    helen = account_selectors.user_by_email(email="mediator@demo.example")
    daniel = account_selectors.user_by_email(email="mediator2@demo.example")
    if helen is None or daniel is None:
        raise LookupError("Load the demo users first: the demo mediators are missing")
    islington = directory_selectors.organisation_by_code(kind="local_authority", code=ISLINGTON)
    if islington is None:
        raise LookupError("Load the reference data first: Islington is missing")

    for mediator, languages, register_number, until, notes in (
        (helen, ["English", "Bengali"], "SEND-0412", dt.date(today.year + 2, 3, 31), "Mon to Wed"),
        (daniel, ["English", "Polish"], "SEND-0587", dt.date(today.year + 1, 9, 30), ""),
    ):
        if selectors.profile_of(mediator=mediator) is not None:
            continue  # keep whatever was changed since in the demo
        added.append(f"panel profile for {mediator.full_name}")
        services.profile_save(
            mediator=mediator,
            actor=None,
            register=AccreditationRegister.SEND_JOINT,
            registration_number=register_number,
            accredited_until=until,
            languages=languages,
            available=True,
            availability_notes=notes,
            max_open_cases=6,
            any_area=True,
        )

    already = selectors.conflicts_of(mediator=helen, include_withdrawn=False).filter(
        organisation=islington
    )
    if not already.exists():
        services.conflict_declare(
            mediator=helen,
            actor=helen,
            organisation=islington,
            description="Worked for Islington's SEN team until 2024",
        )
        added.append("Helen Marsh's conflict with Islington")
    return added
