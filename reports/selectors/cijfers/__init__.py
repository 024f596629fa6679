"""The figures of the dashboard, the quarterly report and its spreadsheet.

Each table is one SQL aggregation over the gemeenten asked for (never a loop over persons in
Python), in a module per subject. The dashboard, the PDF and the XLSX all render the same
`Rapportage`, so they cannot disagree. Every table carries its definition in words; the
report prints them on a page of their own."""

from .basis import (
    AANTAL,
    DAGEN,
    EURO,
    PROCENT,
    TEKST,
    Kolom,
    Rapportage,
    Tabel,
    waarde_tekst,
)
from .kenmerken import LEEFTIJDSGROEPEN, NATIONALITEITEN_GETOOND
from .rapportage import rapportage
from .termijnen import TERMIJNEN_ZONDER_ACTIE

__all__ = [
    "AANTAL",
    "DAGEN",
    "EURO",
    "LEEFTIJDSGROEPEN",
    "NATIONALITEITEN_GETOOND",
    "PROCENT",
    "TEKST",
    "TERMIJNEN_ZONDER_ACTIE",
    "Kolom",
    "Rapportage",
    "Tabel",
    "rapportage",
    "waarde_tekst",
]
