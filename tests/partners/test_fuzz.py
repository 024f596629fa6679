"""Hostile values in every field of the referral forms and the portal's parameters: each is
answered with a page (a field error or a redirect), never a server error."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.partners.factories import PartnerFactory, PartnerMedewerkerFactory, VerwijzingFactory
from tests.termijnen.test_fuzz import VIJANDIG

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 4, 28, 10, tzinfo=datetime.UTC)):
        yield


def _posten(client, url, basis):
    for veld in basis:
        for waarde in VIJANDIG:
            response = client.post(url, {**basis, veld: waarde})
            assert response.status_code < 500, (url, veld, waarde)


def test_verwijsformulier_en_intrekken(regisseur_client, regisseur, persoon):
    partner = PartnerFactory()
    nieuw = reverse("verwijzingen:verwijzing-create", kwargs={"uuid": persoon.uuid})
    basis = {
        "partner": partner.pk,
        "leefgebied": "taal",
        "doel": "Taalmaatje",
        "notitie": "",
        "adres_delen": "",
        "toestemming_op": "27-04-2026",
        "toestemming_wijze": "mondeling",
        "toestemming_bevestigd": "on",
    }
    _posten(regisseur_client, nieuw, basis)
    verwijzing = VerwijzingFactory(persoon=persoon, door=regisseur, partner=partner)
    intrekken = reverse(
        "verwijzingen:toestemming-intrekken",
        kwargs={"uuid": persoon.uuid, "verwijzing_uuid": verwijzing.uuid},
    )
    for waarde in VIJANDIG:
        assert regisseur_client.post(intrekken, {"reden": waarde}).status_code < 500


def test_portaalformulieren_en_zoeken(regisseur, persoon):
    verwijzing = VerwijzingFactory(persoon=persoon, door=regisseur, geaccepteerd=True)
    client = Client()
    client.force_login(PartnerMedewerkerFactory(partner=verwijzing.partner))
    url = verwijzing.get_portal_url()
    _posten(
        client,
        url + "terugkoppeling/",
        {"datum": "28-04-2026", "tekst": "Gesprek", "aanwezig": "true", "uren": "1,5"},
    )
    _posten(client, url + "afwijzen/", {"reden": "Vol"})
    for parameter in ("tab", "q", "pagina"):
        for waarde in VIJANDIG:
            response = client.get(reverse("partners:portaal"), {parameter: waarde})
            assert response.status_code == 200, (parameter, waarde)
