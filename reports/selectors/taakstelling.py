"""The taakstelling per half year against the persons actually housed: one query for any set
of gemeenten, with the backlog or surplus carried from one half year into the next."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from statushouders.constants import Doelgroep
from statushouders.models import Persoon

from ..models import Taakstelling
from .sql import Table, rijen, sql

DEFINITIE_TAAKSTELLING = (
    "Gerealiseerd: het aantal personen (ieder lid van een huishouden telt mee) dat in het "
    "halfjaar in de gemeente is gehuisvest, nareizigers niet meegeteld. Het verschil met de "
    "taakstelling loopt mee naar het volgende halfjaar: negatief is een achterstand, positief "
    "een voorsprong."
)


@dataclass(frozen=True)
class TaakstellingRij:
    jaar: int
    halfjaar: int
    taakstelling: int
    gerealiseerd: int
    verschil: int
    cumulatief: int

    @property
    def label(self) -> str:
        return f"{self.jaar} ({self.halfjaar}e halfjaar)"


def halfjaar_van(datum: datetime.date) -> tuple[int, int]:
    """(jaar, 1 or 2): 1 January to 30 June is the first half year."""
    return datum.year, 1 if datum.month <= 6 else 2


# Half years are numbered jaar * 2 + (halfjaar - 1), so a series of numbers is a series of
# consecutive half years and the window function can run over them in order.
# `{groep}` and `{groep_persoon}` are 0 to sum the gemeenten into one table, or the row's
# gemeente for a table per gemeente.
_TABEL = """
WITH doelen AS (
    SELECT {groep} AS groep, {ts.jaar} * 2 + {ts.halfjaar} - 1 AS nummer,
           SUM({ts.aantal}) AS aantal
    FROM {ts}
    WHERE {ts.gemeente} = ANY(%(gemeenten)s)
    GROUP BY 1, 2
),
gehuisvest AS (
    SELECT {groep_persoon} AS groep,
           EXTRACT(YEAR FROM {p.huisvesting_datum})::int * 2
           + CASE WHEN EXTRACT(MONTH FROM {p.huisvesting_datum}) <= 6 THEN 0 ELSE 1 END
               AS nummer,
           COUNT(*) AS aantal
    FROM {p}
    WHERE {p.gemeente} = ANY(%(gemeenten)s)
      AND {p.huisvesting_datum} IS NOT NULL
      AND {p.huisvesting_datum} <= %(tot)s
      AND {p.doelgroep} <> %(nareiziger)s
    GROUP BY 1, 2
),
reeks AS (
    SELECT groep, generate_series(MIN(nummer), %(laatste)s) AS nummer
    FROM (SELECT groep, nummer FROM doelen UNION ALL
          SELECT groep, nummer FROM gehuisvest) AS alle
    GROUP BY groep
),
rijen AS (
    SELECT reeks.groep,
           reeks.nummer,
           COALESCE(doelen.aantal, 0)::int AS taakstelling,
           COALESCE(gehuisvest.aantal, 0)::int AS gerealiseerd
    FROM reeks
    LEFT JOIN doelen ON doelen.groep = reeks.groep AND doelen.nummer = reeks.nummer
    LEFT JOIN gehuisvest ON gehuisvest.groep = reeks.groep AND gehuisvest.nummer = reeks.nummer
)
SELECT groep,
       nummer / 2 AS jaar,
       nummer %% 2 + 1 AS halfjaar,
       taakstelling,
       gerealiseerd,
       gerealiseerd - taakstelling AS verschil,
       SUM(gerealiseerd - taakstelling) OVER (PARTITION BY groep ORDER BY nummer)::int
           AS cumulatief
FROM rijen
ORDER BY groep, nummer
"""


def taakstelling_tabel(*, gemeente_ids: list[int], tot: datetime.date) -> list[TaakstellingRij]:
    """Per half year, from the first with a target or a housed person up to the one holding
    `tot`: the summed target of the gemeenten, the persons housed (nareizigers not counted,
    every member of a household counted), the difference and the running backlog."""
    return _tabellen(gemeente_ids=gemeente_ids, tot=tot, per_gemeente=False).get(0, [])


def taakstelling_tabellen(
    *, gemeente_ids: list[int], tot: datetime.date
) -> dict[int, list[TaakstellingRij]]:
    """The table of `taakstelling_tabel` for each gemeente on its own, by gemeente id, in one
    query however many gemeenten there are."""
    return _tabellen(gemeente_ids=gemeente_ids, tot=tot, per_gemeente=True)


def _tabellen(*, gemeente_ids, tot, per_gemeente: bool) -> dict[int, list[TaakstellingRij]]:
    if not gemeente_ids:
        return {}
    jaar, halfjaar = halfjaar_van(tot)
    ts, p = Table(Taakstelling, "ts"), Table(Persoon, "p")
    query = sql(
        _TABEL,
        ts=ts,
        p=p,
        groep=ts.gemeente if per_gemeente else "0",
        groep_persoon=p.gemeente if per_gemeente else "0",
    )
    tabellen = {}
    for groep, *rij in rijen(
        query,
        {
            "gemeenten": list(gemeente_ids),
            "tot": tot,
            "nareiziger": Doelgroep.NAREIZIGER.value,
            "laatste": jaar * 2 + halfjaar - 1,
        },
    ):
        tabellen.setdefault(groep, []).append(TaakstellingRij(*rij))
    return tabellen


def taakstellingen_van(*, gemeente) -> QuerySet[Taakstelling]:
    """The targets entered for one gemeente, newest half year first."""
    return Taakstelling.objects.filter(gemeente=gemeente).order_by("-jaar", "-halfjaar")


def taakstellingen_per_gemeente(*, gemeente_ids: list[int]) -> dict[int, list[Taakstelling]]:
    """The targets of each gemeente as `taakstellingen_van` gives them, in one query."""
    per_gemeente = {}
    for taakstelling in Taakstelling.objects.filter(gemeente_id__in=gemeente_ids).order_by(
        "-jaar", "-halfjaar"
    ):
        per_gemeente.setdefault(taakstelling.gemeente_id, []).append(taakstelling)
    return per_gemeente
