"""The site's URLs, with a stand-in for the case's change pages (cases:change, one per section of
the case that can be corrected), so the overview's "Change" links can be tested before the
pages themselves are part of the site."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from config import urls as site
from mediation.cases import urls as case_urls


def change(request: HttpRequest, case_id: str, section: str) -> HttpResponse:
    return HttpResponse(f"Change {section}")


def _is_cases(pattern: URLPattern | URLResolver) -> bool:
    return isinstance(pattern, URLResolver) and pattern.namespace == "cases"


cases_with_change = [
    *case_urls.urlpatterns,
    path("<uuid:case_id>/change/<slug:section>/", change, name="change"),
]
urlpatterns = [
    path("cases/", include((cases_with_change, "cases"))) if _is_cases(p) else p
    for p in site.urlpatterns
]
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
