import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from intake.constants import ZRM_DOMEINEN
from intake.models import BredeIntake
from tests.accounts.factories import WACHTWOORD
from tests.intake.factories import BredeIntakeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_regisseur_loopt_de_brede_intake_van_start_tot_afgerond(page, inloggen, regisseur, persoon):
    inloggen(regisseur, WACHTWOORD)
    page.goto(persoon.get_absolute_url())
    page.get_by_role("link", name="Brede intake starten").click()
    page.get_by_label("Locatie").select_option("azc")
    page.get_by_label("Naam AZC").fill("AZC Budel-Cranendonck")
    page.get_by_label("Tolk in de taal").fill("Arabisch")
    page.get_by_role("button", name="Intake starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wonen")

    # One section saved in place, a reload, and the text is still there.
    page.get_by_label("Bevindingen").fill("Woont nog in het AZC, wacht op een woning in Weert.")
    expect(page.locator("[data-opslagstatus]")).to_have_text("Niet opgeslagen wijzigingen")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("[data-opslagstatus]")).to_contain_text("Opgeslagen om")
    page.reload()
    expect(page.get_by_label("Bevindingen")).to_have_value(
        "Woont nog in het AZC, wacht op een woning in Weert."
    )

    navigatie = page.get_by_role("navigation", name="Onderdelen van de intake")
    navigatie.get_by_role("link", name="Zelfredzaamheidsmatrix (ZRM)").click()
    for code, _label in ZRM_DOMEINEN:
        page.locator(f"#id_zrm-{code}").select_option("3")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("[data-opslagstatus]")).to_contain_text("Opgeslagen om")

    navigatie.get_by_role("link", name="Leerbaarheidstoets").click()
    page.get_by_label("Reden vrijstelling").fill("Visuele beperking")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("[data-opslagstatus]")).to_contain_text("Opgeslagen om")

    navigatie.get_by_role("link", name="Advies").click()
    page.get_by_label("Geadviseerde leerroute").select_option("z")
    page.get_by_label("Motivatie van het advies").fill("Leert vooral door te doen.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("[data-opslagstatus]")).to_contain_text("Opgeslagen om")

    navigatie.get_by_role("link", name="Overzicht").click()
    expect(page.get_by_text("Alles wat nodig is, is ingevuld.")).to_be_visible()
    page.get_by_role("button", name="Intake afronden").click()

    expect(page.get_by_text("De brede intake is afgerond.")).to_be_visible()
    expect(page.get_by_text("bestandsgroep actief traject")).to_be_visible()
    intake = BredeIntake.objects.get()
    assert intake.status == "afgerond"
    assert intake.leefgebieden.get(leefgebied="wonen").bevindingen.startswith("Woont nog")


def _sectie_url(intake, sectie):
    return reverse(
        "intake:intake-sectie",
        kwargs={"uuid": intake.persoon.uuid, "intake_uuid": intake.uuid, "sectie": sectie},
    )


def test_opslaan_zet_het_vinkje_in_de_zijlijst_zonder_de_pagina_te_verlaten(
    page, inloggen, regisseur, persoon
):
    intake = BredeIntakeFactory(persoon=persoon)
    inloggen(regisseur, WACHTWOORD)
    page.goto(_sectie_url(intake, "mobiliteit"))
    navigatie = page.get_by_role("navigation", name="Onderdelen van de intake")
    mobiliteit = navigatie.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Mobiliteit", exact=True)
    )
    expect(mobiliteit.locator("[data-ingevuld]")).to_have_count(0)
    page.evaluate("window.koersZelfdePagina = true")

    page.get_by_label("Bevindingen").fill("Fietst naar de taalles.")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(page.locator("[data-opslagstatus]")).to_contain_text("Opgeslagen om")
    expect(mobiliteit.locator("[data-ingevuld]")).to_have_count(1)
    assert page.evaluate("window.koersZelfdePagina") is True  # no reload, no navigation
    wonen = navigatie.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Wonen", exact=True)
    )
    expect(wonen.locator("[data-ingevuld]")).to_have_count(0)


def test_werkervaring_twee_keer_opslaan_voegt_geen_blokken_toe(page, inloggen, regisseur, persoon):
    intake = BredeIntakeFactory(persoon=persoon)
    inloggen(regisseur, WACHTWOORD)
    page.goto(_sectie_url(intake, "werkervaring"))
    banen = page.locator("fieldset.koers-baan")
    expect(banen).to_have_count(1)
    page.get_by_label("Functie").fill("Metselaar")
    page.get_by_label("Jaren").fill("8")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("[data-opslagstatus]")).to_contain_text("Opgeslagen om")
    expect(banen).to_have_count(2)
    expect(banen.nth(0).get_by_label("Functie")).to_have_value("Metselaar")

    page.evaluate("document.querySelector('[data-opslagstatus]').textContent = ''")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("[data-opslagstatus]")).to_contain_text("Opgeslagen om")
    expect(banen).to_have_count(2)
    assert list(intake.werkervaring.values_list("functie", flat=True)) == ["Metselaar"]


def test_afgedrukte_samenvatting_heeft_geen_link_over_de_titel(page, inloggen, regisseur, persoon):
    intake = BredeIntakeFactory(persoon=persoon, afgerond=True)
    inloggen(regisseur, WACHTWOORD)
    page.goto(
        reverse(
            "intake:intake-samenvatting",
            kwargs={"uuid": persoon.uuid, "intake_uuid": intake.uuid},
        )
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Brede intake van {persoon.naam}")
    afdruk = PdfReader(io.BytesIO(page.pdf()))
    assert afdruk.pages[0].extract_text().startswith(f"Brede intake van {persoon.naam}")
    links = [
        annotatie.get_object()
        for blad in afdruk.pages
        for annotatie in blad.get("/Annots", [])
        if annotatie.get_object()["/Subtype"] == "/Link"
    ]
    assert links == []
