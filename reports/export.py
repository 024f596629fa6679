"""The spreadsheets: one sheet per table of the quarterly report, and the per-person
delivery. Numbers and dates are real numbers and dates; text goes through `veilige_cel`."""

import csv
import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from core.export import veilige_cel

from .selectors import LEVERING_KOLOMMEN, Rapportage
from .selectors.cijfers import EURO, PROCENT, TEKST

DATUM = "DD-MM-YYYY"
# A sheet's name has at most 31 characters: the titles that are longer get a short name.
BLADNAMEN = {
    "pip_termijn": "PIP's binnen de termijn",
    "uitstroom": "Uitstroom werk of opleiding",
}


def bladnaam(tabel) -> str:
    return BLADNAMEN.get(tabel.sleutel, tabel.titel)[:31]


def _cel(waarde):
    if waarde is None or isinstance(waarde, (int, float, Decimal, datetime.date)):
        return waarde
    return veilige_cel(waarde)


def _blad(werkboek, titel: str, koppen: list[str], rijen, formaten=None):
    blad = werkboek.create_sheet(title=titel[:31])
    blad.append([veilige_cel(k) for k in koppen])
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for rij in rijen:
        blad.append([_cel(w) for w in rij])
    for k, formaat in enumerate(formaten or []):
        if formaat:
            for (cel,) in blad.iter_rows(min_row=2, min_col=k + 1, max_col=k + 1):
                cel.number_format = formaat
    blad.freeze_panes = "A2"
    for k, kop in enumerate(koppen):
        blad.column_dimensions[blad.cell(row=1, column=k + 1).column_letter].width = max(
            12, min(60, len(kop) + 4)
        )
    return blad


def _opslaan(werkboek) -> bytes:
    uit = io.BytesIO()
    werkboek.save(uit)
    return uit.getvalue()


def rapportage_xlsx(cijfers: Rapportage) -> bytes:
    werkboek = Workbook()
    info = werkboek.active
    info.title = "Rapport"
    info.append(["Gemeenten", veilige_cel(", ".join(cijfers.gemeenten))])
    info.append(["Van", cijfers.van])
    info.append(["Tot en met", cijfers.tot])
    info.append(["Peildatum", cijfers.peildatum])
    for rij in info.iter_rows(min_row=2, max_row=4, min_col=2, max_col=2):
        rij[0].number_format = DATUM
    info.freeze_panes = "A2"
    formaat = {EURO: "#,##0.00", PROCENT: "0.0", TEKST: None}
    for tabel in cijfers.tabellen:
        _blad(
            werkboek,
            bladnaam(tabel),
            [k.titel or "" for k in tabel.kolommen],
            tabel.rijen,
            [formaat.get(k.soort) for k in tabel.kolommen],
        )
    return _opslaan(werkboek)


def levering_xlsx(rijen) -> bytes:
    werkboek = Workbook()
    werkboek.remove(werkboek.active)
    _blad(
        werkboek,
        "Levering",
        [str(k.titel) for k in LEVERING_KOLOMMEN],
        rijen,
        [DATUM if k.datum else None for k in LEVERING_KOLOMMEN],
    )
    return _opslaan(werkboek)


def levering_csv(rijen) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";")
    schrijver.writerow([str(k.titel) for k in LEVERING_KOLOMMEN])
    for rij in rijen:
        schrijver.writerow(
            [
                w.strftime("%d-%m-%Y")
                if isinstance(w, datetime.date)
                else veilige_cel("" if w is None else w)
                for w in rij
            ]
        )
    return ("\ufeff" + uit.getvalue()).encode("utf-8")
