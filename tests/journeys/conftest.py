import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

LONDON = ZoneInfo("Europe/London")
# A Wednesday; the journeys' decision letters are dated before it.
TODAY = dt.date(2026, 10, 21)


@pytest.fixture
def today() -> Iterator[dt.date]:
    """Every journey runs on the same known day, so dates on pages and PDFs are predictable."""
    cache.clear()
    with time_machine.travel(dt.datetime(2026, 10, 21, 9, 30, tzinfo=LONDON), tick=True):
        yield TODAY
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_file_storage(fresh_file_storage: None) -> None:
    """A fresh file store per test: no journey sees another's files."""
