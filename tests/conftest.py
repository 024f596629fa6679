import os

import pytest

from config.celery import app as celery_app
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import GemeenteFactory, PersoonFactory

# The state and fixtures of the fuzz tests (tests/core/test_fuzz_*.py).
pytest_plugins = ["tests.fuzz"]

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Tasks run inside the test (and the live server) instead of through a broker.
celery_app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def gelijkgestelde_dagen(request):
    """The days declared equal to a holiday come with a migration. A browser test empties the
    database after itself, and a test that runs after it in the same process would count
    deadlines without them; put them back first."""
    marker = request.node.get_closest_marker("django_db")
    transactioneel = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if transactioneel or "live_server" in request.fixturenames:
        return
    if marker is None and "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    from termijnen.constants import GELIJKGESTELDE_DAGEN
    from termijnen.models import Feestdag

    if not Feestdag.objects.exists():
        Feestdag.objects.bulk_create(
            [Feestdag(datum=datum, naam=naam) for datum, naam in GELIJKGESTELDE_DAGEN]
        )


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
