import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from pip_plans.models import PlanVersie
from tests.accounts.factories import WACHTWOORD
from tests.intake.factories import BredeIntakeFactory
from tests.pip_plans.factories import PlanDoelFactory, PlanFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def test_van_afgeronde_intake_naar_vastgesteld_pip_met_pdf(page, inloggen, regisseur, persoon):
    BredeIntakeFactory(persoon=persoon, afgerond=True)
    inloggen(regisseur, WACHTWOORD)
    page.goto(persoon.get_absolute_url())
    page.get_by_role("button", name="PIP opstellen").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("bewerken")
    expect(page.get_by_label("Leerroute", exact=True)).to_have_value("b1")  # from the intake
    page.get_by_label("Taalschool").fill("Taalschool Weert")
    page.get_by_label("PVT: aanbieder").fill("Vluchtelingenwerk")
    page.get_by_label("PVT: geplande uren").fill("12")
    page.get_by_label("MAP: geplande uren praktijk").fill("40")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het plan is opgeslagen.")).to_be_visible()

    page.get_by_role("link", name="Vaststellen").click()
    page.get_by_role("button", name="Versie vaststellen").click()
    expect(page.get_by_text("Versie 1 is vastgesteld.")).to_be_visible()

    download_link = page.get_by_role("link", name="PDF van versie 1 downloaden")
    expect(download_link).to_be_visible(timeout=20_000)  # htmx polls until the PDF is ready
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == f"PIP-{persoon.achternaam}-versie-1.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_pip_pagina_toont_het_plan_en_vaststellen_met_afwijking_vraagt_een_motivatie(
    page, inloggen, regisseur, persoon
):
    plan = PlanFactory(
        intake__persoon=persoon,
        taal_spreken_huidig="A1",
        taal_spreken_doel="B1",
        pvt_uren=6,  # below the PVT norm of 12 hours
        z_taal_uren=500,  # left from an earlier Z-route: not part of this B1 plan
        afspraken="Elke dinsdag taalles bij Taalschool Weert.",
    )
    PlanDoelFactory(plan=plan, leefgebied="werkervaring", doel="Twee dagen vrijwilligerswerk")
    inloggen(regisseur, WACHTWOORD)
    page.goto(reverse("pip_plans:plan-detail", kwargs={"uuid": persoon.uuid}))

    leerroute = page.get_by_role("region", name="Leerroute")
    expect(leerroute).to_contain_text("B1-route")
    niveaus = page.get_by_role("table", name="Taalniveau per vaardigheid: nu en het doel")
    expect(niveaus.get_by_role("row", name="Spreken")).to_contain_text("A1")
    expect(niveaus.get_by_role("row", name="Spreken")).to_contain_text("B1")
    expect(page.get_by_role("region", name="Afspraken")).to_contain_text(
        "Elke dinsdag taalles bij Taalschool Weert."
    )
    expect(page.get_by_role("region", name="Participatieverklaringstraject (PVT)")).to_be_visible()
    expect(page.get_by_text("Twee dagen vrijwilligerswerk")).to_be_visible()
    expect(page.get_by_role("region", name="Z-route")).to_have_count(0)
    expect(page.locator("[data-waarschuwingen]")).to_have_count(1)  # the warning, once
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()

    page.get_by_role("link", name="Vaststellen").click()
    expect(page.get_by_text("PVT: minimaal 12 uur, gepland 6.")).to_be_visible()
    page.get_by_role("button", name="Versie vaststellen").click()
    melding = "Het plan wijkt af van de routenormen. Leg vast waarom, voordat u het vaststelt."
    expect(page.locator("#id_afwijking_motivatie_error")).to_have_text(melding)
    assert not PlanVersie.objects.filter(plan=plan).exists()

    page.get_by_label("Motivatie afwijking van de routenormen").fill(
        "De PVT-aanbieder heeft pas in juni plek; de uren volgen in versie 2."
    )
    page.get_by_role("button", name="Versie vaststellen").click()
    expect(page.get_by_text("Versie 1 is vastgesteld.")).to_be_visible()
    page.get_by_role("link", name="Versie 1", exact=True).click()
    expect(page.get_by_role("region", name="Afwijking van de routenormen")).to_contain_text(
        "De PVT-aanbieder heeft pas in juni plek; de uren volgen in versie 2."
    )


def test_planformulier_toont_de_onderdelen_van_de_gekozen_route(page, inloggen, regisseur, persoon):
    PlanFactory(intake__persoon=persoon)
    inloggen(regisseur, WACHTWOORD)
    page.goto(reverse("pip_plans:plan-bewerken", kwargs={"uuid": persoon.uuid}))
    expect(page.get_by_label("Lezen: doelniveau")).to_have_value("B1")  # the B1-route's aim
    expect(page.get_by_label("Z-route: geplande uren Nederlands")).to_be_hidden()
    page.get_by_label("Leerroute", exact=True).select_option("z")
    expect(page.get_by_label("Z-route: geplande uren Nederlands")).to_be_visible()
    page.get_by_label("Z-route: geplande uren Nederlands").fill("800")
    page.get_by_label("Leerroute", exact=True).select_option("b1")
    # What was typed stays in view rather than disappearing with the route.
    expect(page.get_by_label("Z-route: geplande uren Nederlands")).to_have_value("800")
    expect(page.get_by_label("Z-route: geplande uren Nederlands")).to_be_visible()
