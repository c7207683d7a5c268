"""The provider's colour as a stylesheet, so a provider changes it in settings, not in Sass."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from mediation.core.branding import HEX_COLOUR, brand


@require_GET
@cache_control(public=True, max_age=3600)
def brand_css(request: HttpRequest) -> HttpResponse:
    colour = brand().colour
    # The system check refuses a malformed colour at start-up; never write one into CSS anyway.
    declaration = f"--app-brand-colour: {colour};" if HEX_COLOUR.match(colour) else ""
    return HttpResponse(f":root {{ {declaration} }}\n", content_type="text/css; charset=utf-8")
