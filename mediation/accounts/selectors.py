"""Reading user accounts."""

from typing import Any

from django.db.models import QuerySet

from mediation.accounts.models import User
from mediation.policy.roles import STAFF_ROLES


def staff_of_service(*, service: Any) -> QuerySet[User]:
    """Active staff who work in a service (or manage every service), by name."""
    return (
        User.objects.filter(is_active=True, role__in=STAFF_ROLES)
        .filter(services=service)
        .distinct()
        .order_by("full_name")
    )


def user_get(*, user_id: Any) -> User | None:
    return User.objects.filter(pk=user_id).first()


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email=email.strip().lower()).first()
