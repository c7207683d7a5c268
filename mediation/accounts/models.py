"""People who sign in: the provider's staff and the partners (LA, ICB, school) they work with.

Families do not have accounts: they are reached by e-mail, phone and letter, and use the public
pages.
"""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from mediation.core.models import BaseModel
from mediation.directory.selectors import provider_organisation
from mediation.policy.roles import PARTNER_ROLES, STAFF_ROLES, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("A user needs an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        """A service manager of the provider (for `createsuperuser` on a new installation)."""
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.SERVICE_MANAGER)
        if "organisation" not in extra and "organisation_id" not in extra:
            provider = provider_organisation()
            if provider is None:
                raise ValueError("Load the provider first: python manage.py load_reference_data")
            extra["organisation"] = provider
        return self.create_user(email, password, **extra)


class User(BaseModel, AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their e-mail address, with one role in one organisation."""

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="users"
    )
    services = models.ManyToManyField(
        "directory.Service",
        blank=True,
        related_name="staff",
        help_text="For the provider's staff: the services they work in.",
    )
    job_title = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_staff(self) -> bool:
        """Django admin is for service managers only (see mediation.core.policy)."""
        return self.is_active and self.role == Role.SERVICE_MANAGER

    @property
    def is_provider_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_partner(self) -> bool:
        return self.role in PARTNER_ROLES
