import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from statushouders.models import Persoon
from termijnen.models import Melding
from termijnen.services import termijn_bijwerken
from tests.accounts.factories import WACHTWOORD
from tests.e2e.conftest import VANDAAG
from tests.pip_plans.factories import PlanFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_regisseur_voert_een_persoon_in_herstelt_een_fout_bsn_en_landt_op_het_dossier(
    page, inloggen, regisseur, weert
):
    inloggen(regisseur, WACHTWOORD)
    page.get_by_role("link", name="Persoon toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Persoon toevoegen")

    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Voornamen").fill("Amal")
    page.get_by_label("Achternaam").fill("Haddad")
    page.get_by_label("Geboortedatum").fill("03-02-1991")
    page.get_by_label("Geslacht").select_option("v")
    page.get_by_label("Nationaliteit").select_option("Syrisch")
    page.get_by_label("Doelgroep").select_option("asiel")
    page.get_by_label("Datum koppeling").fill("01-03-2026")
    page.get_by_role("button", name="Dossier aanmaken").click()

    bsn = page.get_by_label("BSN")
    expect(page.locator("#id_bsn_error")).to_contain_text("elfproef")
    expect(bsn).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Achternaam")).to_have_value("Haddad")  # nothing typed is lost
    expect(page.get_by_label("Datum koppeling")).to_have_value("01-03-2026")
    expect(page.locator("[data-foutsamenvatting]")).to_be_focused()
    assert not Persoon.objects.exists()

    bsn.fill("123456782")
    page.get_by_role("button", name="Dossier aanmaken").click()

    expect(page).to_have_url(re.compile(r"/personen/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Amal Haddad")
    expect(page.get_by_text("Het dossier van Amal Haddad is aangemaakt.")).to_be_visible()
    assert Persoon.objects.get().bsn == "123456782"


def test_contactmoment_toevoegen_zonder_de_pagina_te_verlaten(page, inloggen, regisseur, persoon):
    inloggen(regisseur, WACHTWOORD)
    page.goto(persoon.get_absolute_url())
    page.get_by_text("Contactmoment toevoegen").click()
    page.get_by_label("Onderwerp").fill("Uitleg post en rekeningen")
    page.get_by_role("button", name="Contactmoment opslaan").click()
    expect(page.locator("#contactmomenten")).to_contain_text("Het contactmoment is vastgelegd.")
    expect(page.locator(".koers-tijdlijn").first).to_contain_text("Uitleg post en rekeningen")
    assert persoon.contactmomenten.count() == 1


def test_contactmoment_met_fout_toont_de_fout_zonder_de_pagina_te_verlaten(
    page, inloggen, regisseur, persoon
):
    """The server answers 422; htmx swaps it in all the same, so the error shows."""
    inloggen(regisseur, WACHTWOORD)
    page.goto(persoon.get_absolute_url())
    page.get_by_text("Contactmoment toevoegen").click()
    page.get_by_label("Datum en tijd").fill("01-01-2099 10:00")
    page.get_by_label("Onderwerp").fill("Uitleg post en rekeningen")
    with page.expect_response(lambda r: "/contactmomenten/nieuw/" in r.url) as antwoord:
        page.get_by_role("button", name="Contactmoment opslaan").click()
    assert antwoord.value.status == 422
    contactmomenten = page.locator("#contactmomenten")
    expect(contactmomenten).to_contain_text("het kan niet in de toekomst liggen")
    expect(contactmomenten.get_by_label("Onderwerp")).to_have_value("Uitleg post en rekeningen")
    expect(page).to_have_url(re.compile(re.escape(persoon.get_absolute_url()) + "$"))
    assert not persoon.contactmomenten.exists()


@pytest.mark.parametrize(
    "pad",
    [
        "/personen/",
        "/personen/nieuw/",
        "{dossier}",
        "{intake}",
        "{intake}sectie/werkervaring/",
        "{intake}sectie/zrm/",
        "{intake}samenvatting/",
        "{dossier}pip/",
        "{dossier}pip/bewerken/",
        "{dossier}pip/voortgang/nieuw/",
        "/werkvoorraad/?groep=vier-weken",
        "/meldingen/",
    ],
)
def test_paginas_voldoen_aan_wcag_aa(page, inloggen, regisseur, persoon, pad):
    intake = PlanFactory(intake__persoon=persoon, intake__pg_meedoen=6).intake
    vandaag = VANDAAG
    termijn_bijwerken(persoon=persoon, code="pip_vaststellen", basisdatum=vandaag)
    termijn_bijwerken(
        persoon=persoon, code="verhuizing", basisdatum=vandaag - datetime.timedelta(weeks=10)
    )
    Melding.objects.create(gebruiker=regisseur, tekst="Verhuizing: over 14 dagen", link="/")
    inloggen(regisseur, WACHTWOORD)
    page.goto(
        pad.format(
            dossier=persoon.get_absolute_url(),
            intake=f"{persoon.get_absolute_url()}intake/{intake.uuid}/",
        )
    )
    resultaat = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    assert resultaat.violations_count == 0, resultaat.generate_report()
