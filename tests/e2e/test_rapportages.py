import types

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.constants import RapportStatus
from reports.models import Rapport
from reports.services import rapport_maken
from termijnen.services import termijnconfig
from tests.accounts.factories import WACHTWOORD, UserFactory
from tests.reports.dataset import VERBORGEN, aadorp_en_beekdal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def _geen_overtredingen(page):
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()


@pytest.fixture
def rapport_wacht_op_de_worker(monkeypatch):
    """No worker takes the job until the test produces the report itself, so the page shows
    the report while it is being made. (That a request queues the job, and the job makes the
    report: tests/reports/test_toegang.py.)"""
    monkeypatch.setattr(
        "reports.tasks.rapport_maken_task", types.SimpleNamespace(delay=lambda rapport_id: None)
    )


def test_teamleider_vraagt_een_kwartaalrapport_aan_en_downloadt_pdf_en_spreadsheet(
    page, inloggen, rapport_wacht_op_de_worker
):
    termijnconfig("pip_vaststellen")  # a browser test before this one may have emptied it
    aadorp, _beekdal = aadorp_en_beekdal()
    teamleider = UserFactory(teamleider=True, gemeenten=[aadorp], username="tineke")

    inloggen(teamleider, WACHTWOORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Rapportages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportages")

    page.get_by_role("textbox", name="Van").fill("01-07-2026")
    page.get_by_role("textbox", name="Tot en met").fill("30-09-2026")
    page.get_by_role("button", name="Toon cijfers").click()
    expect(page.locator("#rapport-bereik")).to_contain_text(
        "Aadorp · van 01-07-2026 tot en met 30-09-2026"
    )
    bestand = page.get_by_role("region", name="Bestand naar groep")
    expect(bestand.locator("svg.koers-staafdiagram")).to_be_visible()
    totaal = page.locator("#tabel-bestand").get_by_role("row", name="Totaal")
    expect(totaal).to_contain_text("11")  # eleven open dossiers on 30-09 (see test_cijfers)
    expect(page.get_by_text("Verborgen")).to_have_count(0)  # nothing of Beekdal
    _geen_overtredingen(page)

    page.get_by_role("navigation", name="Rapportages").get_by_role(
        "link", name="Kwartaalrapportages"
    ).click()
    expect(page.get_by_text("Nog geen rapporten.")).to_be_visible()
    expect(page.get_by_label("Aadorp")).to_be_checked()  # the one gemeente, chosen already
    page.get_by_label("Jaar").fill("2026")
    page.get_by_label("Kwartaal").select_option(label="Kwartaal 3")
    _geen_overtredingen(page)
    page.get_by_role("button", name="Rapport maken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kwartaalrapportage 2026 kwartaal 3")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Het rapport wordt gemaakt")
    expect(page.locator("#rapport-status progress")).to_have_attribute("value", "0")
    expect(page.get_by_role("link", name="PDF voor de raad downloaden")).to_have_count(0)
    _geen_overtredingen(page)
    rapport = Rapport.objects.get()
    assert rapport.status == RapportStatus.WACHT

    # What the worker does; each step it reports shows on the page while it runs.
    voortgangsbalk = page.locator("#rapport-status progress")
    gezien = []

    def voortgang(procent, stap):
        Rapport.objects.filter(pk=rapport.pk).update(
            status=RapportStatus.BEZIG, voortgang=procent, stap=stap
        )
        expect(voortgangsbalk).to_have_attribute("value", str(procent))
        expect(status).to_contain_text(f"({stap.lower()}): {procent}%")
        gezien.append(stap)

    rapport_maken(rapport=rapport, voortgang=voortgang)
    assert "PDF maken" in gezien

    pdf_link = page.get_by_role("link", name="PDF voor de raad downloaden")
    expect(pdf_link).to_be_visible(timeout=20_000)  # htmx polls until the report is ready
    expect(page.locator("#rapport-status progress")).to_have_count(0)
    expect(status).to_contain_text("Klaar op")

    with page.expect_download() as pdf_download:
        pdf_link.click()
    assert pdf_download.value.suggested_filename == "kwartaalrapport-GM9101-2026-K3.pdf"
    pdf = PdfReader(pdf_download.value.path())
    tekst = "\n".join(pagina.extract_text() for pagina in pdf.pages)
    assert "Kwartaalrapportage" in tekst
    assert "Aadorp" in tekst
    assert not [naam for naam in VERBORGEN if naam in tekst]

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Spreadsheet (XLSX) downloaden").click()
    assert xlsx_download.value.suggested_filename == "kwartaalrapport-GM9101-2026-K3.xlsx"
    with open(xlsx_download.value.path(), "rb") as xlsx:
        werkmap = openpyxl.load_workbook(xlsx)
    bestandsgroepen = werkmap["Bestand naar groep"].iter_rows(min_row=2, values_only=True)
    assert ("Totaal", 11) in list(bestandsgroepen)

    page.get_by_role("link", name="Terug naar de rapporten").click()
    gemaakt = page.get_by_role("region", name="Gemaakte rapporten")
    expect(gemaakt.get_by_role("link", name="2026 kwartaal 3")).to_be_visible()
    expect(gemaakt).to_contain_text("Klaar")


def test_partner_krijgt_geen_rapportages(page, inloggen):
    medewerker = UserFactory(partnermedewerker=True, username="taalhuis")
    inloggen(medewerker, WACHTWOORD)
    for adres in ("/rapportages/", "/rapportages/kwartaalrapporten/"):
        antwoord = page.goto(adres)
        assert antwoord.status == 404, adres
    expect(page.get_by_role("link", name="Rapportages")).to_have_count(0)


def test_regisseur_ziet_geen_rapportages_in_het_menu(page, inloggen, regisseur):
    inloggen(regisseur, WACHTWOORD)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Personen")).to_be_visible()
    expect(menu.get_by_role("link", name="Rapportages")).to_have_count(0)
    assert page.goto("/rapportages/").status == 404
