from django.contrib import admin
from django.urls import include, path

from mediation.accounts.admin_site import admin_site

urlpatterns = [
    path("", include("mediation.core.urls")),
    path("", include("mediation.accounts.urls")),
    path("", include("mediation.clock.urls")),
    path("refer/", include("mediation.intake.urls")),
    path("cases/", include("mediation.cases.urls")),
    path("cases/", include("mediation.advice.urls")),
    path("certificates/", include("mediation.certificates.urls")),
    path("manage/", admin_site.urls),
]

handler403 = "mediation.core.views.error_403"
handler404 = "mediation.core.views.error_404"
handler500 = "mediation.core.views.error_500"

# The default admin site is not used: everything is registered on our own site, which only
# service managers may enter.
admin.site.has_permission = lambda request: False  # type: ignore[method-assign]
