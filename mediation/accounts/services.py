"""Writing user accounts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from mediation.accounts.models import User

if TYPE_CHECKING:
    from mediation.directory.models import Organisation, Service
    from mediation.policy.roles import Role


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    role: Role | str,
    organisation: Organisation,
    password: str | None = None,
    services: Iterable[Service] = (),
    job_title: str = "",
    phone: str = "",
) -> User:
    user = User(
        email=email.strip().lower(),
        full_name=full_name,
        role=role,
        organisation=organisation,
        job_title=job_title,
        phone=phone,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.services.set(list(services))
    return user


@transaction.atomic
def user_ensure(
    *,
    email: str,
    full_name: str,
    role: Role | str,
    organisation: Organisation,
    password: str | None = None,
    services: Iterable[Service] = (),
    job_title: str = "",
) -> tuple[User, bool]:
    """The user with this e-mail address, created if missing (used by demo data; idempotent)."""
    existing = User.objects.filter(email=email.strip().lower()).first()
    if existing is not None:
        return existing, False
    return (
        user_create(
            email=email,
            full_name=full_name,
            role=role,
            organisation=organisation,
            password=password,
            services=services,
            job_title=job_title,
        ),
        True,
    )
