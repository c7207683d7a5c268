"""The family's private link: it shows their dates and documents, and nothing without it."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from mediation.cases import services

pytestmark = pytest.mark.django_db


def test_the_link_shows_the_familys_dates(client: Any, make_case: Any) -> None:
    case = make_case(decision_date=dt.date(2026, 10, 1))
    path = services.family_link_create(case=case)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert case.reference in html
    assert "Appeal to the Tribunal" in html or "appeal" in html.lower()
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_an_unknown_or_revoked_link_is_404(client: Any, make_case: Any) -> None:
    case = make_case()
    old = services.family_link_create(case=case)
    new = services.family_link_create(case=case)  # a new link revokes the old one
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get(reverse("family:case", kwargs={"token": "guess"})).status_code == 404
    assert client.get(reverse("family:agreement-pdf", kwargs={"token": "guess"})).status_code == 404


def test_no_agreement_pdf_before_there_is_one(client: Any, make_case: Any) -> None:
    case = make_case()
    path = services.family_link_create(case=case)
    token = path.rstrip("/").split("/")[-1]
    assert client.get(reverse("family:agreement-pdf", kwargs={"token": token})).status_code == 404
