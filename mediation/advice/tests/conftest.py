"""Fixtures for the information call and the family's decision."""

import datetime as dt

import pytest
from django.utils import timezone

from mediation.cases.models import Case
from mediation.directory.models import Organisation
from tests.factories.cases import RoutedCaseFactory


@pytest.fixture
def routed_case(served_la: Organisation) -> Case:
    """A referral whose route a coordinator confirmed; the decision letter came 20 days ago."""
    return RoutedCaseFactory.create(
        local_authority=served_la, decision_date=timezone.localdate() - dt.timedelta(days=20)
    )
