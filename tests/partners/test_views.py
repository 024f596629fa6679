import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from core.models import Toegangslog
from partners import services
from partners.models import Verwijzing
from partners.selectors import verwijzing_url
from tests.fuzz import VIJANDIGE_WAARDEN, _zonder_toestandswijziging
from tests.partners.factories import PartnerFactory, PartnerMedewerkerFactory, VerwijzingFactory
from tests.statushouders.factories import PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vaste_dag():
    with time_machine.travel(datetime.datetime(2026, 4, 28, 10, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def partner():
    return PartnerFactory(naam="Vluchtelingenwerk Weert", soort="maatschappelijke_begeleiding")


@pytest.fixture
def medewerker(partner):
    return PartnerMedewerkerFactory(partner=partner, username="fatima")


@pytest.fixture
def partner_client(client, medewerker):
    client.force_login(medewerker)
    return client


@pytest.fixture
def eigen(persoon, partner, regisseur):
    persoon.straat, persoon.huisnummer, persoon.postcode, persoon.woonplaats = (
        "Markt",
        "12",
        "6001 AB",
        "Weert",
    )
    persoon.telefoon, persoon.voorkeurstaal = "+31 6 12345678", "Arabisch"
    persoon.save()
    return VerwijzingFactory(
        persoon=persoon,
        partner=partner,
        door=regisseur,
        adres_delen=True,
        notitie="Hulp bij post en rekeningen",
    )


def test_partner_krijgt_404_op_de_personenlijst_en_nieuw(partner_client, eigen):
    """Pages without an object, which the project-wide walk (tests/core/test_idor.py) opens
    for leaks but not for their answer; every dossier URL it attacks as each partner."""
    for url in ("/personen/", "/personen/nieuw/"):
        for methode in ("get", "post"):
            assert getattr(partner_client, methode)(url).status_code == 404, (url, methode)


def test_partner_ziet_verwijzing_van_een_andere_partner_niet(partner_client, persoon, regisseur):
    andere = VerwijzingFactory(persoon=persoon, door=regisseur)
    for naam in (
        "portaal-verwijzing",
        "verwijzing-accepteren",
        "verwijzing-afwijzen",
        "terugkoppeling-nieuw",
        "verwijzing-afronden",
    ):
        url = reverse(f"partners:{naam}", kwargs={"verwijzing_uuid": andere.uuid})
        assert partner_client.get(url).status_code == 404
        assert (
            partner_client.post(
                url, {"reden": "x", "resultaat": "x", "tekst": "x", "datum": "01-04-2026"}
            ).status_code
            == 404
        )
    andere.refresh_from_db()
    assert andere.status == "verstuurd"


def test_portaal_toont_alleen_eigen_verwijzingen_per_tab(partner_client, eigen, regisseur):
    VerwijzingFactory(
        persoon=PersoonFactory(gemeente=eigen.persoon.gemeente, achternaam="Anders"), door=regisseur
    )
    html = partner_client.get(reverse("partners:portaal")).content.decode()
    assert eigen.persoon.achternaam in html and "Anders" not in html
    assert (
        eigen.persoon.achternaam
        not in partner_client.get(reverse("partners:portaal"), {"tab": "lopend"}).content.decode()
    )


def test_verwijzingspagina_toont_alleen_wat_de_partner_nodig_heeft(
    partner_client, eigen, medewerker
):
    persoon = eigen.persoon
    html = partner_client.get(eigen.get_portal_url()).content.decode()
    for zichtbaar in (persoon.naam, "Arabisch", "+31 6 12345678", "Markt 12", "Hulp bij post"):
        assert zichtbaar in html
    for verborgen in (persoon.bsn, persoon.v_nummer, "Syrisch", "1990"):
        assert verborgen not in html
    assert Toegangslog.objects.filter(gebruiker=medewerker, persoon=persoon).exists()


def test_adres_alleen_als_de_regisseur_het_deelt(partner_client, eigen):
    Verwijzing.objects.filter(pk=eigen.pk).update(adres_delen=False)
    assert "Markt 12" not in partner_client.get(eigen.get_portal_url()).content.decode()


def test_accepteren_terugkoppelen_afronden_via_het_portaal(partner_client, eigen):
    url = eigen.get_portal_url()
    partner_client.post(url + "accepteren/")
    response = partner_client.post(
        url + "terugkoppeling/",
        {
            "datum": datetime.date(2026, 4, 28).strftime("%d-%m-%Y"),
            "tekst": "Samen post doorgenomen",
            "aanwezig": "true",
            "uren": "1,5",
        },
    )
    assert response.status_code == 302
    t = eigen.terugkoppelingen.get()
    assert t.aanwezig is True and float(t.uren) == 1.5
    partner_client.post(url + "afronden/", {"resultaat": "Regelt post zelfstandig"})
    eigen.refresh_from_db()
    assert eigen.status == "afgerond"


def test_afwijzen_zonder_reden_wordt_uitgelegd(partner_client, eigen):
    response = partner_client.post(eigen.get_portal_url() + "afwijzen/", {"reden": ""})
    assert response.status_code == 422
    assert response.context["afwijzen_form"].errors["reden"]
    eigen.refresh_from_db()
    assert eigen.status == "verstuurd"


def test_ongeldige_overgang_via_het_portaal_geeft_een_melding(partner_client, eigen):
    response = partner_client.post(
        eigen.get_portal_url() + "afronden/", {"resultaat": "Klaar"}, follow=True
    )
    assert "kan niet afgerond worden" in response.content.decode()


def test_regisseur_verwijst_vanuit_het_dossier(regisseur_client, persoon, partner):
    url = reverse("verwijzingen:verwijzing-nieuw", kwargs={"uuid": persoon.uuid})
    leeg = regisseur_client.get(url).content.decode()
    # Nothing about consent is filled in beforehand.
    assert 'name="toestemming_op" value' not in leeg
    assert "checked" not in leeg
    toestemming = leeg.split("Toestemming van de persoon")[1].split("<button")[0]
    assert toestemming.count("(niet verplicht)") == 1  # only the signed form is optional
    gegevens = {"partner": partner.pk, "leefgebied": "wonen", "doel": "Begeleiding"}
    response = regisseur_client.post(url, gegevens)
    assert response.status_code == 422
    fouten = response.context["form"].errors
    assert "Zonder toestemming" in fouten["toestemming_op"][0]
    assert "Kies hoe" in fouten["toestemming_wijze"][0]
    assert "deze partner en dit doel" in fouten["toestemming_bevestigd"][0]
    assert 'value="Begeleiding"' in response.content.decode()
    gegevens.update(toestemming_op="29-04-2026", toestemming_wijze="mondeling")
    response = regisseur_client.post(url, {**gegevens, "toestemming_bevestigd": "on"})
    assert "toekomst" in response.context["form"].errors["toestemming_op"][0]
    gegevens.update(toestemming_op="27-04-2026", toestemming_bevestigd="on")
    response = regisseur_client.post(url, gegevens)
    assert response.status_code == 302
    verwijzing = persoon.verwijzingen.get()
    assert verwijzing.partner == partner
    assert verwijzing.toestemming_op == datetime.date(2026, 4, 27)
    assert response.url == persoon.get_absolute_url() + "#verwijzingen"


def test_verwijzing_heeft_een_eigen_pagina_met_historie(
    regisseur_client, eigen, medewerker, regisseur
):
    services.verwijzing_accepteren(verwijzing=eigen, door=medewerker)
    dossier = regisseur_client.get(eigen.persoon.get_absolute_url()).content.decode()
    assert verwijzing_url(eigen) in dossier
    html = regisseur_client.get(verwijzing_url(eigen)).content.decode()
    assert "Verwijzing naar Vluchtelingenwerk Weert" in html
    assert eigen.toestemming_voor in html
    assert "Toestemming intrekken" in html
    # The history names who accepted, with the Dutch status labels.
    assert "Verstuurd" in html and "Geaccepteerd" in html and str(medewerker) in html


def test_intrekken_via_de_pagina_sluit_het_portaal(regisseur_client, eigen, medewerker):
    partner_client = Client()
    partner_client.force_login(medewerker)
    assert partner_client.get(eigen.get_portal_url()).status_code == 200
    url = reverse(
        "verwijzingen:toestemming-intrekken",
        kwargs={"uuid": eigen.persoon.uuid, "verwijzing_uuid": eigen.uuid},
    )
    response = regisseur_client.post(url, {"reden": "Belde vanochtend"}, follow=True)
    assert "kan deze verwijzing niet meer inzien" in response.content.decode()
    assert partner_client.get(eigen.get_portal_url()).status_code == 404
    assert (
        "Belde vanochtend" not in partner_client.get(reverse("partners:portaal")).content.decode()
    )
    html = regisseur_client.get(verwijzing_url(eigen)).content.decode()
    assert "Ingetrokken op" in html and "Belde vanochtend" in html
    assert regisseur_client.post(url, {"reden": "x\x00"}).status_code == 422


def test_toestemmingsformulier_alleen_voor_wie_het_dossier_mag_zien(
    regisseur_client, client, eigen, regisseur_cranendonck, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    eigen.toestemming_document.save("x.pdf", ContentFile(b"%PDF-1.7 handtekening"))
    url = reverse(
        "verwijzingen:toestemming-document",
        kwargs={"uuid": eigen.persoon.uuid, "verwijzing_uuid": eigen.uuid},
    )
    response = regisseur_client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.7 handtekening"
    client.force_login(regisseur_cranendonck)
    assert client.get(url).status_code == 404


def test_partner_ziet_naam_en_werkcontact_van_de_regisseur(partner_client, eigen, regisseur):
    regisseur.email, regisseur.telefoon = "i.janssen@weert.example", "0495 575 000"
    regisseur.save()
    html = partner_client.get(eigen.get_portal_url()).content.decode()
    assert "Ingrid Janssen" in html
    assert "i.janssen@weert.example" in html and "0495 575 000" in html


def test_dossier_toont_terugkoppeling_van_de_partner(regisseur_client, eigen, medewerker):
    eigen.terugkoppelingen.create(
        datum=datetime.date(2026, 4, 28), tekst="Eerste huisbezoek gedaan", door=medewerker
    )
    html = regisseur_client.get(eigen.persoon.get_absolute_url()).content.decode()
    assert "Eerste huisbezoek gedaan" in html and "Vluchtelingenwerk Weert" in html


def test_portaal_heeft_een_vast_aantal_queries(
    partner_client, partner, regisseur, weert, django_assert_max_num_queries
):
    for _ in range(30):
        VerwijzingFactory(partner=partner, persoon=PersoonFactory(gemeente=weert), door=regisseur)
    with django_assert_max_num_queries(10):
        assert partner_client.get(reverse("partners:portaal")).status_code == 200


def test_portaal_zoekt_zoals_de_lijst_van_de_regisseur(partner_client, partner, regisseur, weert):
    elif_ = PersoonFactory(gemeente=weert, voornamen="Elif", achternaam="Şahin")
    VerwijzingFactory(partner=partner, persoon=elif_, door=regisseur)
    for zoek in ("sahin", "Şahin, Elif", "elif sahin"):
        html = partner_client.get(reverse("partners:portaal"), {"q": zoek}).content.decode()
        assert "Elif Şahin" in html, zoek
    html = partner_client.get(reverse("partners:portaal"), {"q": elif_.bsn}).content.decode()
    assert "Geen verwijzingen gevonden met deze zoekopdracht." in html  # no BSN for partners
    html = partner_client.get(reverse("partners:portaal"), {"pagina": "0"}).content.decode()
    assert "Elif Şahin" in html


def test_vijandige_tekst_in_een_verder_geldig_formulier_geeft_nooit_een_serverfout(
    regisseur_client, persoon, partner, medewerker, regisseur
):
    """The fuzz walk (tests/fuzz.py) posts each form as its page fills it in: a new referral
    or feedback is refused for its empty fields before a text reaches the service and the
    database. Here the rest of the form is valid; each post is undone."""
    geaccepteerd = VerwijzingFactory(
        persoon=persoon, partner=partner, door=regisseur, geaccepteerd=True
    )
    portaal = Client()
    portaal.force_login(medewerker)
    formulieren = [
        (
            regisseur_client,
            reverse("verwijzingen:verwijzing-nieuw", kwargs={"uuid": persoon.uuid}),
            {
                "partner": partner.pk,
                "leefgebied": "taal",
                "doel": "Taalmaatje",
                "notitie": "",
                "toestemming_op": "27-04-2026",
                "toestemming_wijze": "mondeling",
                "toestemming_bevestigd": "on",
            },
            ["doel", "notitie"],
        ),
        (
            portaal,
            geaccepteerd.get_portal_url() + "terugkoppeling/",
            {"datum": "28-04-2026", "tekst": "Gesprek", "aanwezig": "true", "uren": "1,5"},
            ["tekst", "uren"],
        ),
    ]
    for client, url, basis, velden in formulieren:
        for veld in velden:
            for waarde in VIJANDIGE_WAARDEN:
                response = _zonder_toestandswijziging(
                    lambda c=client, u=url, g={**basis, veld: waarde}: c.post(u, g)
                )
                assert response.status_code < 500, (url, veld, waarde)
