"""What every page's layout needs: the service's name and contact details, and the navigation."""

from typing import TypedDict

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from mediation import policy

# (label, URL name, policy action). An entry shows only if its URL exists and the user may use it.
NAVIGATION: list[tuple[str, str, str]] = [
    ("Work queue", "cases:queue", "staff.workspace"),
    ("Find a case", "cases:search", "case.search"),
    ("My cases", "cases:mine", "case.search"),
    ("New referral", "intake:staff-new", "referral.create_staff"),
    ("Held referrals", "intake:held-list", "referral.create_staff"),
    ("Mediators", "panel:list", "panel.view"),
    ("Reports", "reports:index", "reports.view"),
    ("Your cases", "portal:home", "partner.workspace"),
    ("Manage reference data", "admin:index", "admin.access"),
]


class NavigationItem(TypedDict):
    """One link of the service navigation (govukServiceNavigation's `navigation` items)."""

    text: str
    href: str
    active: bool
    current: bool


def _navigation(request: HttpRequest) -> list[NavigationItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    links: list[tuple[str, str]] = []
    for label, url_name, action in NAVIGATION:
        if not policy.can(user, action):
            continue
        try:
            links.append((label, reverse(url_name)))
        except NoReverseMatch:
            continue
    # The section the page is in: the longest link the path starts with (a case's pages are the
    # work queue's, /cases/...; "Find a case", /cases/search/, is its own).
    within = [href for _, href in links if request.path.startswith(href) and href != "/"]
    section = max(within, key=len, default=None)
    return [
        {"text": label, "href": href, "active": href == section, "current": request.path == href}
        for label, href in links
    ]


def service(request: HttpRequest) -> dict[str, object]:
    def can(action: str, obj: object = None) -> bool:
        """The templates' question: may the signed-in person do this (to this)?"""
        return policy.can(request.user, action, obj)

    return {
        "service_name": settings.SERVICE_NAME,
        "service_provider_name": settings.SERVICE_PROVIDER_NAME,
        "service_phone": settings.SERVICE_PHONE,
        "service_email": settings.SERVICE_EMAIL,
        "service_phase": settings.SERVICE_PHASE,
        "asset_path": settings.STATIC_URL.rstrip("/") + "/assets",
        "navigation": _navigation(request),
        "can": can,
    }
