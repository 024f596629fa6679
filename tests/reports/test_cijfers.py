"""Every figure of the third quarter of 2026 for the hand-made caseload of tests/reports/
dataset.py, worked out by hand, and checked where a manager reads it: on the dashboard, in
the PDF for the council and in the spreadsheet."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from lxml import html
from pypdf import PdfReader

from participatie.models import Participatie
from reports.constants import RapportSoort
from reports.export import bladnaam
from reports.selectors import rapportage
from reports.services import rapport_aanvragen, rapport_maken
from termijnen.models import Termijn, TermijnConfig
from termijnen.services import termijnconfig, termijnconfig_wijzigen
from tests.accounts.factories import UserFactory

from .dataset import VANDAAG, VERBORGEN, aadorp_en_beekdal

pytestmark = pytest.mark.django_db

# Worked out by hand from the dataset; the comments say how.
VERWACHT = {
    # Open on 30-09 (coupled by then, not closed by then): p1–p9, p13 (closed 05-10), p15.
    "bestand": [
        ("Intake", "3"),  # p3, p4, p8
        ("Actief traject", "7"),  # p1, p2, p5, p6, p9, p13, p15
        ("Zorg en rust", "1"),  # p7
        ("Totaal", "11"),
    ],
    # Started: p2, p3, p4, p8, p9; completed: p4 (25-07).
    "intakes": [("5", "1")],
    "doorlooptijden": [
        # 14, 21, 35, 35, 112 days: median 35; p90 at 3.6 → 35 + 0.6 × 77 = 81,2.
        ("Koppeling → start brede intake", "5", "35", "81,2"),
        # p1 56, p5 82, p2 87, p9 147: median 84,5; p90 at 2.7 → 87 + 0.7 × 60 = 129.
        (
            "DUO-kennisgeving of BRP-inschrijving (de laatste) → PIP vastgesteld",
            "4",
            "84,5",
            "129",
        ),
        # p1 63, p2 63, p15 106, p9 175: median 84,5; p90 → 106 + 0.7 × 69 = 154,3.
        ("Koppeling → huisvesting", "4", "84,5", "154,3"),
    ],
    # Fixed in Q3: p1 (in time), p2, p5, p9 (late).
    "pip_termijn": [("4", "1", "3", "25%")],
    # Open on 30-09 with a PIP: p1, p9 B1; p6 onderwijs; p2, p5 (after the switch), p7 Z.
    "leerroutes": [
        ("B1-route", "2", "33,3%"),
        ("Onderwijsroute", "1", "16,7%"),
        ("Z-route (zelfredzaamheidsroute)", "3", "50%"),
        ("Totaal", "6", "100%"),
    ],
    "leerroute_wissels": [("B1-route → Z-route (zelfredzaamheidsroute)", "1")],
    # Taalhuis: answers after 2, 2 and 5 working days, one waits. Vluchtelingenwerk: 10 and
    # 1 working days (median 5,5); its referral of 30-06 is before the quarter.
    "verwijzingen": [
        ("Taalhuis Aadorp", "4", "2", "1", "1", "50%", "2"),
        ("Vluchtelingenwerk Aadorp", "2", "2", "0", "0", "100%", "5,5"),
    ],
    # Paid: rent July and August, energy July; failed: rent September; open: energy August
    # (in a batch) and September. Rent October is after the quarter.
    "ontzorging": [
        ("Lopende ontzorgperioden", "1", "–"),
        ("Betalingen betaald", "3", "€ 1.310,10"),
        ("Betalingen mislukt", "1", "€ 612,50"),
        ("Betalingen nog niet betaald", "2", "€ 170,20"),
    ],
    # p3 open and past due, p8 open; p12's is left out (dossier closed), and so are the
    # met ones (p1, p2, p5, p9) and p1's period end (a window, no work to do).
    "termijnen": [("PIP vastgesteld", "2", "1")],
    "per_regisseur": [
        ("Bram Hendrikx", "5"),  # p3, p4, p7, p13, p15
        ("Ingrid Janssen", "5"),  # p1, p2, p5, p6, p9
        ("Geen regisseur", "1"),  # p8
    ],
    "nationaliteit": [
        ("Syrisch", "6", "54,5%"),
        ("Afghaans", "2", "18,2%"),
        ("Eritrees", "2", "18,2%"),
        ("Turks", "1", "9,1%"),
    ],
    "geslacht": [
        ("Vrouw", "5", "45,5%"),
        ("Man", "6", "54,5%"),
        ("Anders / onbekend", "0", "0%"),
    ],
    # Ages on 30-09-2026.
    "leeftijd": [
        ("0–17", "2", "18,2%"),  # p4 16, p15 11
        ("18–27", "2", "18,2%"),  # p3 26, p8 26
        ("28–39", "3", "27,3%"),  # p1 36, p6 31, p9 38
        ("40–54", "2", "18,2%"),  # p2 41, p13 46
        ("55–66", "2", "18,2%"),  # p5 56, p7 66
        ("67 en ouder", "0", "0%"),
    ],
    "uitstroom": [
        ("Dossier afgesloten: Betaald werk", "1"),  # p10 (p13 closes after the quarter)
        ("Dossier afgesloten: Opleiding", "1"),  # p11
        ("Betaald werk begonnen", "2"),  # p1, p9
        ("Opleiding begonnen", "2"),  # p2, p9
        ("Aan het werk of in opleiding op de peildatum", "3"),  # p1, p6, p9 (p2 stopped)
    ],
    "afgesloten": [
        ("Inburgering afgerond of ontheffing", "0"),
        ("Betaald werk", "1"),
        ("Opleiding", "1"),
        ("Verhuisd naar een andere gemeente", "1"),
        ("Vertrokken uit Nederland", "0"),
        ("Overleden", "0"),
        ("Overig", "0"),
        ("Totaal", "3"),
    ],
    # Housed, nareizigers left out: p10 in 2025-2; p7, p6, p5 in 2026-1; p1, p2, p9 in
    # 2026-2 (p15 is a nareiziger). Targets 5 and 6.
    "taakstelling": [
        ("2025 (2e halfjaar)", "0", "1", "1", "1"),
        ("2026 (1e halfjaar)", "5", "3", "-2", "-1"),
        ("2026 (2e halfjaar)", "6", "3", "-3", "-4"),
    ],
}
# 3 of the 11 open dossiers work or study on the peildatum.
AANDEEL_WERK_OF_OPLEIDING = "27,3%"


@pytest.fixture
def aadorp():
    with time_machine.travel(VANDAAG, tick=False):
        gemeente, _beekdal = aadorp_en_beekdal()
        yield gemeente


@pytest.fixture
def teamleider(aadorp):
    return UserFactory(teamleider=True, gemeenten=[aadorp])


def _tabellen_uit_html(inhoud: bytes) -> dict[str, list[tuple]]:
    boom = html.fromstring(inhoud)
    tabellen = {}
    for tabel in boom.xpath("//table[starts-with(@id, 'tabel-')]"):
        tabellen[tabel.get("id").removeprefix("tabel-")] = [
            tuple(" ".join(cel.text_content().split()) for cel in rij.xpath("./th|./td"))
            for rij in tabel.xpath("./tbody/tr")
        ]
    return tabellen


def test_het_dashboard_toont_de_met_de_hand_berekende_cijfers(client, teamleider):
    client.force_login(teamleider)
    with time_machine.travel(VANDAAG, tick=False):
        antwoord = client.get(
            reverse("reports:dashboard"), {"van": "01-07-2026", "tot": "30-09-2026"}
        )
    assert antwoord.status_code == 200
    tabellen = _tabellen_uit_html(antwoord.content)
    for sleutel, rijen in VERWACHT.items():
        assert tabellen.get(sleutel) == rijen, sleutel
    tekst = antwoord.content.decode()
    assert f"aandeel van het open bestand: {AANDEEL_WERK_OF_OPLEIDING}" in tekst
    for naam in VERBORGEN:
        assert naam not in tekst


def _getal(tekst: str):
    """The spreadsheet holds real numbers: read the written figure back as one."""
    if tekst == "–":
        return None
    if tekst.startswith("€ "):
        # A spreadsheet number is a float; cents compare exactly at these sizes.
        return float(Decimal(tekst[2:].replace(".", "").replace(",", ".")))
    kaal = tekst.removesuffix("%").replace(",", ".")
    if re.fullmatch(r"-?\d+(\.\d+)?", kaal):
        return float(kaal) if "." in kaal or tekst.endswith("%") else int(kaal)
    return tekst


def _in_volgorde(tekst: str, cellen: tuple, sleutel: str) -> None:
    """The cells of a row appear in the PDF text in their order (a long label may wrap, so
    only its first word anchors the row)."""
    positie = tekst.find(cellen[0].split()[0])
    assert positie >= 0, (sleutel, cellen[0])
    for cel in cellen[1:]:
        gevonden = tekst.find(cel, positie)
        assert gevonden >= 0, (sleutel, cellen, cel)
        positie = gevonden + len(cel)


def test_pdf_en_spreadsheet_tonen_dezelfde_cijfers(
    teamleider, aadorp, django_capture_on_commit_callbacks
):
    with time_machine.travel(VANDAAG, tick=False):
        with django_capture_on_commit_callbacks(execute=False):
            rapport = rapport_aanvragen(
                door=teamleider,
                soort=RapportSoort.KWARTAALRAPPORT,
                gemeenten=[aadorp],
                jaar=2026,
                kwartaal=3,
            )
        rapport_maken(rapport=rapport)
    rapport.refresh_from_db()
    assert rapport.status == "klaar"

    pdf = PdfReader(io.BytesIO(rapport.pdf.read()))
    tekst = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Kwartaalrapportage inburgering 2026, kwartaal 3" in tekst
    assert "Definities" in tekst
    # The charts are drawn: their labels stand beside the tables' rows.
    assert tekst.count("Actief traject") >= 2
    for naam in VERBORGEN:
        assert naam not in tekst
    # Each table's section starts at its title; rows are looked for after it.
    for sleutel, rijen in VERWACHT.items():
        for rij in rijen:
            _in_volgorde(tekst, rij, sleutel)

    werkboek = openpyxl.load_workbook(io.BytesIO(rapport.xlsx.read()))
    titels = {blad.title: blad for blad in werkboek.worksheets}
    with time_machine.travel(VANDAAG, tick=False):
        cijfers = rapportage(
            gemeenten=[aadorp], van=rapport_van(), tot=rapport_tot(), vandaag=VANDAAG
        )
    for tabel in cijfers.tabellen:
        blad = titels[bladnaam(tabel)]
        assert blad.freeze_panes == "A2"
        rijen = [tuple(r) for r in blad.iter_rows(min_row=2, values_only=True)]
        assert rijen == [tuple(_getal(c) for c in rij) for rij in VERWACHT[tabel.sleutel]], (
            tabel.sleutel
        )
        for rij in blad.iter_rows(min_row=1):
            for cel in rij:
                assert cel.data_type != "f"
                assert not (isinstance(cel.value, str) and any(n in cel.value for n in VERBORGEN))


def rapport_van():
    import datetime

    return datetime.date(2026, 7, 1)


def rapport_tot():
    import datetime

    return datetime.date(2026, 9, 30)


def _definitie_op_het_dashboard(client, teamleider, sleutel: str) -> str:
    client.force_login(teamleider)
    with time_machine.travel(VANDAAG, tick=False):
        antwoord = client.get(
            reverse("reports:dashboard"), {"van": "01-07-2026", "tot": "30-09-2026"}
        )
    assert antwoord.status_code == 200
    [definitie] = html.fromstring(antwoord.content).xpath(
        f"//h2[@id='kop-{sleutel}']/following-sibling::p[1]"
    )
    return " ".join(definitie.text_content().split())


PIP_TERMIJN_STANDAARD = (
    "(10 weken na de laatste van DUO-kennisgeving en BRP-inschrijving, met Algemene "
    "termijnenwet en een eventuele verlenging)"
)
PIP_TERMIJN_GEWIJZIGD = (
    "(3 maanden na de laatste van DUO-kennisgeving en BRP-inschrijving, met een eventuele "
    "verlenging)"
)


def test_de_uitleg_van_de_pip_termijn_volgt_de_geconfigureerde_lengte(client, teamleider):
    assert PIP_TERMIJN_STANDAARD in _definitie_op_het_dashboard(client, teamleider, "pip_termijn")

    termijnconfig_wijzigen(
        config=termijnconfig("pip_vaststellen"),
        door=UserFactory(beheerder=True),
        lengte=3,
        eenheid="maanden",
        atw=False,
    )

    definitie = _definitie_op_het_dashboard(client, teamleider, "pip_termijn")
    assert PIP_TERMIJN_GEWIJZIGD in definitie
    assert "10 weken" not in definitie
    assert "Algemene termijnenwet" not in definitie


@pytest.mark.parametrize("model", [Termijn, TermijnConfig, Participatie])
def test_de_cijfers_lezen_de_tabel_die_het_model_noemt(aadorp, monkeypatch, model):
    """A table renamed in its app (as `core_termijn` became `termijnen_termijn`) changes no
    figure: the report finds it under the model's name."""
    with time_machine.travel(VANDAAG, tick=False):
        voor = rapportage(gemeenten=[aadorp], van=rapport_van(), tot=rapport_tot(), vandaag=VANDAAG)
        # The ORM keeps each field's column under the table name it first saw: forget that
        # for this test, and have it back afterwards.
        for veld in model._meta.concrete_fields:
            veld.cached_col  # noqa: B018
            monkeypatch.delitem(veld.__dict__, "cached_col")
        nieuw = f"{model._meta.db_table}_hernoemd"
        with connection.cursor() as cursor:
            cursor.execute(
                f"ALTER TABLE {connection.ops.quote_name(model._meta.db_table)} "
                f"RENAME TO {connection.ops.quote_name(nieuw)}"
            )
        monkeypatch.setattr(model._meta, "db_table", nieuw)
        na = rapportage(gemeenten=[aadorp], van=rapport_van(), tot=rapport_tot(), vandaag=VANDAAG)
    assert [t.rijen for t in na.tabellen] == [t.rijen for t in voor.tabellen]
