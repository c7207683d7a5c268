from django.contrib import admin
from django.urls import include, path

from mediation.directory.admin_site import admin_site

urlpatterns = [
    path("", include("mediation.pages.urls")),
    path("", include("mediation.accounts.urls")),
    path("", include("mediation.clock.urls")),
    path("refer/", include("mediation.intake.urls")),
    path("cases/", include("mediation.cases.urls")),
    path("cases/", include("mediation.casework.urls")),
    path("cases/", include("mediation.advice.urls")),
    path("certificates/", include("mediation.certificates.urls")),
    path("mediators/", include("mediation.panel.urls")),
    path("cases/", include("mediation.meetings.urls")),
    path("cases/", include("mediation.preparation.urls")),
    path("cases/", include("mediation.agreements.urls")),
    path("cases/", include("mediation.notes.urls")),
    path("cases/", include("mediation.expenses.urls")),
    path("partners/", include("mediation.portal.urls")),
    path("your-case/", include("mediation.casework.family_urls")),
    path("manage/", admin_site.urls),
]

handler403 = "mediation.pages.views.error_403"
handler404 = "mediation.pages.views.error_404"
handler500 = "mediation.pages.views.error_500"

# The default admin site is not used: everything is registered on our own site, which only
# service managers may enter.
admin.site.has_permission = lambda request: False  # type: ignore[method-assign]
