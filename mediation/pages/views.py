"""The public front door and the pages every service has: start, home, legal pages, errors, health.

These pages sit above every app: the home page and the navigation ask the policy what a person
may use.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation import policy
from mediation.core import health
from mediation.core.branding import brand


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/start.html", {"title": settings.SERVICE_NAME})


@policy.policy_required("signed_in.home")
def home(request: HttpRequest) -> HttpResponse:
    """Where signing in lands: staff on their work, partners on their organisation's cases."""
    user = request.user
    destinations = (
        ("staff.workspace", "cases:queue"),
        ("partner.workspace", "portal:home"),
    )
    for action, url_name in destinations:
        if policy.can(user, action):
            try:
                return redirect(reverse(url_name))
            except NoReverseMatch:
                break
    return render(request, "pages/home.html", {"title": "Your account"})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html", {"title": "Accessibility statement"})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html", {"title": "Privacy notice"})


@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/cookies.html", {"title": "Cookies"})


@require_GET
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/contact.html", {"title": "Contact us"})


@require_GET
def feedback(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/feedback.html", {"title": "Give feedback on this service"})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the service can do its work, 503 when not."""
    report = health.check()
    return JsonResponse(report, status=200 if report["healthy"] else 503)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request, "pages/403.html", {"title": "You do not have access to this page"}, status=403
    )


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "pages/404.html", {"title": "Page not found"}, status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever broke the page may break that too.
    context: dict[str, object] = {
        "title": "Sorry, there is a problem with the service",
        "service_phone": settings.SERVICE_PHONE,
        "service_email": settings.SERVICE_EMAIL,
        "service_name": settings.SERVICE_NAME,
        "brand": brand(),
    }
    template = loader.get_template("pages/500.html")
    return HttpResponse(template.render(context), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "pages/csrf_failure.html",
        {"title": "Your session has expired or the form was sent twice"},
        status=403,
    )
