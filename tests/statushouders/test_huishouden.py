"""Household members added from the dossier, with their relation on both dossiers, and
households told apart by main person and place."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from pghistory.models import Events

from statushouders import services
from statushouders.models import Gezinsrelatie
from statushouders.selectors import huishoudleden
from tests.statushouders.factories import HuishoudenFactory, PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC)):
        yield


GEZINSLID = {
    "voornamen": "Lina",
    "achternaam": "Sabbagh",
    "geboortedatum": "12-03-2015",
    "geslacht": "v",
    "nationaliteit": "Syrisch",
    "doelgroep": "nareiziger",
    "relatie": "kind",
}


def test_gezinslid_toevoegen_vanuit_het_dossier(regisseur_client, regisseur, weert):
    ahmad = PersoonFactory(
        gemeente=weert,
        regisseur=regisseur,
        voornamen="Ahmad",
        achternaam="Sabbagh",
        straat="Markt",
        huisnummer="3",
        postcode="6001 AB",
        woonplaats="Weert",
    )
    url = reverse("statushouders:gezinslid-nieuw", kwargs={"uuid": ahmad.uuid})
    assert "Gezinslid toevoegen" in regisseur_client.get(ahmad.get_absolute_url()).content.decode()
    formulier = regisseur_client.get(url).content.decode()
    assert 'value="Sabbagh"' in formulier  # the family name is offered, not the relation
    assert "checked" not in formulier

    zonder_relatie = {k: v for k, v in GEZINSLID.items() if k != "relatie"}
    response = regisseur_client.post(url, zonder_relatie)
    assert response.status_code == 422
    assert "Kies hoe het gezinslid verwant is." in response.content.decode()
    assert 'value="Lina"' in response.content.decode()

    response = regisseur_client.post(url, GEZINSLID)
    assert response.status_code == 302
    ahmad.refresh_from_db()
    lina = ahmad.huishouden.leden.get(voornamen="Lina")
    assert ahmad.huishouden.naam == "Huishouden Sabbagh"
    assert ahmad.huishouden.hoofdpersoon == ahmad
    assert (lina.gemeente, lina.regisseur, lina.adres) == (weert, regisseur, ahmad.adres)

    dossier_ahmad = regisseur_client.get(ahmad.get_absolute_url()).content.decode()
    assert "Lina Sabbagh</a> · kind" in dossier_ahmad
    dossier_lina = regisseur_client.get(lina.get_absolute_url()).content.decode()
    assert "Ahmad Sabbagh</a> · ouder" in dossier_lina
    assert "Huishouden Sabbagh (Ahmad Sabbagh, Weert)" in dossier_lina

    relatie = Gezinsrelatie.objects.get()
    insert = Events.objects.tracks(relatie).get(pgh_label="insert")
    assert insert.pgh_context["user"] == regisseur.pk


def test_ongeldig_gezinslid_wordt_uitgelegd_en_niets_aangemaakt(regisseur_client, persoon):
    url = reverse("statushouders:gezinslid-nieuw", kwargs={"uuid": persoon.uuid})
    response = regisseur_client.post(
        url, {**GEZINSLID, "bsn": "123456789", "geboortedatum": "12-03-2030"}
    )
    assert response.status_code == 422
    fouten = response.context["form"].errors
    assert "bsn" in fouten and "geboortedatum" in fouten
    assert not Gezinsrelatie.objects.exists()
    assert persoon.huishouden is None


def test_gezinslid_van_een_ander_dossier_kan_niet(client, persoon, regisseur_cranendonck):
    client.force_login(regisseur_cranendonck)
    url = reverse("statushouders:gezinslid-nieuw", kwargs={"uuid": persoon.uuid})
    assert client.post(url, GEZINSLID).status_code == 404
    assert not Gezinsrelatie.objects.exists()


def test_twee_huishoudens_met_dezelfde_naam_zijn_te_onderscheiden(
    regisseur_client, regisseur, weert
):
    for voornaam, plaats in (("Ahmad", "Weert"), ("Rami", "Stramproy")):
        huishouden = HuishoudenFactory(gemeente=weert, naam="Huishouden Sabbagh")
        hoofd = PersoonFactory(
            gemeente=weert, voornamen=voornaam, achternaam="Sabbagh", woonplaats=plaats
        )
        hoofd.huishouden = huishouden
        hoofd.save()
        huishouden.hoofdpersoon = hoofd
        huishouden.save()
    ander = PersoonFactory(gemeente=weert, regisseur=regisseur)
    html = regisseur_client.get(
        reverse("statushouders:persoon-huishouden", kwargs={"uuid": ander.uuid})
    ).content.decode()
    assert "Huishouden Sabbagh (Ahmad Sabbagh, Weert)" in html
    assert "Huishouden Sabbagh (Rami Sabbagh, Stramproy)" in html


def test_verhuizen_naar_een_ander_huishouden_neemt_de_relaties_niet_mee(regisseur, weert):
    ahmad = PersoonFactory(gemeente=weert, regisseur=regisseur, achternaam="Sabbagh")
    lina = services.gezinslid_toevoegen(
        persoon=ahmad,
        door=regisseur,
        relatie="partner",
        gegevens={
            "voornamen": "Lina",
            "achternaam": "Sabbagh",
            "geboortedatum": datetime.date(1992, 1, 1),
            "geslacht": "v",
            "nationaliteit": "Syrisch",
            "doelgroep": "nareiziger",
        },
    )
    assert [(lid.persoon, lid.relatie) for lid in huishoudleden(persoon=lina)] == [
        (ahmad, "Partner")
    ]
    ahmad.refresh_from_db()
    services.huishouden_wijzigen(persoon=ahmad, door=regisseur, nieuw_huishouden="Eigen")
    assert not Gezinsrelatie.objects.exists()
    lina.refresh_from_db()
    assert lina.huishouden.hoofdpersoon == lina  # the one who stays takes over


def test_relatie_moet_bekend_zijn(regisseur, persoon):
    with pytest.raises(ValidationError):
        services.gezinslid_toevoegen(persoon=persoon, door=regisseur, relatie="neef", gegevens={})


def test_gezinslid_niet_ingeschreven_voor_de_geboorte(regisseur_client, persoon):
    url = reverse("statushouders:gezinslid-nieuw", kwargs={"uuid": persoon.uuid})
    response = regisseur_client.post(
        url, {**GEZINSLID, "geboortedatum": "01-01-2020", "brp_inschrijving_op": "01-01-2019"}
    )
    assert response.status_code == 422
    assert "vóór de geboortedatum" in response.context["form"].errors["brp_inschrijving_op"][0]
    assert not Gezinsrelatie.objects.exists()
