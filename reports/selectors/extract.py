"""The per-person quarterly delivery: the monitoring dates of every person whose dossier was
open at some moment in the quarter, in one query."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LeveringKolom:
    titel: str
    datum: bool = False


KOLOMMEN = [
    LeveringKolom(_("Gemeente")),
    LeveringKolom(_("BSN")),
    LeveringKolom(_("V-nummer")),
    LeveringKolom(_("Doelgroep")),
    LeveringKolom(_("Koppeling"), datum=True),
    LeveringKolom(_("Huisvesting"), datum=True),
    LeveringKolom(_("DUO-kennisgeving"), datum=True),
    LeveringKolom(_("Brede intake gestart"), datum=True),
    LeveringKolom(_("Brede intake afgerond"), datum=True),
    LeveringKolom(_("PIP vastgesteld"), datum=True),
    LeveringKolom(_("Leerroute")),
    LeveringKolom(_("Ontzorgperiode start"), datum=True),
    LeveringKolom(_("Ontzorgperiode einde"), datum=True),
    LeveringKolom(_("PVT ondertekend"), datum=True),
    LeveringKolom(_("MAP afgerond"), datum=True),
    LeveringKolom(_("KNM afgerond"), datum=True),
    LeveringKolom(_("Uitstroom"), datum=True),
    LeveringKolom(_("Reden uitstroom")),
]

_SQL = """
SELECT g.cbs_code, p.bsn, p.v_nummer, p.doelgroep, p.koppeling_datum, p.huisvesting_datum,
       p.duo_kennisgeving_op, i.gestart_op, i.afgerond_op, pl.eerste_vaststelling_op,
       pl.leerroute, o.start_bijstand, o.einde, pl.pvt_ondertekend_op, pl.map_afgerond_op,
       pl.knm_afgerond_op,
       CASE WHEN p.afgesloten_op <= %(tot)s THEN p.afgesloten_op END,
       CASE WHEN p.afgesloten_op <= %(tot)s THEN p.uitstroomreden ELSE '' END
FROM statushouders_persoon p
JOIN statushouders_gemeente g ON g.id = p.gemeente_id
LEFT JOIN LATERAL (
    SELECT min(gestart_op) AS gestart_op, max(afgerond_op) AS afgerond_op
    FROM intake_bredeintake WHERE persoon_id = p.id AND gestart_op <= %(tot)s
) i ON true
LEFT JOIN pip_plans_plan pl ON pl.persoon_id = p.id AND pl.eerste_vaststelling_op <= %(tot)s
LEFT JOIN LATERAL (
    SELECT o.start_bijstand, COALESCE(o.beeindigd_op, t.vervalt_op) AS einde
    FROM ontzorging_ontzorgperiode o
    LEFT JOIN core_termijn t ON t.persoon_id = o.persoon_id AND t.sleutel = o.uuid::text
    WHERE o.persoon_id = p.id AND o.start_bijstand <= %(tot)s
    ORDER BY o.start_bijstand LIMIT 1
) o ON true
WHERE p.gemeente_id = ANY(%(g)s)
  AND p.koppeling_datum <= %(tot)s
  AND (p.afgesloten_op IS NULL OR p.afgesloten_op >= %(van)s)
ORDER BY g.cbs_code, p.bsn, p.id
"""


def kwartaallevering(*, gemeente_ids: list[int], van: datetime.date, tot: datetime.date):
    """Rows in the order of KOLOMMEN. Dates after the quarter are left out: the delivery says
    what was true at the quarter's end."""
    with connection.cursor() as cursor:
        cursor.execute(_SQL, {"g": gemeente_ids, "van": van, "tot": tot})
        for rij in cursor.fetchall():
            yield tuple(None if isinstance(w, datetime.date) and w > tot else w for w in rij)
