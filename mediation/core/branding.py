"""The provider's brand, from settings: who runs the service, its logo, colour and contact details.

The service is run by an independent provider, not by government, so pages, e-mails, PDFs and
calendar files carry the provider's brand and never GOV.UK's crown, logotype, Royal Arms or
typeface (docs/adr/0010-provider-brand.md). Everything here is configured, not coded: a provider
sets environment variables and points ``BRAND_DIR`` at its logo and icon.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.core.checks import register as register_check
from django.http import HttpRequest

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# WCAG 2.2 AA for normal text: the header's white text sits on the brand colour.
MINIMUM_CONTRAST = 4.5


@dataclass(frozen=True)
class Brand:
    service_name: str
    provider_name: str
    colour: str
    phone: str
    email: str
    address: str
    website: str
    registration: str  # "Registered charity number ..." or "Company number ...", as written
    logo: str  # a static file path, e.g. "brand/logo.svg"
    icon: str
    icon_data_uri: str  # the icon inlined, for documents (PDFs) that cannot fetch static files


def brand() -> Brand:
    return Brand(
        service_name=settings.SERVICE_NAME,
        provider_name=settings.SERVICE_PROVIDER_NAME,
        colour=settings.SERVICE_BRAND_COLOUR,
        phone=settings.SERVICE_PHONE,
        email=settings.SERVICE_EMAIL,
        address=settings.SERVICE_PROVIDER_ADDRESS,
        website=settings.SERVICE_PROVIDER_WEBSITE,
        registration=settings.SERVICE_PROVIDER_REGISTRATION,
        logo="brand/logo.svg",
        icon="brand/icon.svg",
        icon_data_uri=_data_uri(str(Path(settings.BRAND_DIR) / "icon.svg")),
    )


@lru_cache(maxsize=4)
def _data_uri(path: str) -> str:
    """An SVG file as a data: URI (read once per path; empty if the file is missing)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def brand_context(request: HttpRequest) -> dict[str, Brand]:
    """Template context processor: ``brand`` on every page."""
    return {"brand": brand()}


def _channel(hex_colour: str, index: int) -> float:
    value = int(hex_colour[1 + 2 * index : 3 + 2 * index], 16) / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour written #rrggbb."""
    red, green, blue = (_channel(hex_colour, i) for i in range(3))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@register_check()
def check_brand_colour(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """The brand colour must be a colour, dark enough for the header's white text to be read."""
    colour = settings.SERVICE_BRAND_COLOUR
    if not HEX_COLOUR.match(colour):
        return [
            Error(
                f"SERVICE_BRAND_COLOUR must be written #rrggbb, not {colour!r}.",
                id="mediation.E010",
            )
        ]
    ratio = contrast_ratio(colour, "#ffffff")
    if ratio < MINIMUM_CONTRAST:
        return [
            Error(
                f"SERVICE_BRAND_COLOUR {colour} is too light: white text on it has a contrast of "
                f"{ratio:.1f}:1, and WCAG 2.2 AA needs {MINIMUM_CONTRAST}:1.",
                hint="Choose a darker shade of the provider's colour.",
                id="mediation.E011",
            )
        ]
    return []
