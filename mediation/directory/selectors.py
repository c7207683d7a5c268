"""Reading organisations and services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from mediation.directory.models import Organisation, OrganisationKind, Service

if TYPE_CHECKING:
    from collections.abc import Iterable
    from uuid import UUID

    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case


def provider_organisation() -> Organisation | None:
    """The organisation that runs this installation (there is one)."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("created_at").first()
    )


def local_authority_list(*, current_only: bool = True) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    if current_only:
        qs = qs.filter(valid_to__isnull=True)
    return qs.order_by("name")


def icb_list(*, current_only: bool = True) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(kind=OrganisationKind.ICB)
    if current_only:
        qs = qs.filter(valid_to__isnull=True)
    return qs.order_by("name")


def organisation_get(*, organisation_id: UUID | str) -> Organisation | None:
    return Organisation.objects.filter(pk=organisation_id).first()


def service_list() -> QuerySet[Service]:
    return Service.objects.select_related("provider").order_by("name")


def service_for_local_authority(*, local_authority: Organisation) -> Service | None:
    """The service that covers a local authority's families (None if we do not serve it)."""
    return Service.objects.filter(local_authorities=local_authority).order_by("name").first()


def organisation_by_code(*, kind: str, code: str) -> Organisation | None:
    return Organisation.objects.filter(kind=kind, code=code).first()


def local_authorities_served(*, services: Iterable[Service]) -> QuerySet[Organisation]:
    """The local authorities the given services cover, by name."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY, served_by__in=services)
        .distinct()
        .order_by("name")
    )


def services_of_user(*, user: Actor) -> QuerySet[Service]:
    """The services a member of staff works in."""
    return Service.objects.filter(staff=user).order_by("name")


def organisations_for_parties(*, case: Case) -> QuerySet[Organisation]:
    """Organisations that could join a case: its LA, current ICBs, and schools, settings and
    social care services in the LA's area (plus other organisations we know)."""
    return (
        Organisation.objects.filter(valid_to__isnull=True)
        .filter(
            Q(pk=case.local_authority_id)
            | Q(kind=OrganisationKind.ICB)
            | Q(local_authority_id=case.local_authority_id)
            | Q(
                kind__in=[
                    OrganisationKind.SOCIAL_CARE,
                    OrganisationKind.IASS,
                    OrganisationKind.OTHER,
                ]
            )
        )
        .order_by("kind", "name")
    )
