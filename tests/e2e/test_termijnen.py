import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from termijnen.models import Melding
from termijnen.services import termijn_bijwerken, termijnconfig
from tests.accounts.factories import WACHTWOORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def _geen_overtredingen(page):
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()


def test_regisseur_verlengt_de_pip_termijn_en_ziet_een_melding(page, inloggen, regisseur, persoon):
    # Any date: the one-time extension is offered for an open or overdue PIP term alike.
    termijn_bijwerken(
        persoon=persoon, code="pip_vaststellen", basisdatum=datetime.date(2026, 11, 2)
    )
    Melding.objects.create(
        gebruiker=regisseur,
        persoon=persoon,
        tekst="PIP vastgesteld: nog 14 dagen",
        link=persoon.get_absolute_url(),
    )
    inloggen(regisseur, WACHTWOORD)
    page.goto(persoon.get_absolute_url())
    page.get_by_role("link", name="Eenmalig verlengen").click()
    _geen_overtredingen(page)
    page.get_by_label("Aantal dagen").fill("30")
    page.get_by_label("Op welke derde partij").fill("Wachten op de tolk")
    page.get_by_role("button", name="Verlengen").click()
    expect(page.locator("#id_dagen_error")).to_contain_text("1 tot en met 14 dagen")
    expect(page.get_by_label("Op welke derde partij")).to_have_value("Wachten op de tolk")
    page.get_by_label("Aantal dagen").fill("7")
    page.get_by_role("button", name="Verlengen").click()
    expect(page.locator("#termijnen")).to_contain_text("Eenmalig verlengd met 7 dagen")

    page.get_by_role("link", name="Meldingen").click()
    _geen_overtredingen(page)
    page.get_by_role("link", name=f"{persoon.naam}: PIP vastgesteld").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(persoon.naam)
    assert Melding.objects.get().gelezen_op is not None


def test_beheer_en_team_schermen_zijn_toegankelijk(page, inloggen, weert, persoon):
    termijnconfig("verhuizing")  # a transactional test before this one emptied the table
    beheer = UserFactory(beheerder=True, username="fleur")
    inloggen(beheer, WACHTWOORD)
    for pad in ("/beheer/termijnen/", "/beheer/termijnen/verhuizing/", "/beheer/feestdagen/"):
        page.goto(pad)
        _geen_overtredingen(page)
    page.goto("/beheer/termijnen/verhuizing/")
    page.get_by_label("Lengte").fill("0")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_lengte_error")).to_contain_text(
        "Een termijn duurt minstens 1 en hoogstens"
    )
    page.get_by_role("link", name="Uitloggen").or_(
        page.get_by_role("button", name="Uitloggen")
    ).click()
    termijn_bijwerken(
        persoon=persoon,
        code="verhuizing",
        basisdatum=datetime.date(2026, 8, 3),
    )
    teamleider = UserFactory(teamleider=True, username="tineke", gemeenten=[weert])
    inloggen(teamleider, WACHTWOORD)
    page.goto("/werkvoorraad/team/?regisseur=abc")
    expect(page.get_by_text("Een filter was ongeldig")).to_be_visible()
    _geen_overtredingen(page)
