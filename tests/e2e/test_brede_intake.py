import pytest
from playwright.sync_api import expect

from intake.constants import ZRM_DOMEINEN
from intake.models import BredeIntake
from tests.accounts.factories import WACHTWOORD

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
