"""The provider's brand: configured in settings, checked for contrast, free of GOV.UK's marks."""

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from mediation.core.branding import brand, check_brand_colour, contrast_ratio

BUILT_CSS = Path(settings.BASE_DIR) / "build" / "static" / "css"
# What belongs to GOV.UK alone: its typeface, the crown and logotype, the Royal Arms, its licence.
GOVUK_ONLY = ("GDS Transport", "govuk-crest", "govuk-logo", "crown", "Open Government Licence")


def test_contrast_ratio_follows_wcag() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # GOV.UK's own blue with white text: 5.2:1 (WCAG's formula).
    assert contrast_ratio("#1d70b8", "#ffffff") == pytest.approx(5.17, abs=0.01)


def test_the_default_brand_colour_passes_its_own_check() -> None:
    assert check_brand_colour() == []


@pytest.mark.parametrize(
    ("colour", "error"),
    [("#ffdd00", "mediation.E011"), ("teal", "mediation.E010"), ("#12345", "mediation.E010")],
    ids=["too-light", "a-name", "too-short"],
)
def test_a_brand_colour_that_white_text_cannot_sit_on_is_refused(
    settings: Any, colour: str, error: str
) -> None:
    settings.SERVICE_BRAND_COLOUR = colour
    assert [m.id for m in check_brand_colour()] == [error]


def test_the_brand_comes_from_settings(settings: Any) -> None:
    settings.SERVICE_PROVIDER_NAME = "Northbridge Family Mediation"
    settings.SERVICE_BRAND_COLOUR = "#4c2c92"
    assert brand().provider_name == "Northbridge Family Mediation"
    assert brand().colour == "#4c2c92"


def test_brand_css_carries_the_configured_colour(client: Any, settings: Any) -> None:
    settings.SERVICE_BRAND_COLOUR = "#4c2c92"
    response = client.get(reverse("pages:brand-css"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "--app-brand-colour: #4c2c92;" in response.content.decode()


def test_brand_css_never_writes_a_malformed_colour(client: Any, settings: Any) -> None:
    settings.SERVICE_BRAND_COLOUR = "red;} body{display:none"
    assert "red" not in client.get(reverse("pages:brand-css")).content.decode()


@pytest.mark.django_db
def test_pages_carry_the_providers_brand_and_none_of_govuks(client: Any) -> None:
    html = client.get(reverse("pages:start")).content.decode()
    assert "Synthetic Mediation Services" in html
    assert "govuk-generic-header" in html
    for mark in (*GOVUK_ONLY, "govuk-header__", "govuk-footer", "Crown copyright"):
        assert mark not in html, mark


@pytest.mark.parametrize("name", ["application.css", "moj.css"])
def test_the_built_css_has_no_govuk_only_marks(name: str) -> None:
    css = (BUILT_CSS / name).read_text()
    for mark in GOVUK_ONLY:
        assert mark not in css, f"{mark} in {name}"
