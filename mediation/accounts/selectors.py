"""Reading user accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mediation.accounts.models import User
from mediation.policy.roles import STAFF_ROLES

if TYPE_CHECKING:
    from collections.abc import Iterable
    from uuid import UUID

    from django.db.models import QuerySet

    from mediation.directory.models import Service


def staff_of_service(*, service: Service) -> QuerySet[User]:
    """Active staff who work in a service (or manage every service), by name."""
    return (
        User.objects.filter(is_active=True, role__in=STAFF_ROLES)
        .filter(services=service)
        .distinct()
        .order_by("full_name")
    )


def staff_of_services(*, services: Iterable[Service]) -> QuerySet[User]:
    """Everyone of staff who works (or worked: closed accounts too) in any of the services, by
    name: the people an old case may have been assigned or allocated to."""
    return (
        User.objects.filter(role__in=STAFF_ROLES, services__in=services)
        .distinct()
        .order_by("full_name", "email")
    )


def user_get(*, user_id: UUID | str) -> User | None:
    return User.objects.filter(pk=user_id).first()


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email=email.strip().lower()).first()
