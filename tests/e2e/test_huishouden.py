import pytest
from playwright.sync_api import expect

from tests.accounts.factories import WACHTWOORD
from tests.statushouders.factories import PersoonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_gezinslid_toevoegen_vanuit_het_dossier(page, inloggen, regisseur, weert):
    ahmad = PersoonFactory(
        gemeente=weert, regisseur=regisseur, voornamen="Ahmad", achternaam="Sabbagh"
    )
    inloggen(regisseur, WACHTWOORD)
    page.goto(ahmad.get_absolute_url())
    page.get_by_role("link", name="Gezinslid toevoegen").click()
    page.get_by_label("Voornamen").fill("Lina")
    page.get_by_label("Geboortedatum").fill("12-03-2015")
    page.get_by_label("Geslacht").select_option("v")
    page.get_by_label("Doelgroep").select_option("nareiziger")
    page.get_by_role("button", name="Gezinslid toevoegen").click()
    expect(page.get_by_text("Kies hoe het gezinslid verwant is.").first).to_be_visible()
    expect(page.get_by_label("Voornamen")).to_have_value("Lina")
    page.get_by_label("Kind", exact=True).check()
    page.get_by_role("button", name="Gezinslid toevoegen").click()
    expect(page.get_by_text("Lina Sabbagh is toegevoegd aan Huishouden Sabbagh.")).to_be_visible()
    regie = page.locator("section", has=page.get_by_role("heading", name="Regie en huishouden"))
    expect(regie).to_contain_text("Lina Sabbagh · kind")
    regie.get_by_role("link", name="Lina Sabbagh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lina Sabbagh")
    expect(page.get_by_text("Ahmad Sabbagh · ouder")).to_be_visible()
    expect(page.get_by_text("jonger dan 18")).to_be_visible()
