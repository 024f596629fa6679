import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from participatie.models import Participatie
from tests.accounts.factories import WACHTWOORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def test_werk_vastleggen_met_de_contractvelden_pas_bij_betaald_werk(
    page, inloggen, regisseur, persoon
):
    inloggen(regisseur, WACHTWOORD)
    page.goto(persoon.get_absolute_url())
    page.get_by_role("link", name="Participatie openen").click()
    page.get_by_role("link", name="Participatie vastleggen").click()
    # The kind switch is page script: wait until the new page has run it, not just begun.
    page.wait_for_url("**/participatie/nieuw/")
    uren = page.get_by_label("Uren per week")
    expect(uren).to_be_attached()
    expect(uren).to_be_hidden()
    page.get_by_label("Soort", exact=True).select_option(label="Betaald werk")
    expect(uren).to_be_visible()
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()

    # A start before the koppeling is refused beside the field; what was typed stays.
    page.get_by_label("Bij wie of wat").fill("Bakkerij De Korenaar")
    page.get_by_label("Gestart op").fill("02-01-2026")
    uren.fill("24")
    page.get_by_label("Soort contract").select_option(label="Tijdelijk contract")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De start ligt vóór de koppeling").first).to_be_visible()
    expect(page.get_by_label("Bij wie of wat")).to_have_value("Bakkerij De Korenaar")
    expect(page.get_by_label("Uren per week")).to_have_value("24")

    page.get_by_label("Gestart op").fill("02-11-2026")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De participatie is vastgelegd.")).to_be_visible()
    page.get_by_role("link", name="← Terug naar het dossier").click()
    expect(
        page.get_by_text("Betaald werk bij Bakkerij De Korenaar sinds 02-11-2026")
    ).to_be_visible()
    assert Participatie.objects.get().uren_per_week == 24
