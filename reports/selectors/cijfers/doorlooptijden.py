"""How long the route takes: koppeling to intake, DUO/BRP to PIP, koppeling to housing."""

from django.utils.translation import gettext as _

from intake.models import BredeIntake
from pip_plans.models import Plan
from statushouders.models import Persoon

from ..sql import Table, rijen, sql
from .basis import DAGEN, TEKST, Kolom, Tabel, dag

# Each row: which span, how many persons, median and 90th percentile in calendar days.
_DOORLOOPTIJDEN = """
WITH intake AS (
    SELECT {p.id} AS persoon, min({i.gestart_op}) - {p.koppeling_datum} AS dagen,
           min({i.gestart_op}) AS op
    FROM {p} JOIN {i} ON {i.persoon} = {p.id}
    WHERE {p.gemeente} = ANY(%(g)s) AND {p.koppeling_datum} IS NOT NULL
    GROUP BY {p.id}
), pip AS (
    SELECT {pl.eerste_vaststelling_op}
           - GREATEST({p.duo_kennisgeving_op}, {p.brp_inschrijving_op}) AS dagen
    FROM {p} JOIN {pl} ON {pl.persoon} = {p.id}
    WHERE {p.gemeente} = ANY(%(g)s)
      AND {pl.eerste_vaststelling_op} BETWEEN %(van)s AND %(tot)s
      AND {p.duo_kennisgeving_op} IS NOT NULL AND {p.brp_inschrijving_op} IS NOT NULL
), huisvesting AS (
    SELECT {p.huisvesting_datum} - {p.koppeling_datum} AS dagen
    FROM {p}
    WHERE {p.gemeente} = ANY(%(g)s) AND {p.koppeling_datum} IS NOT NULL
      AND {p.huisvesting_datum} BETWEEN %(van)s AND %(tot)s
)
SELECT 1, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY dagen),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY dagen)
FROM intake WHERE op BETWEEN %(van)s AND %(tot)s
UNION ALL
SELECT 2, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY dagen),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY dagen) FROM pip
UNION ALL
SELECT 3, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY dagen),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY dagen) FROM huisvesting
ORDER BY 1
"""


def doorlooptijden_tabel(params) -> Tabel:
    query = sql(
        _DOORLOOPTIJDEN,
        p=Table(Persoon, "p"),
        i=Table(BredeIntake, "i"),
        pl=Table(Plan, "pl"),
    )
    labels = {
        1: _("Koppeling → start brede intake"),
        2: _("DUO-kennisgeving of BRP-inschrijving (de laatste) → PIP vastgesteld"),
        3: _("Koppeling → huisvesting"),
    }
    return Tabel(
        "doorlooptijden",
        _("Doorlooptijden in dagen"),
        _(
            "Kalenderdagen tussen twee datums in het dossier, voor wie het tweede moment in de "
            "periode bereikte: de eerste brede intake die in de periode begon, het eerste PIP "
            "dat in de periode werd vastgesteld (gerekend vanaf de laatste van "
            "DUO-kennisgeving en BRP-inschrijving), de huisvesting in de periode. Mediaan en "
            "90e percentiel (lineair geïnterpoleerd)."
        ),
        [
            Kolom(_("Doorlooptijd"), TEKST),
            Kolom(_("Personen")),
            Kolom(_("Mediaan (dagen)"), DAGEN),
            Kolom(_("90e percentiel (dagen)"), DAGEN),
        ],
        [(labels[n], aantal, dag(med), dag(p90)) for n, aantal, med, p90 in rijen(query, params)],
        grafiek=2,
    )
