"""The demo panel: Helen Marsh (conflicted with Islington) and Daniel Reyes."""

from collections.abc import Callable
from typing import Any

import pytest

from mediation.panel import presenters, selectors
from mediation.panel.demo import demo_panel_load

pytestmark = pytest.mark.django_db


def test_demo_panel_load_is_idempotent(reference_data: None, make_user: Callable[..., Any]) -> None:
    from mediation.directory import selectors as directory_selectors

    provider = directory_selectors.provider_organisation()
    helen = make_user(
        "mediator", email="mediator@demo.example", full_name="Helen Marsh", organisation=provider
    )
    daniel = make_user(
        "mediator", email="mediator2@demo.example", full_name="Daniel Reyes", organisation=provider
    )
    make_user("mediation_adviser", email="adviser@demo.example", organisation=provider)

    added = demo_panel_load()
    assert added == [
        "panel profile for Helen Marsh",
        "panel profile for Daniel Reyes",
        "Helen Marsh's conflict with Islington",
    ]
    assert demo_panel_load() == []

    helen_profile = selectors.profile_of(mediator=helen)
    daniel_profile = selectors.profile_of(mediator=daniel)
    assert helen_profile is not None
    assert daniel_profile is not None
    assert helen_profile.languages == ["English", "Bengali"]
    assert daniel_profile.languages == ["English", "Polish"]
    assert selectors.accreditation_state(helen_profile)[0] == "current"
    assert selectors.accreditation_state(daniel_profile)[0] == "current"
    (conflict,) = selectors.conflicts_of(mediator=helen)
    assert conflict.organisation is not None
    assert conflict.organisation.code == "E09000019"
    assert conflict.description == "Worked for Islington's SEN team until 2024"
    assert not selectors.conflicts_of(mediator=daniel).exists()
    # The adviser is not a mediator, so is not on the panel.
    assert [row.mediator for row in presenters.panel_list()] == [daniel, helen]
