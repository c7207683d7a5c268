"""The site's URLs without the online referral ("intake"), for testing links to it."""

from django.urls import URLPattern, URLResolver

from config.urls import urlpatterns as site_patterns

urlpatterns: list[URLPattern | URLResolver] = [
    p for p in site_patterns if getattr(p, "namespace", None) != "intake"
]
