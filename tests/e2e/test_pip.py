import pytest
from playwright.sync_api import expect

from tests.accounts.factories import WACHTWOORD
from tests.intake.factories import BredeIntakeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


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
