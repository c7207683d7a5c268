"""Demo data: one user per role, loaded idempotently, and never where it is not allowed."""

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from mediation.accounts.models import User
from mediation.demo.loader import DEMO_PASSWORD, DEMO_USERS, demo_load
from mediation.directory.models import Service
from mediation.policy.roles import Role

pytestmark = pytest.mark.django_db


def test_demo_has_two_services_and_a_user_for_every_role(reference_data: None) -> None:
    demo_load()
    assert set(Service.objects.values_list("name", flat=True)) == {"London", "Regional"}
    london = Service.objects.get(name="London")
    assert london.local_authorities.count() == 33  # the 32 boroughs and the City
    assert {u.role for u in User.objects.all()} == set(Role)
    for demo_user in DEMO_USERS:
        user = User.objects.get(email=demo_user.email)
        assert user.check_password(DEMO_PASSWORD)


def test_demo_load_twice_adds_nothing(reference_data: None) -> None:
    demo_load()
    counts = (User.objects.count(), Service.objects.count())
    summary = demo_load()
    assert summary.users_created == []
    assert (User.objects.count(), Service.objects.count()) == counts


@override_settings(DEMO_DATA_ALLOWED=False)
def test_demo_data_is_refused_where_not_allowed(reference_data: None, capsys: Any) -> None:
    with pytest.raises(CommandError):
        call_command("load_demo_data")
    call_command("load_demo_data", "--if-allowed")
    assert "skipped" in capsys.readouterr().out
    assert not User.objects.exists()
