"""The per-person quarterly delivery: the monitoring dates of every person whose dossier was
open at some moment in the quarter, in one query."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from intake.models import BredeIntake
from ontzorging.constants import TERMIJN_EINDE
from ontzorging.models import Ontzorgperiode
from pip_plans.models import Plan
from statushouders.models import Gemeente, Persoon
from termijnen.models import Termijn

from .sql import Table, rijen, sql
from .termijnconfig import geldende_termijnconfig


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
SELECT {g.cbs_code}, {p.bsn}, {p.v_nummer}, {p.doelgroep}, {p.koppeling_datum},
       {p.huisvesting_datum}, {p.duo_kennisgeving_op}, i.gestart_op, i.afgerond_op,
       {pl.eerste_vaststelling_op}, {pl.leerroute}, o.start_bijstand, o.einde,
       {pl.pvt_ondertekend_op}, {pl.map_afgerond_op}, {pl.knm_afgerond_op},
       CASE WHEN {p.afgesloten_op} <= %(tot)s THEN {p.afgesloten_op} END,
       CASE WHEN {p.afgesloten_op} <= %(tot)s THEN {p.uitstroomreden} ELSE '' END
FROM {p}
JOIN {g} ON {g.id} = {p.gemeente}
LEFT JOIN LATERAL (
    SELECT min({bi.gestart_op}) AS gestart_op, max({bi.afgerond_op}) AS afgerond_op
    FROM {bi} WHERE {bi.persoon} = {p.id} AND {bi.gestart_op} <= %(tot)s
) i ON true
LEFT JOIN {pl} ON {pl.persoon} = {p.id} AND {pl.eerste_vaststelling_op} <= %(tot)s
LEFT JOIN LATERAL (
    SELECT {op.start_bijstand} AS start_bijstand,
           COALESCE({op.beeindigd_op}, {t.vervalt_op}) AS einde
    FROM {op}
    LEFT JOIN {t} ON {t.persoon} = {op.persoon} AND {t.sleutel} = {op.uuid}::text
         AND {t.config} = %(einde)s
    WHERE {op.persoon} = {p.id} AND {op.start_bijstand} <= %(tot)s
    ORDER BY {op.start_bijstand} LIMIT 1
) o ON true
WHERE {p.gemeente} = ANY(%(g)s)
  AND {p.koppeling_datum} <= %(tot)s
  AND ({p.afgesloten_op} IS NULL OR {p.afgesloten_op} >= %(van)s)
ORDER BY {g.cbs_code}, {p.bsn}, {p.id}
"""


def kwartaallevering(*, gemeente_ids: list[int], van: datetime.date, tot: datetime.date):
    """Rows in the order of KOLOMMEN. Dates after the quarter are left out: the delivery says
    what was true at the quarter's end."""
    query = sql(
        _SQL,
        p=Table(Persoon, "p"),
        g=Table(Gemeente, "g"),
        bi=Table(BredeIntake, "bi"),
        pl=Table(Plan, "pl"),
        op=Table(Ontzorgperiode, "op"),
        t=Table(Termijn, "t"),
    )
    # The period's objection window has the same key: only its end term is the end.
    einde = geldende_termijnconfig(TERMIJN_EINDE).pk
    for rij in rijen(query, {"g": gemeente_ids, "van": van, "tot": tot, "einde": einde}):
        yield tuple(None if isinstance(w, datetime.date) and w > tot else w for w in rij)
