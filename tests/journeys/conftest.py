import datetime as dt
from collections.abc import Iterator
from typing import Any
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
def _fresh_file_storage(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
