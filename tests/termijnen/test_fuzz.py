"""Hostile values in every field of the forms this app and dossier closing added: each is
answered with a page (a field error or a redirect), never a server error."""

import datetime

import pytest
from django.urls import reverse

from statushouders.services import dossier_afsluiten
from termijnen.models import Feestdag
from termijnen.services import termijn_bijwerken
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

VIJANDIG = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "31-12-9999",
    "01-01-0001",
    "31-12-1999",
    "31-12-9999 23:59",
    "99999999999999999999",
    "2147483648",
    "\x0b",
    "a\x1bb",
    "\x7f",
    "\x85",
    "x" * 10_001,
    "29-02-2027",
    "-1",
    "9" * 30,
    "1e400",
    "<script>alert(1)</script>",
    "٧",
    "\u202eevil",
    "%00",
    "' OR 1=1 --",
]


def _posten(client, url, velden, basis):
    for veld in velden:
        for waarde in VIJANDIG:
            response = client.post(url, {**basis, veld: waarde})
            assert response.status_code < 500, (url, veld, waarde)


def test_formulieren_van_de_regisseur(regisseur_client, regisseur, persoon):
    termijn = termijn_bijwerken(
        persoon=persoon, code="pip_vaststellen", basisdatum=datetime.date(2026, 11, 2)
    )
    verlengen = reverse(
        "dossiertermijnen:termijn-verlengen",
        kwargs={"uuid": persoon.uuid, "termijn_id": termijn.pk},
    )
    _posten(regisseur_client, verlengen, ["dagen", "reden"], {"dagen": "3", "reden": "Tolk"})
    afsluiten = reverse("statushouders:persoon-afsluiten", args=[persoon.uuid])
    basis = {"afgesloten_op": "01-11-2026", "uitstroomreden": "overig", "toelichting": ""}
    # A valid combination would close the dossier and end the walk; leave the date invalid.
    _posten(
        regisseur_client,
        afsluiten,
        ["uitstroomreden", "toelichting"],
        {**basis, "afgesloten_op": ""},
    )
    _posten(regisseur_client, afsluiten, ["afgesloten_op"], {**basis, "uitstroomreden": ""})
    dossier_afsluiten(
        persoon=persoon,
        door=regisseur,
        afgesloten_op=datetime.date(2026, 11, 1),
        uitstroomreden="overig",
    )
    heropenen = reverse("statushouders:persoon-heropenen", args=[persoon.uuid])
    for waarde in VIJANDIG:
        assert regisseur_client.post(heropenen, {"reden": waarde}).status_code < 500


def test_zoekparameters_van_de_werkvoorraad(client, weert):
    client.force_login(UserFactory(teamleider=True, gemeenten=[weert]))
    for naam in ("termijnen:werkvoorraad", "termijnen:werkvoorraad-team", "termijnen:meldingen"):
        for parameter in ("groep", "soort", "gemeente", "regisseur", "volgorde", "pagina"):
            for waarde in VIJANDIG:
                response = client.get(reverse(naam), {parameter: waarde})
                assert response.status_code == 200, (naam, parameter, waarde)


def test_formulieren_van_functioneel_beheer(client):
    client.force_login(UserFactory(beheerder=True))
    config = reverse("termijnen:termijnconfig-bewerken", args=["verhuizing"])
    basis = {
        "label": "Verhuisd naar de gemeente",
        "wettelijke_basis": "COA/VNG-afspraken",
        "berekening": "koppeling + N",
        "lengte": "0",  # invalid, so no walk changes the configuration
        "eenheid": "weken",
    }
    _posten(client, config, ["label", "wettelijke_basis", "berekening", "eenheid"], basis)
    _posten(client, config, ["lengte"], {**basis, "eenheid": "onbekend"})
    lijst = reverse("termijnen:feestdag-lijst")
    _posten(client, lijst, ["datum"], {"naam": ""})
    _posten(client, lijst, ["naam"], {"datum": "31-02-2029"})
    dag = Feestdag.objects.first()
    bewerken = reverse("termijnen:feestdag-bewerken", args=[dag.pk])
    _posten(client, bewerken, ["datum"], {"naam": ""})
