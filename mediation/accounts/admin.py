from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from mediation.accounts.models import User
from mediation.directory.admin_site import ManagerOnlyAdmin, admin_site


@admin.register(User, site=admin_site)
class UserAdmin(ManagerOnlyAdmin, DjangoUserAdmin):
    ordering = ("full_name",)
    list_display = ("full_name", "email", "role", "organisation", "is_active")
    list_filter = ("role", "is_active", "services")
    search_fields = ("full_name", "email")
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("services",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "job_title", "phone")}),
        ("Role", {"fields": ("role", "organisation", "services", "is_active")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "role",
                    "organisation",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
