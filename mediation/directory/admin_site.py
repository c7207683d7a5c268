"""The management site (Django admin) for reference data: for service managers only.

It lives with the reference data (organisations and services); `mediation.accounts` registers
the people on it too.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse

from mediation import policy


class ManagementSite(AdminSite):
    site_header = "Manage reference data"
    site_title = "Manage reference data"
    index_title = "Reference data"

    def has_permission(self, request: HttpRequest) -> bool:
        return policy.can(request.user, "admin.access")

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """No separate admin sign-in: use the service's, and refuse signed-in non-managers."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(reverse("admin:index"))
            raise PermissionDenied("admin.access")
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index"), reverse("accounts:sign-in")
        )


admin_site = ManagementSite(name="admin")


class ManagerOnlyAdmin(admin.ModelAdmin[Any]):
    """Service managers may change reference data; nobody else reaches the admin at all."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return admin_site.has_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin_site.has_permission(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return admin_site.has_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin_site.has_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Records are archived, not deleted: people's history must stay whole.
        return False
