"""What every spreadsheet Koers hands out must hold to: a cell that a person typed and that
starts like a formula is shown as text, never evaluated (CSV/formula injection, OWASP).

Exports use these on every cell they write; the walk over all pages applies them to every
XLSX or CSV response it meets, so a new export is checked without an edit here."""

import csv
import io
import re

# A spreadsheet program treats a cell starting with one of these as a formula (tab and
# carriage return too: some programs strip them first).
from core.export import FORMULETEKENS

# A plain number as text ("-12,50") is no formula, whatever its sign.
_GETAL = re.compile(r"[+-]?\d+(?:[.,]\d+)*")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"


def assert_veilige_spreadsheetcel(waarde, *, data_type: str | None = None, plek: str = "") -> None:
    """A cell is safe when it is not a formula: in XLSX a text cell (data type 's' or
    'inlineStr', never 'f'), and in either format text that starts like a formula begins with
    an apostrophe. Numbers and dates written as numbers are safe as they are."""
    assert data_type != "f", f"{plek}: formule in een cel: {waarde!r}"
    if not isinstance(waarde, str) or _GETAL.fullmatch(waarde):
        return
    assert not waarde.startswith(FORMULETEKENS), (
        f"{plek}: tekst die als formule begint, zonder apostrof: {waarde!r}"
    )


def assert_veilige_csv(inhoud: bytes | str) -> None:
    tekst = inhoud.decode("utf-8-sig") if isinstance(inhoud, bytes) else inhoud
    dialect = csv.Sniffer().sniff(tekst[:4096], delimiters=",;\t") if tekst.strip() else "excel"
    for r, rij in enumerate(csv.reader(io.StringIO(tekst), dialect)):
        for k, cel in enumerate(rij):
            assert_veilige_spreadsheetcel(cel, plek=f"rij {r + 1}, kolom {k + 1}")


def assert_veilige_xlsx(inhoud: bytes) -> None:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - fails loudly when the first export arrives
        raise AssertionError("een XLSX-export vraagt openpyxl in de dev-afhankelijkheden") from None
    werkboek = load_workbook(io.BytesIO(inhoud))
    for blad in werkboek.worksheets:
        for rij in blad.iter_rows():
            for cel in rij:
                assert_veilige_spreadsheetcel(
                    cel.value, data_type=cel.data_type, plek=f"{blad.title}!{cel.coordinate}"
                )


def assert_veilige_download(response) -> None:
    """Check a response when it is a spreadsheet; anything else passes untouched."""
    soort = response.get("Content-Type", "").split(";")[0].strip()
    if soort not in (XLSX, CSV):
        return
    inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    (assert_veilige_xlsx if soort == XLSX else assert_veilige_csv)(inhoud)
