import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Toegangslog
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
        reverse("accounts:login"), {"login": regisseur.username, "password": "fout"}
    )
    assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()


def test_inloggen_en_uitloggen(client, regisseur):
    from tests.accounts.factories import WACHTWOORD
    from tests.accounts.totp import totp_code, totp_instellen

    totp_instellen(regisseur)
    response = client.post(
        reverse("accounts:login"), {"login": regisseur.username, "password": WACHTWOORD}
    )
    assert response.status_code == 302
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
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


@pytest.fixture
def beheer_client(client, db):
    client.force_login(UserFactory(beheerder=True))
    return client


def _toegangslog(client, **params):
    return client.get(reverse("core:toegangslog"), params)


def test_toegangslog_zoekt_op_naam_en_deel_van_het_bsn(beheer_client, regisseur, weert):
    ayse = PersoonFactory(gemeente=weert, voornamen="Ayşe", achternaam="Şahin", bsn="123456782")
    omar = PersoonFactory(gemeente=weert, voornamen="Omar", achternaam="Haddad", bsn="111222333")
    for persoon in (ayse, omar):
        toegang_vastleggen(gebruiker=regisseur, persoon=persoon, pad=persoon.get_absolute_url())

    def gevonden(zoek):
        pagina = _toegangslog(beheer_client, zoek=zoek).context["pagina"]
        return [regel.persoon_uuid for regel in pagina.object_list]

    assert gevonden("Şahin, Ayşe") == [ayse.uuid]
    assert gevonden("ayse sahin") == [ayse.uuid]
    assert gevonden("haddad") == [omar.uuid]
    assert gevonden("5678") == [ayse.uuid]
    assert gevonden("123.456.782") == [ayse.uuid]
    assert gevonden("123") == []  # too few digits to search the BSN
    html = _toegangslog(beheer_client, zoek="123").content.decode()
    assert html.count("Geen regels gevonden.") == 1


@pytest.mark.parametrize("zoek", ["Şahin\x00", "Şa\x07hin", "Şahin\u200b"])
def test_toegangslog_weigert_stuurtekens_in_de_zoekterm(beheer_client, zoek):
    response = _toegangslog(beheer_client, zoek=zoek)
    assert response.status_code == 200
    assert response.context["form"].errors["zoek"] == [
        "Deze tekst bevat onzichtbare stuurtekens of regeleinden; typ of plak de tekst opnieuw."
    ]
    assert "onzichtbare stuurtekens" in response.content.decode()


def test_toegangslog_heeft_een_vast_aantal_queries(
    beheer_client, regisseur, weert, django_assert_max_num_queries
):
    personen = PersoonFactory.create_batch(3, gemeente=weert, achternaam="Haddad")
    moment = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)

    def regels(aantal):
        Toegangslog.objects.bulk_create(
            Toegangslog(
                gebruiker=regisseur,
                persoon=personen[i % 3],
                persoon_uuid=personen[i % 3].uuid,
                pad="/personen/",
                moment=moment,
            )
            for i in range(aantal)
        )

    regels(60)
    with CaptureQueriesContext(connection) as weinig:
        _toegangslog(beheer_client, zoek="haddad", pagina="2")
    regels(600)
    with django_assert_max_num_queries(len(weinig)):
        response = _toegangslog(beheer_client, zoek="haddad", pagina="2")
    assert response.context["pagina"].paginator.count == 660
    assert len(response.context["pagina"].object_list) == 50
    assert 'aria-current="page"' in response.content.decode()


@pytest.mark.parametrize("pagina", ["abc", "0", "1\x00", "99999999999999999999"])
def test_toegangslog_met_ongeldig_paginanummer_toont_een_geldige_pagina(beheer_client, pagina):
    assert _toegangslog(beheer_client, pagina=pagina).status_code == 200


def test_lege_keuze_voor_gebruiker_heet_alle(beheer_client):
    html = _toegangslog(beheer_client).content.decode()
    assert "---------" not in html and ">Alle</option>" in html


@pytest.mark.parametrize("veld", ["zoek", "gebruiker", "persoon_uuid", "van", "tot", "pagina"])
def test_vijandige_waarden_in_het_toegangslog_geven_nooit_een_serverfout(beheer_client, veld):
    for waarde in ["\x00", "a\x00b", "x" * 5000, "9" * 5000, "-1", "٧", "\u202eevil", "%"]:
        assert _toegangslog(beheer_client, **{veld: waarde}).status_code == 200, (veld, waarde)
