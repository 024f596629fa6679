"""An ontzorging object outside the user's scope answers 404, and the attempt is in the access
log as refused: against the person the object concerns, or, for a gemeente's batch or bank
statement (which name no person), by its address."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from core.models import Toegangslog
from tests.statushouders.factories import PersoonFactory

from .factories import AfschriftFactory, BetaalbatchFactory, BetalingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vaste_dag")]

# Each URL of a person's ontzorging that names an object of its own, and that object's kind.
DOSSIER_ONDERDELEN = [
    ("ontzorging:periode-bewerken", "periode"),
    ("ontzorging:periode-verlengen", "periode"),
    ("ontzorging:periode-beeindigen", "periode"),
    ("ontzorging:last-nieuw", "periode"),
    ("ontzorging:last-bewerken", "last"),
    ("ontzorging:last-overname", "last"),
    ("ontzorging:betaling-opnieuw", "betaling"),
]
GEMEENTE_ONDERDELEN = [
    ("ontzorging:batch-detail", "batch"),
    ("ontzorging:batch-status", "batch"),
    ("ontzorging:batch-goedkeuren", "batch"),
    ("ontzorging:batch-exporteren", "batch"),
    ("ontzorging:batch-intrekken", "batch"),
    ("ontzorging:batch-download", "batch"),
    ("ontzorging:afschrift-detail", "afschrift"),
    ("ontzorging:afschrift-status", "afschrift"),
]


@pytest.fixture
def vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 7, 20, 9, 0), tick=False):
        yield


@pytest.fixture
def weert_objecten(weert, persoon):
    """A Weert person's period with a vaste last and a failed payment, and Weert's exported
    batch and a bank statement."""
    betaling = BetalingFactory(
        mislukt=True,
        vaste_last__periode__persoon=persoon,
        vaste_last__periode__start_bijstand=datetime.date(2026, 7, 1),
    )
    last = betaling.vaste_last
    return {
        "periode": {"periode": last.periode.uuid},
        "last": {"last": last.uuid},
        "betaling": {"betaling": betaling.pk},
        "batch": {"batch": BetaalbatchFactory(gemeente=weert, geexporteerd=True).uuid},
        "afschrift": {"afschrift": AfschriftFactory(gemeente=weert, klaar=True).uuid},
    }


@pytest.fixture
def indringer(cranendonck, regisseur_cranendonck):
    """A regisseur of Cranendonck, with a person of their own to put in the address."""
    client = Client()
    client.force_login(regisseur_cranendonck)
    client.eigen = PersoonFactory(gemeente=cranendonck, regisseur=regisseur_cranendonck)
    return client


def _geweigerd(url):
    return Toegangslog.objects.filter(toegestaan=False, pad=url)


@pytest.mark.parametrize("methode", ["get", "post"])
@pytest.mark.parametrize("dossier", ["eigen", "van de persoon"])
@pytest.mark.parametrize(("naam", "soort"), DOSSIER_ONDERDELEN)
def test_onderdeel_van_een_persoon_elders_wordt_geweigerd_en_gelogd(
    indringer, regisseur_cranendonck, persoon, weert_objecten, naam, soort, dossier, methode
):
    # In one's own person's address or in that of the person it belongs to: not theirs.
    persoon_in_adres = indringer.eigen if dossier == "eigen" else persoon
    url = reverse(naam, kwargs={"uuid": persoon_in_adres.uuid, **weert_objecten[soort]})
    assert getattr(indringer, methode)(url).status_code == 404
    regel = _geweigerd(url).get()
    assert (regel.gebruiker, regel.persoon, regel.persoon_uuid) == (
        regisseur_cranendonck,
        persoon,
        persoon.uuid,
    )


@pytest.mark.parametrize("methode", ["get", "post"])
@pytest.mark.parametrize(("naam", "soort"), GEMEENTE_ONDERDELEN)
def test_batch_of_afschrift_van_een_andere_gemeente_wordt_geweigerd_en_gelogd(
    indringer, regisseur_cranendonck, weert_objecten, naam, soort, methode
):
    url = reverse(naam, kwargs=weert_objecten[soort])
    assert getattr(indringer, methode)(url).status_code == 404
    regel = _geweigerd(url).get()
    assert (regel.gebruiker, regel.persoon, regel.persoon_uuid) == (
        regisseur_cranendonck,
        None,
        None,
    )


@pytest.mark.parametrize(("naam", "soort"), DOSSIER_ONDERDELEN + GEMEENTE_ONDERDELEN)
def test_de_eigen_gemeente_opent_dezelfde_adressen_zonder_weigering(
    regisseur_client, persoon, weert_objecten, naam, soort
):
    """The addresses above are real: Weert's own regisseur opens each, so the 404 elsewhere
    is the scope and not a mistyped URL."""
    kwargs = dict(weert_objecten[soort])
    if soort in ("periode", "last", "betaling"):
        kwargs["uuid"] = persoon.uuid
    url = reverse(naam, kwargs=kwargs)
    assert regisseur_client.get(url).status_code in (200, 302)
    assert not Toegangslog.objects.filter(toegestaan=False).exists()
