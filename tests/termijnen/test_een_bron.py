"""A deadline's date lives in its deadline row only: a changed length, a one-time extension
and a DUO extension show the same new date on the dossier, the PIP page, the PDF text, the
partner portal and the worklist."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from partners import services as partner_services
from pip_plans import services as pip_services
from termijnen.services import termijn_verlengen, termijnconfig, termijnconfig_wijzigen
from tests.accounts.factories import UserFactory
from tests.partners.factories import PartnerFactory, PartnerMedewerkerFactory
from tests.pip_plans.factories import PlanFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def beheer(db):
    return UserFactory(beheerder=True)


@pytest.fixture
def versie(persoon, regisseur):
    plan = PlanFactory(intake__persoon=persoon)
    with time_machine.travel(D(2026, 4, 15)):
        return pip_services.plan_vaststellen(
            plan=plan, door=regisseur, bekendmaking_op=D(2026, 4, 16)
        )


def _pdf_tekst(versie, regisseur) -> str:
    versie.refresh_from_db()
    if versie.pdf:  # render again, as "PDF opnieuw maken" does
        pip_services.plan_pdf_opnieuw(versie=versie, door=regisseur)
    versie = pip_services.plan_pdf_opslaan(versie_id=versie.pk)
    with versie.pdf.open("rb") as pdf:
        tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    return " ".join(tekst.split())


def _overal(client, persoon, versie, regisseur) -> dict[str, str]:
    return {
        "dossier": client.get(persoon.get_absolute_url()).content.decode(),
        "pip": client.get(reverse("pip_plans:plan-detail", args=[persoon.uuid])).content.decode(),
        "pdf": _pdf_tekst(versie, regisseur),
    }


@time_machine.travel(D(2026, 5, 1))
def test_lengte_en_duo_verlenging_overal_dezelfde_datum(
    regisseur_client, regisseur, persoon, versie, beheer
):
    pagina = _overal(regisseur_client, persoon, versie, regisseur)
    assert "15-04-2029" in pagina["dossier"] and "15-04-2029" in pagina["pip"]
    assert "15 april 2029" in pagina["pdf"]
    assert "Leerroute wisselen kan tot en met 15 oktober 2027" in pagina["pdf"]
    assert "3 jaar" in pagina["pip"]

    termijnconfig_wijzigen(config=termijnconfig("inburgeringstermijn"), lengte=4, door=beheer)
    pagina = _overal(regisseur_client, persoon, versie, regisseur)
    assert "15-04-2030" in pagina["dossier"] and "15-04-2030" in pagina["pip"]
    assert "15 april 2030" in pagina["pdf"]
    assert "4 jaar" in pagina["pip"] and "3 jaar" not in pagina["pip"]
    assert "15-04-2029" not in pagina["dossier"] + pagina["pip"]

    pip_services.duo_verlenging_vastleggen(
        plan=versie.plan,
        door=regisseur,
        besluit_op=D(2026, 5, 1),
        nieuwe_einddatum=D(2030, 12, 1),
        reden="Langdurige ziekte",
    )
    pagina = _overal(regisseur_client, persoon, versie, regisseur)
    assert "01-12-2030" in pagina["dossier"] and "01-12-2030" in pagina["pip"]
    assert "1 december 2030" in pagina["pdf"] and "verlengd door DUO" in pagina["pdf"]
    assert "DUO-besluit van 01-05-2026: Langdurige ziekte" in pagina["dossier"]
    assert "vastgelegd door Ingrid Janssen" in pagina["pip"]
    assert "15-04-2030" not in pagina["dossier"] + pagina["pip"]


@time_machine.travel(D(2026, 5, 1))
def test_bezwaartermijn_volgt_een_gewijzigde_lengte_op_pagina_en_pdf(
    regisseur_client, regisseur, persoon, versie, beheer
):
    pagina = _overal(regisseur_client, persoon, versie, regisseur)
    assert "28-05-2026" in pagina["pip"] and "28 mei 2026" in pagina["pdf"]
    assert "binnen 6 weken" in pagina["pdf"]
    termijnconfig_wijzigen(config=termijnconfig("bezwaar_pip"), lengte=8, door=beheer)
    pagina = _overal(regisseur_client, persoon, versie, regisseur)
    # 16 April + 8 weeks = Thursday 11 June 2026.
    assert "11-06-2026" in pagina["pip"] and "11 juni 2026" in pagina["pdf"]
    assert "binnen 8 weken" in pagina["pdf"] and "28 mei 2026" not in pagina["pdf"]
    versie_pagina = regisseur_client.get(
        reverse("pip_plans:versie-detail", args=[persoon.uuid, 1])
    ).content.decode()
    assert "11-06-2026" in versie_pagina
    dossier = pagina["dossier"]
    assert "Bezwaartermijn PIP (PIP-versie 1)" in dossier


def test_verwijzing_antwoorddatum_op_dossier_en_in_het_portaal(client, regisseur, persoon, beheer):
    partner = PartnerFactory()
    medewerker = PartnerMedewerkerFactory(partner=partner)
    with time_machine.travel(datetime.datetime(2026, 4, 24, 10, tzinfo=datetime.UTC)):
        partner_services.verwijzing_versturen(
            persoon=persoon,
            door=regisseur,
            partner=partner,
            leefgebied="taal",
            doel="Taalmaatje",
            toestemming_op=D(2026, 4, 24),
            toestemming_wijze="mondeling",
            toestemming_bevestigd=True,
        )
    with time_machine.travel(D(2026, 4, 28)):

        def paginas():
            client.force_login(regisseur)
            dossier = client.get(persoon.get_absolute_url()).content.decode()
            client.force_login(medewerker)
            portaal = client.get(reverse("partners:portaal")).content.decode()
            return dossier, portaal

        dossier, portaal = paginas()
        assert "antwoord uiterlijk 12-05-2026" in dossier
        assert f"Partner reageert op verwijzing ({partner})" in dossier
        assert "12-05-2026" in portaal
        termijnconfig_wijzigen(config=termijnconfig("verwijzing_reactie"), lengte=5, door=beheer)
        dossier, portaal = paginas()
        # 5 working days from Friday 24 April: 28, 29, 30 April, 1 and 4 May.
        assert "antwoord uiterlijk 04-05-2026" in dossier and "04-05-2026" in portaal
        assert "12-05-2026" not in dossier + portaal


@time_machine.travel(D(2026, 4, 1))
def test_eenmalige_verlenging_op_dossier_en_werkvoorraad(regisseur_client, regisseur, persoon):
    from statushouders.services import persoon_bijwerken

    persoon_bijwerken(
        persoon=persoon,
        door=regisseur,
        gegevens={"duo_kennisgeving_op": D(2026, 3, 20), "brp_inschrijving_op": D(2026, 3, 5)},
    )
    termijn = persoon.termijnen.get(config__code="pip_vaststellen")
    termijn_verlengen(termijn=termijn, dagen=14, reden="Wachten op de tolk", door=regisseur)
    dossier = regisseur_client.get(persoon.get_absolute_url()).content.decode()
    werk = regisseur_client.get(
        reverse("termijnen:werkvoorraad"), {"groep": "alle"}
    ).content.decode()
    for html in (dossier, werk):
        assert "12-06-2026" in html and "Wachten op de tolk" in html
        assert "29-05-2026" not in html
