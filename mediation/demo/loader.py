"""Synthetic demo data: a provider with two services, the LAs they serve and one user per role.

Every person and organisation here is invented (the local authorities and ICBs are real public
bodies from the reference data; the people who work for them are not). Never loaded in production.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from mediation.accounts import services as account_services
from mediation.demo.cases import demo_cases_load
from mediation.directory import selectors as directory_selectors
from mediation.directory import services as directory_services
from mediation.panel.demo import demo_panel_load
from mediation.policy.roles import Role
from mediation.preparation.demo import demo_preparation_load

if TYPE_CHECKING:
    from mediation.directory.models import Organisation, Service

DEMO_PASSWORD = "demo-mediation-2026"  # noqa: S105 - published in the README for the demo only

# London boroughs (and the City) are served by the London service; the Regional service covers
# a spread of authorities in the East and South East.
REGIONAL_LA_CODES = [
    "E10000015",  # Hertfordshire
    "E10000012",  # Essex
    "E06000033",  # Southend-on-Sea
    "E06000031",  # Peterborough
    "E10000016",  # Kent
    "E10000029",  # Suffolk
    "E10000030",  # Surrey
]


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    organisation: str  # "provider", or an organisation code
    job_title: str = ""
    services: tuple[str, ...] = ("LDN", "REG")


DEMO_USERS = [
    DemoUser(
        "manager@demo.example", "Morgan Ellis", Role.SERVICE_MANAGER, "provider", "Service manager"
    ),
    DemoUser(
        "coordinator@demo.example",
        "Priya Shah",
        Role.COORDINATOR,
        "provider",
        "Service coordinator",
    ),
    DemoUser(
        "adviser@demo.example",
        "Tom Okafor",
        Role.MEDIATION_ADVISER,
        "provider",
        "Mediation adviser",
    ),
    DemoUser("mediator@demo.example", "Helen Marsh", Role.MEDIATOR, "provider", "SEND mediator"),
    DemoUser("mediator2@demo.example", "Daniel Reyes", Role.MEDIATOR, "provider", "SEND mediator"),
    DemoUser(
        "la.officer@demo.example",
        "Grace Adeyemi",
        Role.LA_OFFICER,
        "E09000019",
        "SEN team manager",
        (),
    ),
    DemoUser(
        "icb.officer@demo.example",
        "Owen Fletcher",
        Role.ICB_OFFICER,
        "Z9B2Z",
        "Designated clinical officer for SEND",
        (),
    ),
    DemoUser(
        "school@demo.example", "Sarah Lindqvist", Role.SCHOOL_CONTACT, "DEMO-SCH-1", "SENCo", ()
    ),
]


@dataclass
class DemoSummary:
    users_created: list[str] = field(default_factory=list)
    cases_created: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if not self.users_created and not self.cases_created:
            return "Demo data already loaded; nothing to add."
        return (
            f"Demo data loaded: {len(self.users_created)} users and "
            f"{len(self.cases_created)} cases created."
        )


def _organisation_for(code: str, provider: Organisation) -> Organisation:
    if code == "provider":
        return provider
    for kind in ("local_authority", "icb", "school"):
        found = directory_selectors.organisation_by_code(kind=kind, code=code)
        if found is not None:
            return found
    raise LookupError(f"Demo organisation {code} is missing: run load_reference_data first")


def _services_ensure(provider: Organisation) -> dict[str, Service]:
    """The London service (every London borough) and the Regional one, by reference prefix."""
    london_codes = list(
        directory_selectors.local_authority_list()
        .filter(region="London")
        .values_list("code", flat=True)
    )
    areas = {"LDN": ("London", london_codes), "REG": ("Regional", REGIONAL_LA_CODES)}
    return {
        prefix: directory_services.service_ensure(
            provider=provider,
            name=name,
            reference_prefix=prefix,
            local_authority_codes=codes,
            phone=settings.SERVICE_PHONE,
            email=settings.SERVICE_EMAIL,
        )
        for prefix, (name, codes) in areas.items()
    }


def _school_ensure() -> None:
    islington = directory_selectors.local_authority_list().get(code="E09000019")
    directory_services.organisation_ensure(
        kind="school",
        name="Northbrook Primary School (demo)",
        code="DEMO-SCH-1",
        local_authority=islington,
        email="senco@northbrook-primary.demo.example",
    )


def _contact_addresses_set(services: Iterable[Service]) -> None:
    """Invented contact addresses, so the demo's e-mails to LAs and ICBs have somewhere to go."""
    for service in services:
        for la in service.local_authorities.all():
            if not la.email:
                slug = "".join(ch for ch in la.name.lower() if ch.isalnum())
                directory_services.organisation_contact_set(
                    organisation=la, email=f"send-mediation@{slug}.la.demo.example"
                )
    for icb_code in ("S1Y5D", "Z9B2Z"):
        icb = directory_selectors.organisation_by_code(kind="icb", code=icb_code)
        if icb is not None and not icb.email:
            directory_services.organisation_contact_set(
                organisation=icb, email=f"send@{icb_code.lower()}.icb.demo.example"
            )


def _users_ensure(provider: Organisation, by_prefix: dict[str, Service]) -> list[str]:
    """The demo users not there yet; returns their e-mail addresses."""
    created_emails = []
    for demo_user in DEMO_USERS:
        _, created = account_services.user_ensure(
            email=demo_user.email,
            full_name=demo_user.full_name,
            role=demo_user.role,
            organisation=_organisation_for(demo_user.organisation, provider),
            password=DEMO_PASSWORD,
            services=[by_prefix[p] for p in demo_user.services],
            job_title=demo_user.job_title,
        )
        if created:
            created_emails.append(demo_user.email)
    return created_emails


@transaction.atomic
def demo_load() -> DemoSummary:
    """Add the demo provider services, a demo school and the demo users. Idempotent."""
    if not settings.DEMO_DATA_ALLOWED:
        raise ImproperlyConfigured("Demo data is not allowed here (DEMO_DATA_ALLOWED is off).")
    provider = directory_selectors.provider_organisation()
    if provider is None:
        raise LookupError("Load the reference data first: python manage.py load_reference_data")
    by_prefix = _services_ensure(provider)
    _school_ensure()
    _contact_addresses_set(by_prefix.values())
    summary = DemoSummary(users_created=_users_ensure(provider, by_prefix))
    demo_panel_load()
    summary.cases_created.extend(demo_cases_load())
    demo_preparation_load()
    return summary
