"""What the ontzorging page offers follows the rules the services check: a running period can
be changed, an ended one not; and the progress of a SEPA export or a bank statement."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from ontzorging import selectors
from statushouders.constants import Uitstroomreden
from tests.accounts.factories import UserFactory

from .factories import (
    AfschriftFactory,
    BetaalbatchFactory,
    BetalingFactory,
    OntzorgperiodeFactory,
    doelgroeppersoon,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vaste_dag")]


@pytest.fixture
def vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 9, 1, 9, 0), tick=False):
        yield


def _pagina(client, persoon) -> str:
    response = client.get(reverse("ontzorging:periode-detail", kwargs={"uuid": persoon.uuid}))
    assert response.status_code == 200
    return response.content.decode()


def _actielinks(persoon, periode, betaling) -> dict[str, str]:
    last = betaling.vaste_last
    return {
        "bewerken": reverse("ontzorging:periode-bewerken", args=[persoon.uuid, periode.uuid]),
        "verlengen": reverse("ontzorging:periode-verlengen", args=[persoon.uuid, periode.uuid]),
        "beeindigen": reverse("ontzorging:periode-beeindigen", args=[persoon.uuid, periode.uuid]),
        "last toevoegen": reverse("ontzorging:last-nieuw", args=[persoon.uuid, periode.uuid]),
        "last wijzigen": reverse("ontzorging:last-bewerken", args=[persoon.uuid, last.uuid]),
        "overname": reverse("ontzorging:last-overname", args=[persoon.uuid, last.uuid]),
        "opnieuw plannen": reverse("ontzorging:betaling-opnieuw", args=[persoon.uuid, betaling.pk]),
    }


def _met_mislukte_betaling(persoon, **trait):
    periode = OntzorgperiodeFactory(persoon=persoon, **trait)
    betaling = BetalingFactory(vaste_last__periode=periode, mislukt=True)
    return periode, betaling


@pytest.mark.parametrize("stand", ["actief", "afbouw"])
def test_lopende_periode_biedt_elke_actie(regisseur_client, regisseur, weert, stand):
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur)
    periode, betaling = _met_mislukte_betaling(persoon, **{stand: True})
    html = _pagina(regisseur_client, persoon)
    ontbreekt = [n for n, url in _actielinks(persoon, periode, betaling).items() if url not in html]
    assert not ontbreekt
    assert "Overdracht: de persoon betaalt zelf" in html
    # One period at a time: no second one while this one runs.
    assert reverse("ontzorging:periode-nieuw", args=[persoon.uuid]) not in html


def test_beeindigde_periode_biedt_geen_wijziging_maar_wel_een_nieuwe(
    regisseur_client, regisseur, weert
):
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur)
    periode, betaling = _met_mislukte_betaling(persoon, beeindigd=True)
    html = _pagina(regisseur_client, persoon)
    getoond = [n for n, url in _actielinks(persoon, periode, betaling).items() if url in html]
    assert not getoond
    assert "Overdracht: de persoon betaalt zelf" not in html
    tekst = re.sub(r"\s+", " ", html)
    assert "de periode is beëindigd: regel deze betaling buiten Koers" in tekst
    assert reverse("ontzorging:periode-nieuw", args=[persoon.uuid]) in html


def test_afgesloten_dossier_biedt_geen_nieuwe_periode(regisseur_client, regisseur, weert):
    persoon = doelgroeppersoon(
        gemeente=weert,
        regisseur=regisseur,
        afgesloten_op=datetime.date(2026, 8, 1),
        uitstroomreden=Uitstroomreden.BETAALD_WERK,
    )
    assert reverse("ontzorging:periode-nieuw", args=[persoon.uuid]) not in _pagina(
        regisseur_client, persoon
    )


def test_wie_niet_in_de_gemeente_werkt_mag_niets(regisseur, weert, cranendonck):
    persoon = doelgroeppersoon(gemeente=weert, regisseur=regisseur)
    periode = OntzorgperiodeFactory(persoon=persoon)
    buiten = UserFactory(gemeenten=[cranendonck])
    eigen = selectors.periode_acties(persoon=persoon, periode=periode, user=regisseur)
    elders = selectors.periode_acties(persoon=persoon, periode=periode, user=buiten)
    assert eigen.mag_verlengen and eigen.mag_last_toevoegen
    assert not any(vars(elders).values())


# --- Progress of a background job -------------------------------------------------------------


def test_sepa_export_pollt_met_voortgang_tot_hij_klaar_is(regisseur_client, weert):
    batch = BetaalbatchFactory(
        gemeente=weert, goedgekeurd=True, export_status="bezig", export_voortgang=40
    )
    status = reverse("ontzorging:batch-status", kwargs={"batch": batch.uuid})
    html = regisseur_client.get(status).content.decode()
    assert f'hx-get="{status}"' in html and 'value="40"' in html
    assert "Het SEPA-bestand wordt gemaakt" in html
    pagina = regisseur_client.get(reverse("ontzorging:batch-detail", kwargs={"batch": batch.uuid}))
    assert f'hx-get="{status}"' in pagina.content.decode()
    # While it runs there is nothing to start or download.
    assert "SEPA-bestand maken" not in pagina.content.decode()
    batch.export_status, batch.export_voortgang = "klaar", 100
    batch.save(update_fields=["export_status", "export_voortgang"])
    assert regisseur_client.get(status, headers={"HX-Request": "true"})["HX-Refresh"] == "true"


def test_mislukte_export_stopt_met_pollen_en_biedt_opnieuw_maken(regisseur_client, weert):
    batch = BetaalbatchFactory(gemeente=weert, goedgekeurd=True, export_status="mislukt")
    html = regisseur_client.get(
        reverse("ontzorging:batch-detail", kwargs={"batch": batch.uuid})
    ).content.decode()
    assert "hx-get" not in html
    assert "Het SEPA-bestand kon niet worden gemaakt." in html
    assert "SEPA-bestand maken" in html


def test_afschrift_toont_voortgang_dan_uitkomst(regisseur_client, weert):
    afschrift = AfschriftFactory(gemeente=weert, bezig=True)
    status = reverse("ontzorging:afschrift-status", kwargs={"afschrift": afschrift.uuid})
    html = regisseur_client.get(status).content.decode()
    assert f'hx-get="{status}"' in html and 'value="40"' in html
    afschrift.status, afschrift.voortgang, afschrift.regels = "klaar", 100, 3
    afschrift.niet_gevonden = [
        {"datum": "28-07-2026", "kenmerk": "", "richting": "af", "bedrag": "12.50",
         "naam": "Onbekend", "omschrijving": "x", "waarom": "geen betaling"}
    ]  # fmt: skip
    afschrift.save()
    html = regisseur_client.get(status).content.decode()
    assert "hx-get" not in html
    assert "Verwerkt: 3 regels" in html and "Niet gevonden" in html


def test_mislukt_afschrift_zegt_waarom(regisseur_client, weert):
    afschrift = AfschriftFactory(gemeente=weert, mislukt_ingelezen=True)
    html = regisseur_client.get(
        reverse("ontzorging:afschrift-detail", kwargs={"afschrift": afschrift.uuid})
    ).content.decode()
    assert "Het afschrift is niet verwerkt: Het bestand is geen camt.053." in html
    assert "hx-get" not in html
