"""What every table of the report is made of: its columns, its rows, how a figure is written,
and the one rule for which dossiers count in the caseload on the peildatum."""

import datetime
from dataclasses import dataclass, field

from core.templatetags.koers import euro

from ..sql import Table, sql

# Which kind of value a column holds: decides how it is written (12,5 · 66,7% · € 1.234,56).
TEKST, AANTAL, DAGEN, PROCENT, EURO = "tekst", "aantal", "dagen", "procent", "euro"


@dataclass(frozen=True)
class Kolom:
    titel: str
    soort: str = AANTAL


@dataclass
class Tabel:
    sleutel: str
    titel: str
    definitie: str
    kolommen: list[Kolom]
    rijen: list[tuple]
    # The column a bar chart draws (None: no chart); the first column labels the bars.
    grafiek: int | None = None
    # Rows that sum up the others (a total) are not drawn as a bar.
    totaalrij: bool = False
    # The chart as SVG, drawn by reports.grafiek for the page and the PDF.
    svg: str = ""

    @property
    def grafiek_rijen(self) -> list[tuple]:
        return self.rijen[:-1] if self.totaalrij else self.rijen


@dataclass
class Rapportage:
    gemeenten: list[str]
    van: datetime.date
    tot: datetime.date
    peildatum: datetime.date
    tabellen: list[Tabel] = field(default_factory=list)

    def tabel(self, sleutel: str) -> Tabel:
        return next(t for t in self.tabellen if t.sleutel == sleutel)


def dag(waarde) -> float | None:
    """Medians and percentiles of whole days, to one decimal."""
    return None if waarde is None else round(float(waarde), 1)


def procent(deel: int, geheel: int) -> float | None:
    return None if not geheel else round(100 * deel / geheel, 1)


def getal_tekst(waarde) -> str:
    if waarde is None:
        return "–"
    tekst = f"{waarde:.1f}".replace(".", ",")
    return tekst[:-2] if tekst.endswith(",0") else tekst


def waarde_tekst(waarde, soort: str) -> str:
    """How a figure is written on the page and in the PDF: 1.234 · 12,5 · 66,7% · € 1.234,56;
    a figure that cannot be computed (no persons) is a dash."""
    if waarde is None:
        return "–"
    if soort == TEKST:
        return str(waarde)
    if soort == EURO:
        return euro(waarde)
    if soort == AANTAL:
        return f"{waarde:,}".replace(",", ".")
    if soort == PROCENT:
        return f"{getal_tekst(waarde)}%"
    return getal_tekst(waarde)


# A dossier counts in the caseload on a day when it was coupled (or, without a koppeling,
# made — on the installation's calendar) on or before that day and not closed on or before it.
_OPEN_OP_PEILDATUM = """
    {p.gemeente} = ANY(%(g)s)
    AND COALESCE({p.koppeling_datum}, ({p.created_at} AT TIME ZONE %(tz)s)::date) <= %(peil)s
    AND ({p.afgesloten_op} IS NULL OR {p.afgesloten_op} > %(peil)s)
"""


def open_op_peildatum(p: Table) -> str:
    """The condition on the persons under alias `p`, for the parameters g, tz and peil."""
    return sql(_OPEN_OP_PEILDATUM, p=p)
