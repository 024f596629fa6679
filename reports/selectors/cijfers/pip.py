"""The PIP: fixed within its term or not, the leerroutes, and switches between them."""

from django.utils.translation import gettext as _

from intake.constants import Leerroute
from pip_plans.models import Plan, PlanVersie
from statushouders.models import Persoon
from termijnen.models import Termijn, TermijnConfig

from ..sql import Table, rijen, sql
from ..termijnconfig import geldende_termijnconfig
from .basis import AANTAL, PROCENT, TEKST, Kolom, Tabel, procent

PIP_VASTSTELLEN = "pip_vaststellen"

_PIP_TERMIJN = """
SELECT count(*), count(*) FILTER (WHERE {pl.eerste_vaststelling_op} <= {t.vervalt_op})
FROM {pl}
JOIN {p} ON {p.id} = {pl.persoon}
JOIN {t} ON {t.persoon} = {p.id} AND {t.sleutel} = %(van_de_persoon)s
JOIN {c} ON {c.id} = {t.config} AND {c.code} = %(pip_vaststellen)s
WHERE {p.gemeente} = ANY(%(g)s)
  AND {pl.eerste_vaststelling_op} BETWEEN %(van)s AND %(tot)s
"""


def _pip_termijn_uitleg() -> str:
    """How the term is counted, in the words of its configuration: a changed length or
    Algemene termijnenwet shows in the report."""
    config = geldende_termijnconfig(PIP_VASTSTELLEN)
    return _("%(lengte)s na de laatste van DUO-kennisgeving en BRP-inschrijving, %(met)s") % {
        "lengte": config.lengte_tekst,
        "met": _("met Algemene termijnenwet en een eventuele verlenging")
        if config.atw
        else _("met een eventuele verlenging"),
    }


def pip_termijn_tabel(params) -> Tabel:
    query = sql(
        _PIP_TERMIJN,
        pl=Table(Plan, "pl"),
        p=Table(Persoon, "p"),
        t=Table(Termijn, "t"),
        c=Table(TermijnConfig, "c"),
    )
    [(totaal, binnen)] = rijen(
        query, params | {"van_de_persoon": "", "pip_vaststellen": PIP_VASTSTELLEN}
    )
    return Tabel(
        "pip_termijn",
        _("PIP's vastgesteld binnen de termijn"),
        _(
            "Eerste PIP's die in de periode zijn vastgesteld, en hoeveel daarvan op of voor de "
            "uiterste datum van de termijn ‘PIP vaststellen’ (%(uitleg)s)."
        )
        % {"uitleg": _pip_termijn_uitleg()},
        [
            Kolom(_("Vastgesteld"), AANTAL),
            Kolom(_("Binnen de termijn")),
            Kolom(_("Te laat")),
            Kolom(_("Binnen de termijn (%)"), PROCENT),
        ],
        [(totaal, binnen, totaal - binnen, procent(binnen, totaal))],
    )


_LEERROUTES = """
SELECT {pl.leerroute}, count(*) FROM {pl}
JOIN {p} ON {p.id} = {pl.persoon}
WHERE {p.gemeente} = ANY(%(g)s) AND {pl.eerste_vaststelling_op} <= %(peil)s
  AND ({p.afgesloten_op} IS NULL OR {p.afgesloten_op} > %(peil)s)
GROUP BY {pl.leerroute}
"""


def leerroutes_tabel(params) -> Tabel:
    query = sql(_LEERROUTES, pl=Table(Plan, "pl"), p=Table(Persoon, "p"))
    aantallen = dict(rijen(query, params))
    totaal = sum(aantallen.values())
    tabel = [
        (label, aantallen.get(code, 0), procent(aantallen.get(code, 0), totaal))
        for code, label in Leerroute.choices
    ]
    tabel.append((_("Totaal"), totaal, procent(totaal, totaal)))
    return Tabel(
        "leerroutes",
        _("Leerroutes"),
        _(
            "Personen met een open dossier en een vastgesteld PIP op de peildatum, naar de "
            "leerroute van hun plan."
        ),
        [Kolom(_("Leerroute"), TEKST), Kolom(_("Personen")), Kolom(_("Aandeel (%)"), PROCENT)],
        tabel,
        grafiek=1,
        totaalrij=True,
    )


# A version's leerroute is read from its snapshot (pip_plans.selectors.plan_snapshot keeps
# the plan's fields under "velden"), as it was when that version was fixed.
_LEERROUTE_WISSELS = """
WITH versies AS (
    SELECT {v.vastgesteld_op} AS vastgesteld_op,
           {v.inhoud} -> 'velden' ->> 'leerroute' AS route,
           lag({v.inhoud} -> 'velden' ->> 'leerroute')
               OVER (PARTITION BY {v.plan} ORDER BY {v.nummer}) AS vorige
    FROM {v}
    JOIN {pl} ON {pl.id} = {v.plan}
    JOIN {p} ON {p.id} = {pl.persoon}
    WHERE {p.gemeente} = ANY(%(g)s)
)
SELECT vorige, route, count(*) FROM versies
WHERE vorige IS NOT NULL AND vorige <> route
  AND (vastgesteld_op AT TIME ZONE %(tz)s)::date BETWEEN %(van)s AND %(tot)s
GROUP BY vorige, route ORDER BY count(*) DESC, vorige, route
"""


def leerroute_wissels_tabel(params) -> Tabel:
    query = sql(
        _LEERROUTE_WISSELS,
        v=Table(PlanVersie, "v"),
        pl=Table(Plan, "pl"),
        p=Table(Persoon, "p"),
    )
    namen = dict(Leerroute.choices)
    return Tabel(
        "leerroute_wissels",
        _("Wisselingen van leerroute"),
        _(
            "PIP-versies die in de periode zijn vastgesteld met een andere leerroute dan de "
            "versie ervoor."
        ),
        [Kolom(_("Van → naar"), TEKST), Kolom(_("Wisselingen"))],
        [
            (f"{namen.get(van, van)} → {namen.get(naar, naar)}", aantal)
            for van, naar, aantal in rijen(query, params)
        ],
    )
