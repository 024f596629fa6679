import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.accounts.factories import WACHTWOORD
from tests.accounts.totp import totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def _geen_overtredingen(page):
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()


def test_eerste_login_stelt_de_authenticator_app_in(page, regisseur):
    page.goto("/accounts/login/")
    _geen_overtredingen(page)
    page.get_by_label("Gebruikersnaam").fill(regisseur.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    _geen_overtredingen(page)
    geheim = page.locator("#authenticator_secret").inner_text().strip()
    page.get_by_label("Authenticator code").fill(totp_code(geheim))
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("heading", name="Herstelcodes")).to_be_visible()
    page.get_by_role("link", name="Verder naar Koers").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Personen")


def test_waarschuwing_voor_het_einde_van_de_sessie_met_het_toetsenbord(
    page, inloggen, regisseur, settings
):
    settings.KOERS_SESSIE_INACTIEF_SECONDEN = 63  # the warning shows after three seconds
    inloggen(regisseur, WACHTWOORD)
    page.goto("/personen/")
    dialoog = page.get_by_role("alertdialog", name="U wordt bijna uitgelogd")
    expect(dialoog).to_be_visible(timeout=8000)
    expect(dialoog.get_by_role("button", name="Ingelogd blijven")).to_be_focused()
    _geen_overtredingen(page)
    page.keyboard.press("Enter")
    expect(dialoog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Personen")
