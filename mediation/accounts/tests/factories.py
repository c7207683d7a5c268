import factory

from mediation.accounts.models import User
from mediation.directory.tests.factories import (
    ICBFactory,
    LocalAuthorityFactory,
    ProviderFactory,
    SchoolFactory,
)
from mediation.policy.roles import Role

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    full_name = factory.Faker("name", locale="en_GB")
    role = Role.COORDINATOR
    organisation = factory.SubFactory(ProviderFactory)
    password = factory.django.Password(PASSWORD)


class ManagerFactory(UserFactory):
    role = Role.SERVICE_MANAGER


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR


class AdviserFactory(UserFactory):
    role = Role.MEDIATION_ADVISER


class MediatorFactory(UserFactory):
    role = Role.MEDIATOR


class LAOfficerFactory(UserFactory):
    role = Role.LA_OFFICER
    organisation = factory.SubFactory(LocalAuthorityFactory)


class ICBOfficerFactory(UserFactory):
    role = Role.ICB_OFFICER
    organisation = factory.SubFactory(ICBFactory)


class SchoolContactFactory(UserFactory):
    role = Role.SCHOOL_CONTACT
    organisation = factory.SubFactory(SchoolFactory)
