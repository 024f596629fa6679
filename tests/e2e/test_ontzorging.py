import datetime
import re
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from ontzorging import services
from ontzorging.camt_schrijven import Boeking, camt053
from ontzorging.constants import BetalingStatus
from ontzorging.models import Batchregel, Betaling
from tests.accounts.factories import WACHTWOORD, UserFactory
from tests.e2e.conftest import browser_inloggen
from tests.ontzorging.factories import (
    IBAN_GEMEENTE,
    batch_naar_de_bank,
    doelgroeppersoon,
    instelling,
    last,
    periode,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def _last_toevoegen(page, *, soort, crediteur, iban, kenmerk, bedrag):
    page.get_by_role("link", name="Vaste last toevoegen").click()
    page.get_by_label("Soort", exact=True).select_option(label=soort)
    page.get_by_label("Naam crediteur").fill(crediteur)
    page.get_by_label("IBAN crediteur").fill(iban)
    page.get_by_label("Betalingskenmerk of omschrijving").fill(kenmerk)
    page.get_by_label("Bedrag per maand (€)").fill(bedrag)
    page.get_by_label("Eerste maand").fill("12-2026")
    page.get_by_label("Laatste maand").fill("04-2027")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De vaste last is toegevoegd.")).to_be_visible()


def test_van_periode_tot_afschrift_met_vier_ogen(
    browser, live_server, page, inloggen, regisseur, weert, tmp_path
):
    instelling(weert)
    teamleider = UserFactory(teamleider=True, gemeenten=[weert], username="tineke")
    beheerder = UserFactory(beheerder=True, gemeenten=[weert], username="fb-weert")
    persoon = doelgroeppersoon(
        gemeente=weert, regisseur=regisseur, bijstand_sinds=datetime.date(2026, 11, 2)
    )

    inloggen(regisseur, WACHTWOORD)
    page.goto(persoon.get_absolute_url())
    page.get_by_role("link", name="Ontzorging openen").click()
    page.get_by_role("link", name="Ontzorgperiode vastleggen").click()
    page.get_by_label("Machtiging getekend op").fill("10-11-2026")
    page.get_by_label("Vorm van de machtiging").select_option(label="Ondertekend formulier")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De ontzorgperiode is vastgelegd.")).to_be_visible()
    # Six months that begin on 02-11-2026: the last day is 01-05-2027.
    expect(page.get_by_text("01-05-2027")).to_be_visible()

    # A wrong IBAN is refused beside the field; what was typed stays.
    page.get_by_role("link", name="Vaste last toevoegen").click()
    page.get_by_label("Naam crediteur").fill("Woonstichting De Kempen")
    page.get_by_label("IBAN crediteur").fill("NL00 ABNA 0000 0000 00")
    page.get_by_label("Betalingskenmerk of omschrijving").fill("Huurcontract 4711")
    page.get_by_label("Bedrag per maand (€)").fill("612,50")
    page.get_by_label("Eerste maand").fill("12-2026")
    page.get_by_label("Laatste maand").fill("04-2027")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit is geen geldig IBAN").first).to_be_visible()
    expect(page.get_by_label("Naam crediteur")).to_have_value("Woonstichting De Kempen")
    # The gemeente's own paying account is never a creditor's.
    page.get_by_label("IBAN crediteur").fill("NL91 ABNA 0417 1643 00")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit is de betaalrekening van de gemeente zelf").first).to_be_visible()
    expect(page.get_by_label("Betalingskenmerk of omschrijving")).to_have_value("Huurcontract 4711")
    page.get_by_label("IBAN crediteur").fill("NL20 INGB 0001 2345 67")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De vaste last is toegevoegd.")).to_be_visible()
    _last_toevoegen(
        page,
        soort="Energie",
        crediteur="Energie Brabant",
        iban="NL44RABO0123456789",
        kenmerk="Klant 88121",
        bedrag="98,25",
    )

    # Adding the lasten planned December at once: the regisseur sees it per last, and
    # functioneel beheer planning the month again plans nothing twice.
    expect(page.get_by_text("Betalingen per last en maand")).to_be_visible()
    beheercontext = browser.new_context(locale="nl-NL", base_url=live_server.url)
    beheer = beheercontext.new_page()
    browser_inloggen(beheer, beheerder, WACHTWOORD)
    beheer.goto("/beheer/ontzorging/")
    beheer.get_by_label("Maand").fill("12-2026")
    beheer.get_by_role("button", name="Betalingen plannen").click()
    expect(beheer.get_by_text("0 betalingen gepland voor 12-2026")).to_be_visible()
    beheercontext.close()

    page.get_by_role("link", name="Betalingen", exact=True).click()
    page.get_by_label("Betalingen tot en met de maand").fill("12-2026")
    page.get_by_label("Uitvoerdatum bij de bank").fill("25-11-2026")
    page.get_by_role("button", name="Batch samenstellen").click()
    expect(page.get_by_text("De batch is samengesteld en wacht op goedkeuring.")).to_be_visible()
    expect(page.get_by_text("€ 710,75").first).to_be_visible()
    expect(page.get_by_role("button", name="Goedkeuren")).to_have_count(0)
    expect(
        page.get_by_text("Alleen een teamleider kan een betaalbatch goedkeuren.")
    ).to_be_visible()
    batch_url = page.url

    teamcontext = browser.new_context(locale="nl-NL", base_url=live_server.url)
    team = teamcontext.new_page()
    browser_inloggen(team, teamleider, WACHTWOORD)
    team.goto(batch_url)
    # Both accounts are paid for the first time: the teamleider confirms having seen that.
    expect(team.get_by_text("2 met een waarschuwing")).to_be_visible()
    team.get_by_label("Ik heb de betalingen met een waarschuwing bekeken").check()
    team.get_by_role("button", name="Goedkeuren").click()
    expect(team.get_by_text("De batch is goedgekeurd.")).to_be_visible()
    team.get_by_role("button", name="SEPA-bestand maken").click()
    with team.expect_download() as download:
        team.get_by_role("link", name="SEPA-bestand (pain.001) downloaden").click()
    with open(download.value.path(), "rb") as bestand:
        xml = bestand.read()
    assert b"<CtrlSum>710.75</CtrlSum>" in xml
    teamcontext.close()

    regels = Batchregel.objects.order_by("bedrag")
    afschrift = tmp_path / "afschrift.xml"
    afschrift.write_bytes(
        camt053(
            [
                Boeking(regels[0].end_to_end_id, regels[0].bedrag),
                Boeking(regels[1].end_to_end_id, regels[1].bedrag, bij=True, reden="AC04"),
                Boeking("ONBEKEND-123", regels[1].bedrag, naam="Iemand anders"),
            ],
            iban=IBAN_GEMEENTE,
        )
    )
    page.get_by_role("link", name="Betalingen", exact=True).click()
    page.get_by_label("Afschrift van de bank (camt.053)").set_input_files(str(afschrift))
    page.get_by_role("button", name="Afschrift inlezen").click()
    expect(
        page.get_by_text("1 betaling op betaald gezet, 1 op mislukt, 1 niet gevonden")
    ).to_be_visible()
    expect(page.get_by_text("ONBEKEND-123")).to_be_visible()
    december = Betaling.objects.filter(maand=datetime.date(2026, 12, 1))
    assert sorted(december.values_list("status", flat=True)) == ["betaald", "mislukt"]


def test_teamleider_ziet_regels_en_afwijkend_bedrag_voor_het_goedkeuren(
    page, inloggen, regisseur, weert
):
    instelling(weert)
    teamleider = UserFactory(teamleider=True, gemeenten=[weert], username="tineke")
    persoon = doelgroeppersoon(
        gemeente=weert,
        regisseur=regisseur,
        voornamen="Amal",
        achternaam="Haddad",
        bijstand_sinds=datetime.date(2026, 11, 2),
    )
    p = periode(persoon, regisseur, machtiging_op=datetime.date(2026, 11, 3))
    huur = last(
        p,
        regisseur,
        eerste_maand=datetime.date(2026, 11, 1),
        laatste_maand=datetime.date(2027, 4, 1),
    )
    # November was paid with € 612,50; December's rent went up to € 650,00.
    november = batch_naar_de_bank(
        weert,
        regisseur,
        maand=datetime.date(2026, 11, 1),
        uitvoerdatum=datetime.date(2026, 11, 20),
    )
    Betaling.objects.filter(batchregels__batch=november).update(
        status=BetalingStatus.BETAALD, betaald_op=datetime.date(2026, 11, 20)
    )
    Betaling.objects.filter(vaste_last=huur, maand=datetime.date(2026, 12, 1)).update(
        bedrag=Decimal("650.00")
    )
    december = services.batch_samenstellen(
        gemeente=weert,
        door=regisseur,
        uitvoerdatum=datetime.date(2026, 11, 25),
        tot_maand=datetime.date(2026, 12, 1),
    )

    inloggen(teamleider, WACHTWOORD)
    page.goto(reverse("ontzorging:batch-detail", args=[december.uuid]))
    tabel = page.get_by_role("table", name=re.compile("Woonstichting De Kempen · NL20 INGB"))
    regel = tabel.get_by_role("row", name=re.compile("Haddad"))
    for tekst in ("Huur", "12-2026", "€ 650,00", "Huurcontract 12345"):
        expect(regel).to_contain_text(tekst)
    expect(regel).to_contain_text("€ 650,00 wijkt af van de betaling voor 11-2026 (€ 612,50).")
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()

    # Approving without confirming the warning is refused beside the box.
    page.get_by_role("button", name="Goedkeuren").click()
    vakje = page.get_by_label("Ik heb de betalingen met een waarschuwing bekeken")
    expect(vakje).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Eén betaling heeft een waarschuwing.").first).to_be_visible()
    vakje.check()
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("De batch is goedgekeurd.")).to_be_visible()
    expect(page.get_by_text("na het bekijken van 1 betaling met een waarschuwing")).to_be_visible()
