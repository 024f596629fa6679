import datetime
import zoneinfo

import pytest
import time_machine


@pytest.fixture(autouse=True)
def vandaag():
    """Every PIP test runs on 15 April 2026 unless it travels elsewhere, so dates on pages, in
    versions and in deadlines are the same on every run."""
    moment = datetime.datetime(2026, 4, 15, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment):
        yield moment.date()
