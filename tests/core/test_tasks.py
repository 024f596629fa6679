import datetime
import importlib

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from core.tasks import verlopen_sessies_opschonen


@pytest.mark.parametrize("naam", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_elke_taak_in_het_beat_schema_bestaat(naam):
    module, _, functie = settings.CELERY_BEAT_SCHEDULE[naam]["task"].rpartition(".")
    taak = getattr(importlib.import_module(module), functie)
    assert taak.name == settings.CELERY_BEAT_SCHEDULE[naam]["task"]


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC))
def test_verlopen_sessies_worden_opgeruimd_en_geldige_blijven():
    geldig = SessionStore()
    geldig.create()
    verlopen = SessionStore()
    verlopen.create()
    Session.objects.filter(session_key=verlopen.session_key).update(
        expire_date=datetime.datetime(2026, 5, 3, 9, 0, tzinfo=datetime.UTC)
    )
    assert verlopen_sessies_opschonen() == 1
    assert verlopen_sessies_opschonen() == 0
    assert list(Session.objects.values_list("session_key", flat=True)) == [geldig.session_key]
