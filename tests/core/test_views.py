from unittest import mock

import pytest
from django.urls import reverse

from core.services import toegang_vastleggen
from tests.accounts.factories import UserFactory
from tests.statushouders.factories import PersoonFactory

pytestmark = pytest.mark.django_db


def test_functioneel_beheer_doorzoekt_het_toegangslog(client, regisseur, persoon, weert):
    collega = UserFactory(gemeenten=[weert])
    ander = PersoonFactory(gemeente=weert)
    toegang_vastleggen(gebruiker=regisseur, persoon=persoon, pad=persoon.get_absolute_url())
    toegang_vastleggen(gebruiker=collega, persoon=ander, pad=ander.get_absolute_url())
    client.force_login(UserFactory(beheerder=True))
    url = reverse("core:toegangslog")

    alles = client.get(url).context["pagina"].object_list
    assert len(alles) == 2
    op_gebruiker = client.get(url, {"gebruiker": regisseur.pk}).context["pagina"].object_list
    assert [r.persoon_uuid for r in op_gebruiker] == [persoon.uuid]
    op_persoon = client.get(url, {"persoon_uuid": str(ander.uuid)}).context["pagina"]
    assert [r.gebruiker for r in op_persoon.object_list] == [collega]


def test_toegangslog_datums_in_verkeerde_volgorde_worden_uitgelegd(client, db):
    client.force_login(UserFactory(beheerder=True))
    response = client.get(reverse("core:toegangslog"), {"van": "10-03-2026", "tot": "01-03-2026"})
    assert response.context["form"].errors["tot"] == ["De einddatum ligt vóór de begindatum."]
    assert 'value="10-03-2026"' in response.content.decode()


def test_regisseur_kan_het_toegangslog_niet_zien(regisseur_client):
    assert regisseur_client.get(reverse("core:toegangslog")).status_code == 403


@pytest.mark.parametrize(
    ("trait", "bestemming"),
    [({}, "/personen/"), ({"beheerder": True}, "/beheer/toegangslog/")],
)
def test_startpagina_stuurt_door_naar_het_werk_van_de_rol(client, weert, trait, bestemming):
    client.force_login(UserFactory(gemeenten=[weert], **trait))
    assert client.get("/").url == bestemming


def test_inloggen_met_fout_wachtwoord_geeft_nederlandse_uitleg(client, regisseur):
    response = client.post(
        reverse("accounts:login"), {"username": regisseur.username, "password": "fout"}
    )
    assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()


def test_inloggen_en_uitloggen(client, regisseur):
    from tests.accounts.factories import WACHTWOORD

    response = client.post(
        reverse("accounts:login"), {"username": regisseur.username, "password": WACHTWOORD}
    )
    assert response.status_code == 302
    assert client.get("/personen/").status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get("/personen/").status_code == 302


def test_pagina_laadt_niets_van_andere_hosts(regisseur_client):
    html = regisseur_client.get("/personen/").content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html


def test_favicon_zonder_inloggen(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("favicon.svg")


def test_serverfout_toont_een_nederlandse_pagina_in_de_huisstijl(client):
    client.force_login(UserFactory(beheerder=True))
    client.raise_request_exception = False
    with mock.patch("core.views.toegangslog_zoeken", side_effect=RuntimeError("stuk")):
        response = client.get("/beheer/toegangslog/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in html and "utrecht-heading-1" in html and "stuk" not in html
