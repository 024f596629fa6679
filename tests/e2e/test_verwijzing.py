import pytest
from playwright.sync_api import expect

from tests.accounts.factories import WACHTWOORD
from tests.e2e.conftest import VANDAAG, browser_inloggen
from tests.partners.factories import PartnerFactory, PartnerMedewerkerFactory
from tests.statushouders.factories import PersoonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _partner_inloggen(browser, live_server, medewerker):
    """The partner in a browser of their own, beside the regisseur's."""
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    pagina = context.new_page()
    browser_inloggen(pagina, medewerker, WACHTWOORD)
    return context, pagina


def test_regisseur_verwijst_partner_accepteert_en_koppelt_terug(
    browser, live_server, page, inloggen, regisseur, persoon, weert
):
    partner = PartnerFactory(naam="Taalhuis Weert", soort="taal")
    medewerker = PartnerMedewerkerFactory(partner=partner, username="taalhuis")
    PersoonFactory(gemeente=weert, voornamen="Niet", achternaam="Verwezen")

    inloggen(regisseur, WACHTWOORD)
    page.goto(persoon.get_absolute_url())
    page.get_by_role("link", name="Verwijzen naar een partner").click()
    page.get_by_label("Partner", exact=True).select_option(label="Taalhuis Weert")
    page.get_by_label("Leefgebied").select_option("taal")
    page.get_by_label("Doel van de verwijzing").fill("Taalmaatje om te oefenen met spreken")
    # Consent is never assumed: sending without it is refused beside each field.
    expect(page.get_by_label("Toestemming gegeven op")).to_have_value("")
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(
        page.get_by_text("Zonder toestemming kan er niet worden verwezen.").first
    ).to_be_visible()
    expect(page.get_by_text("Kies hoe de persoon toestemming gaf.").first).to_be_visible()
    expect(page.get_by_label("Doel van de verwijzing")).to_have_value(
        "Taalmaatje om te oefenen met spreken"
    )
    page.get_by_label("Toestemming gegeven op").fill(VANDAAG.strftime("%d-%m-%Y"))
    page.get_by_label("Schriftelijk ondertekend").check()
    page.get_by_label("De persoon gaf toestemming om deze gegevens te delen").check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_text("De verwijzing naar Taalhuis Weert is verstuurd.")).to_be_visible()

    partnercontext, partnerpagina = _partner_inloggen(browser, live_server, medewerker)
    expect(partnerpagina.get_by_role("heading", level=1)).to_have_text(
        "Verwijzingen voor Taalhuis Weert"
    )
    rijen = partnerpagina.locator("tbody tr")
    expect(rijen).to_have_count(1)
    expect(rijen.first).to_contain_text(persoon.naam)
    expect(partnerpagina.get_by_text("Verwezen")).to_have_count(0)

    rijen.first.get_by_role("link").click()
    partnerpagina.get_by_role("button", name="Verwijzing accepteren").click()
    expect(partnerpagina.get_by_text("U heeft de verwijzing geaccepteerd.")).to_be_visible()
    partnerpagina.get_by_role("textbox", name="Terugkoppeling").fill(
        "Eerste afspraak met taalmaatje gehad"
    )
    partnerpagina.get_by_role("button", name="Terugkoppeling opslaan").click()
    expect(partnerpagina.get_by_text("Uw terugkoppeling is opgeslagen.")).to_be_visible()
    partnercontext.close()

    page.reload()
    verwijzingen = page.locator("#verwijzingen")
    expect(verwijzingen).to_contain_text("geaccepteerd")
    expect(verwijzingen).to_contain_text("Eerste afspraak met taalmaatje gehad")

    # The partner's answer and feedback reached the regisseur as meldingen.
    page.goto("/meldingen/")
    expect(page.get_by_text("Taalhuis Weert gaf terugkoppeling op de verwijzing")).to_be_visible()
    expect(
        page.get_by_text(
            "Taalhuis Weert heeft de verwijzing ‘Taalmaatje om te oefenen met spreken’ geaccepteerd"
        )
    ).to_be_visible()
    page.get_by_role("link", name="Taalhuis Weert gaf terugkoppeling op de verwijzing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzing naar Taalhuis Weert")
    expect(page.get_by_text("Eerste afspraak met taalmaatje gehad").first).to_be_visible()

    # Withdrawn consent closes the partner out at once.
    page.get_by_text("Toestemming intrekken", exact=True).first.click()
    page.get_by_label("Toelichting").fill("Wil geen taalmaatje meer")
    page.get_by_role("button", name="Toestemming intrekken").click()
    expect(page.get_by_text("kan deze verwijzing niet meer inzien")).to_be_visible()
    partnercontext, partnerpagina = _partner_inloggen(browser, live_server, medewerker)
    partnerpagina.get_by_role("link", name="Lopend").click()
    expect(partnerpagina.locator("tbody tr")).to_have_count(0)
    partnercontext.close()


@pytest.mark.parametrize("pad", ["/partner/", "verwijzing", "verwijzen"])
def test_portaal_en_verwijsformulier_voldoen_aan_wcag_aa(page, inloggen, regisseur, persoon, pad):
    from axe_playwright_python.sync_playwright import Axe

    from tests.partners.factories import VerwijzingFactory

    verwijzing = VerwijzingFactory(persoon=persoon, door=regisseur)
    if pad == "verwijzen":
        inloggen(regisseur, WACHTWOORD)
        page.goto(f"{persoon.get_absolute_url()}verwijzingen/nieuw/")
    else:
        inloggen(PartnerMedewerkerFactory(partner=verwijzing.partner), WACHTWOORD)
        page.goto(verwijzing.get_portal_url() if pad == "verwijzing" else pad)
    resultaat = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    assert resultaat.violations_count == 0, resultaat.generate_report()
