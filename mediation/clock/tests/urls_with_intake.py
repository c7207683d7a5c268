"""The site's URLs with a stand-in referral start page, for testing links to it.

Whatever the intake app has built so far, `intake:start` then exists and is this page.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from mediation.clock.tests.urls_without_intake import urlpatterns as without_intake


def referral_start(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Referral start (test stand-in)")


urlpatterns = [
    path("refer/", include(([path("", referral_start, name="start")], "intake"))),
    *without_intake,
]
