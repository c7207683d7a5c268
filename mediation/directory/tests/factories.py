import factory

from mediation.directory.models import Organisation, OrganisationKind, Service


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.OTHER
    name = factory.Sequence(lambda n: f"Organisation {n}")


class LocalAuthorityFactory(OrganisationFactory):
    kind = OrganisationKind.LOCAL_AUTHORITY
    name = factory.Sequence(lambda n: f"Testshire {n} Council")
    code = factory.Sequence(lambda n: f"E9{n:07d}")
    region = "London"


class ICBFactory(OrganisationFactory):
    kind = OrganisationKind.ICB
    name = factory.Sequence(lambda n: f"NHS Testshire {n} Integrated Care Board")
    code = factory.Sequence(lambda n: f"T{n:04d}")


class SchoolFactory(OrganisationFactory):
    kind = OrganisationKind.SCHOOL
    name = factory.Sequence(lambda n: f"Testfield School {n}")


class ProviderFactory(OrganisationFactory):
    kind = OrganisationKind.PROVIDER
    name = factory.Sequence(lambda n: "Test Mediation Services")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    reference_prefix = factory.Sequence(lambda n: f"S{n:03d}")
