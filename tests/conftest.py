import datetime
import inspect
import os

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from hypothesis.database import DirectoryBasedExampleDatabase

from config.celery import app as celery_app
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import GemeenteFactory, PersoonFactory

# The state and fixtures of the fuzz walk (tests/core/test_fuzz_formulieren.py).
pytest_plugins = ["tests.fuzz"]

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Tasks run inside the test (and the live server) instead of through a broker.
celery_app.conf.task_always_eager = True

# Hypothesis: `make test` tries a few examples per form, the same ones on every run (the hostile
# values of tests/fuzz.py come on top of them, explicitly); `make fuzz` selects `diep`: many new
# examples on every run, and the ones that failed are kept under .run/hypothesis to be tried
# first the next time.
_HYPOTHESIS = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}
hypothesis_settings.register_profile(
    "standaard",
    max_examples=10,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    **_HYPOTHESIS,
)
hypothesis_settings.register_profile(
    "diep",
    max_examples=250,
    derandomize=False,
    database=DirectoryBasedExampleDatabase(settings.BASE_DIR / ".run" / "hypothesis"),
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    **_HYPOTHESIS,
)
hypothesis_settings.load_profile(os.environ.get("KOERS_HYPOTHESIS_PROFIEL", "standaard"))


def pytest_configure(config):
    # Test users get and type a password all the time; the production hasher is slow on
    # purpose (tests/config/test_productie_instellingen.py proves it still is) and would be most
    # of the run.
    override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()


def pytest_collection_modifyitems(items):
    """A clock that stands still for counting queries must stand still before anyone logs in:
    `vaste_klok` comes after the autouse fixtures (which may travel to a day of their own) and
    before every fixture the test asks for."""
    for item in items:
        namen = getattr(item, "fixturenames", None)
        if not namen or "vaste_klok" not in namen:
            continue
        eigen = set(inspect.signature(item.function).parameters)
        namen.remove("vaste_klok")
        namen.insert(next((i for i, n in enumerate(namen) if n in eigen), len(namen)), "vaste_klok")


@pytest.fixture(autouse=True)
def lege_cache():
    """Login rate limits and used one-time codes are counted in the cache: each test starts
    with none, whichever tests ran before it in the same process."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def vaste_klok():
    """The clock stands still, at the moment the test is at (now, or the day it travelled to),
    until the test ends. A counted request then never renews the session's last-activity stamp
    (accounts/middleware.py), however slow the machine: both query-count fixtures use it."""
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC), tick=False) as reis:
        yield reis


@pytest.fixture
def django_assert_num_queries(vaste_klok, django_assert_num_queries):
    return django_assert_num_queries


@pytest.fixture
def django_assert_max_num_queries(vaste_klok, django_assert_max_num_queries):
    return django_assert_max_num_queries


@pytest.fixture(autouse=True)
def gelijkgestelde_dagen(request):
    """The terms and the days declared equal to a holiday come with a migration. A browser
    test empties the database after itself, and a test that runs after it in the same process
    would find no terms or count deadlines without those days; put them back first, from the
    migration itself."""
    marker = request.node.get_closest_marker("django_db")
    transactioneel = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if transactioneel or "live_server" in request.fixturenames:
        return
    if marker is None and "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    from importlib import import_module

    from django.apps import apps

    from termijnen.models import Feestdag, TermijnConfig

    if not (Feestdag.objects.exists() and TermijnConfig.objects.exists()):
        import_module("termijnen.migrations.0001_initial").vullen(apps, None)
        import_module("termijnen.migrations.0002_eerste_dag_telt").markeren(apps, None)


@pytest.fixture(autouse=True)
def private_bestanden(settings, tmp_path):
    """Generated dossier files go to a directory of each test's own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def weert(db):
    return GemeenteFactory(naam="Weert", cbs_code="GM0988")


@pytest.fixture
def cranendonck(db):
    return GemeenteFactory(naam="Cranendonck", cbs_code="GM1706")


@pytest.fixture
def regisseur(weert):
    return UserFactory(
        username="ingrid", first_name="Ingrid", last_name="Janssen", gemeenten=[weert]
    )


@pytest.fixture
def regisseur_cranendonck(cranendonck):
    return UserFactory(username="bram", gemeenten=[cranendonck])


@pytest.fixture
def persoon(weert, regisseur):
    return PersoonFactory(gemeente=weert, regisseur=regisseur)


@pytest.fixture
def regisseur_client(client, regisseur):
    client.force_login(regisseur)
    return client
