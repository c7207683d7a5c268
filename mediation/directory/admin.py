from django.contrib import admin

from mediation.directory.admin_site import ManagerOnlyAdmin, admin_site
from mediation.directory.models import Organisation, Service, ServiceClosure


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(ManagerOnlyAdmin):
    list_display = ("name", "kind", "code", "region", "valid_to")
    list_filter = ("kind", "region")
    search_fields = ("name", "code", "dfe_la_code")
    autocomplete_fields = ("local_authority",)


class ServiceClosureInline(admin.TabularInline[ServiceClosure, Service]):
    model = ServiceClosure
    extra = 1


@admin.register(Service, site=admin_site)
class ServiceAdmin(ManagerOnlyAdmin):
    list_display = ("name", "provider", "reference_prefix")
    filter_horizontal = ("local_authorities",)
    inlines = (ServiceClosureInline,)
