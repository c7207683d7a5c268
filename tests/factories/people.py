"""People: the provider's staff and the partners' users, each of a role."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

import factory
from django.utils import timezone

from mediation.accounts.models import User
from mediation.directory import selectors as directory_selectors
from mediation.directory.models import Organisation, Service
from mediation.panel.services import profile_save
from mediation.policy.roles import STAFF_ROLES, Role
from tests.factories.organisations import (
    ICBFactory,
    LocalAuthorityFactory,
    ProviderFactory,
    SchoolFactory,
)

PASSWORD = "correct-horse-battery-staple"


def _work_in(user: User, services: Iterable[Service] | None) -> None:
    for service in services or ():
        user.services.add(service)


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A user; `services=[service]` makes a member of staff work in those services."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    full_name = factory.Faker("name", locale="en_GB")
    role = Role.COORDINATOR
    organisation = factory.SubFactory(ProviderFactory)
    password = factory.django.Password(PASSWORD)
    services = factory.PostGeneration(lambda user, create, services, **kw: _work_in(user, services))


class ManagerFactory(UserFactory):
    role = Role.SERVICE_MANAGER


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR


class AdviserFactory(UserFactory):
    role = Role.MEDIATION_ADVISER


def _join_panel(user: User, create: bool, extracted: bool | None, **options: Any) -> None:
    """`profile=True` (or any `profile__...` option): the mediator's panel profile, saved through
    the panel's service: the SEND joint register, accredited for a year, mediating in English, in
    any area, taking up to 6 cases, unless the options say otherwise."""
    if extracted is False or (extracted is None and not options):
        return
    values: dict[str, Any] = {
        "register": "send_joint",
        "registration_number": "SEND-0001",
        "accredited_until": None,
        "languages": ["English"],
        "available": True,
        "max_open_cases": 6,
        "any_area": True,
        **options,
    }
    if values["accredited_until"] is None and values["register"]:
        values["accredited_until"] = timezone.localdate() + dt.timedelta(days=365)
    profile_save(mediator=user, actor=None, **values)


class MediatorFactory(UserFactory):
    """A mediator; `profile=True` or `profile__<field>=...` puts them on the panel."""

    role = Role.MEDIATOR
    profile = factory.PostGeneration(_join_panel)


class LAOfficerFactory(UserFactory):
    role = Role.LA_OFFICER
    organisation = factory.SubFactory(LocalAuthorityFactory)


class ICBOfficerFactory(UserFactory):
    role = Role.ICB_OFFICER
    organisation = factory.SubFactory(ICBFactory)


class SchoolContactFactory(UserFactory):
    role = Role.SCHOOL_CONTACT
    organisation = factory.SubFactory(SchoolFactory)


FACTORY_OF_ROLE: dict[str, type[UserFactory]] = {
    Role.SERVICE_MANAGER: ManagerFactory,
    Role.COORDINATOR: CoordinatorFactory,
    Role.MEDIATION_ADVISER: AdviserFactory,
    Role.MEDIATOR: MediatorFactory,
    Role.LA_OFFICER: LAOfficerFactory,
    Role.ICB_OFFICER: ICBOfficerFactory,
    Role.SCHOOL_CONTACT: SchoolContactFactory,
}


def user_of_role(role: str, *, provider: Organisation | None = None, **kwargs: Any) -> User:
    """A user of a role: staff belong to the provider, partners to their own organisation."""
    if role in STAFF_ROLES and provider is not None:
        kwargs.setdefault("organisation", provider)
    return FACTORY_OF_ROLE[role].create(**kwargs)


def staff_of(local_authority: Organisation, role: str = Role.COORDINATOR, **kwargs: Any) -> User:
    """A new member of staff of the given role, working in the service that covers the local
    authority (what a case's steps need as their actor)."""
    service = directory_selectors.service_for_local_authority(local_authority=local_authority)
    assert service is not None, f"No service covers {local_authority.name}"
    return user_of_role(role, provider=service.provider, services=[service], **kwargs)
