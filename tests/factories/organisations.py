"""Organisations: local authorities, ICBs, schools, the provider and its services."""

from collections.abc import Iterable

import factory

from mediation.directory.models import Organisation, OrganisationKind, Service


def _serve(local_authority: Organisation, services: Iterable[Service] | None) -> None:
    for service in services or ():
        service.local_authorities.add(local_authority)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    kind = OrganisationKind.OTHER
    name = factory.Sequence(lambda n: f"Organisation {n}")


class LocalAuthorityFactory(OrganisationFactory):
    """A local authority; `served_by=[service]` puts it in services' areas."""

    kind = OrganisationKind.LOCAL_AUTHORITY
    name = factory.Sequence(lambda n: f"Testshire {n} Council")
    code = factory.Sequence(lambda n: f"E9{n:07d}")
    region = "London"

    served_by = factory.PostGeneration(lambda la, create, services, **kw: _serve(la, services))


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


class ServiceFactory(factory.django.DjangoModelFactory[Service]):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    reference_prefix = factory.Sequence(lambda n: f"S{n:03d}")


class ServedLocalAuthorityFactory(LocalAuthorityFactory):
    """A local authority with a service of its own (unless `served_by` names one): a case can
    be opened for it."""

    served_by = factory.PostGeneration(
        lambda la, create, services, **kw: _serve(la, services or [ServiceFactory.create()])
    )
