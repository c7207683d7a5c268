"""The demo mediation case is prepared once; the demo school then sees it on the partner side."""

from typing import Any

import pytest

from mediation import policy
from mediation.accounts.models import User
from mediation.demo.cases import demo_cases_load
from mediation.demo.loader import demo_load
from mediation.preparation.demo import demo_preparation_load
from mediation.preparation.models import CaseSummary, ChildViews, IntroContact

pytestmark = pytest.mark.django_db


def test_the_demo_case_is_prepared_once(reference_data: None, settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    demo_load()  # prepares the demo mediation case as part of the demo
    demo_cases_load()
    assert CaseSummary.objects.count() == 2
    assert ChildViews.objects.count() == 1
    assert IntroContact.objects.count() == 1
    assert demo_preparation_load() == []
    assert CaseSummary.objects.count() == 2

    school = User.objects.get(email="school@demo.example")
    case = CaseSummary.objects.first().case  # type: ignore[union-attr]
    assert policy.can(school, "portal.case.view", case)
    readable = [s for s in CaseSummary.objects.all() if policy.can(school, "summary.read", s)]
    assert [s.visibility for s in readable] == ["shared"]


def test_without_the_demo_data_nothing_is_added(reference_data: None) -> None:
    assert demo_preparation_load() == []
    assert not CaseSummary.objects.exists()
