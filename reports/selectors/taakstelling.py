"""The taakstelling per half year against the persons actually housed: one query for any set
of gemeenten, with the backlog or surplus carried from one half year into the next."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from statushouders.constants import Doelgroep
from statushouders.models import Persoon

from ..models import Taakstelling

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
_TABEL = """
WITH doelen AS (
    SELECT jaar * 2 + halfjaar - 1 AS nummer, SUM(aantal) AS aantal
    FROM {taakstelling}
    WHERE gemeente_id = ANY(%(gemeenten)s)
    GROUP BY jaar, halfjaar
),
gehuisvest AS (
    SELECT EXTRACT(YEAR FROM huisvesting_datum)::int * 2
           + CASE WHEN EXTRACT(MONTH FROM huisvesting_datum) <= 6 THEN 0 ELSE 1 END AS nummer,
           COUNT(*) AS aantal
    FROM {persoon}
    WHERE gemeente_id = ANY(%(gemeenten)s)
      AND huisvesting_datum IS NOT NULL
      AND huisvesting_datum <= %(tot)s
      AND doelgroep <> %(nareiziger)s
    GROUP BY 1
),
reeks AS (
    SELECT generate_series(
        (SELECT MIN(nummer) FROM (SELECT nummer FROM doelen UNION ALL
                                  SELECT nummer FROM gehuisvest) AS alle),
        %(laatste)s
    ) AS nummer
),
rijen AS (
    SELECT reeks.nummer,
           COALESCE(doelen.aantal, 0)::int AS taakstelling,
           COALESCE(gehuisvest.aantal, 0)::int AS gerealiseerd
    FROM reeks
    LEFT JOIN doelen ON doelen.nummer = reeks.nummer
    LEFT JOIN gehuisvest ON gehuisvest.nummer = reeks.nummer
)
SELECT nummer / 2 AS jaar,
       nummer %% 2 + 1 AS halfjaar,
       taakstelling,
       gerealiseerd,
       gerealiseerd - taakstelling AS verschil,
       SUM(gerealiseerd - taakstelling) OVER (ORDER BY nummer)::int AS cumulatief
FROM rijen
ORDER BY nummer
"""


def taakstelling_tabel(*, gemeente_ids: list[int], tot: datetime.date) -> list[TaakstellingRij]:
    """Per half year, from the first with a target or a housed person up to the one holding
    `tot`: the summed target of the gemeenten, the persons housed (nareizigers not counted,
    every member of a household counted), the difference and the running backlog."""
    if not gemeente_ids:
        return []
    jaar, halfjaar = halfjaar_van(tot)
    sql = _TABEL.format(
        taakstelling=connection.ops.quote_name(Taakstelling._meta.db_table),
        persoon=connection.ops.quote_name(Persoon._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "gemeenten": list(gemeente_ids),
                "tot": tot,
                "nareiziger": Doelgroep.NAREIZIGER.value,
                "laatste": jaar * 2 + halfjaar - 1,
            },
        )
        return [TaakstellingRij(*rij) for rij in cursor.fetchall()]


def taakstellingen_van(*, gemeente) -> QuerySet[Taakstelling]:
    """The targets entered for one gemeente, newest half year first."""
    return Taakstelling.objects.filter(gemeente=gemeente).order_by("-jaar", "-halfjaar")
