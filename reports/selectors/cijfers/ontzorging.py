"""Ontzorging: the periods that ran, and the payments to creditors by their state."""

from decimal import Decimal

from django.utils.translation import gettext as _

from ontzorging.constants import TERMIJN_EINDE, BetalingStatus, PeriodeStatus
from ontzorging.models import Betaling, Ontzorgperiode, VasteLast
from statushouders.models import Persoon
from termijnen.models import Termijn, TermijnConfig

from ..sql import Table, rijen, sql
from .basis import EURO, TEKST, Kolom, Tabel

# A period's planned end is its `ontzorgperiode` deadline, keyed by the period's uuid.
_ONTZORGING = """
WITH periodes AS (
    SELECT count(*) AS aantal FROM {o}
    JOIN {p} ON {p.id} = {o.persoon}
    LEFT JOIN {t} ON {t.persoon} = {o.persoon} AND {t.sleutel} = {o.uuid}::text
    LEFT JOIN {c} ON {c.id} = {t.config}
    WHERE {p.gemeente} = ANY(%(g)s) AND {o.status} <> %(gepland)s
      AND {o.start_bijstand} <= %(tot)s
      AND COALESCE({o.beeindigd_op}, {t.vervalt_op}, %(tot)s) >= %(van)s
      AND ({c.code} = %(einde)s OR {c.code} IS NULL)
), betalingen AS (
    SELECT {b.status} AS status, count(*) AS aantal, sum({b.bedrag}) AS bedrag
    FROM {b}
    JOIN {l} ON {l.id} = {b.vaste_last}
    JOIN {o} ON {o.id} = {l.periode}
    JOIN {p} ON {p.id} = {o.persoon}
    WHERE {p.gemeente} = ANY(%(g)s)
      AND {b.maand} BETWEEN date_trunc('month', %(van)s::date) AND %(tot)s
    GROUP BY {b.status}
)
SELECT %(periodes)s, aantal, NULL FROM periodes
UNION ALL SELECT status, aantal, bedrag FROM betalingen
"""

# The first column of the answer: a payment state, or this for the count of periods.
_PERIODES = "periodes"


def ontzorging_tabel(params) -> Tabel:
    query = sql(
        _ONTZORGING,
        o=Table(Ontzorgperiode, "o"),
        p=Table(Persoon, "p"),
        t=Table(Termijn, "t"),
        c=Table(TermijnConfig, "c"),
        b=Table(Betaling, "b"),
        l=Table(VasteLast, "l"),
    )
    params = params | {
        "gepland": PeriodeStatus.GEPLAND.value,
        "einde": TERMIJN_EINDE,
        "periodes": _PERIODES,
    }
    uitkomst = {soort: (aantal, bedrag) for soort, aantal, bedrag in rijen(query, params)}
    nul = (0, Decimal("0.00"))
    betaald = uitkomst.get(BetalingStatus.BETAALD, nul)
    mislukt = uitkomst.get(BetalingStatus.MISLUKT, nul)
    open_ = [uitkomst.get(s, nul) for s in (BetalingStatus.GEPLAND, BetalingStatus.IN_BATCH)]
    tabel = [
        (_("Lopende ontzorgperioden"), uitkomst.get(_PERIODES, nul)[0], None),
        (_("Betalingen betaald"), betaald[0], betaald[1] or Decimal("0.00")),
        (_("Betalingen mislukt"), mislukt[0], mislukt[1] or Decimal("0.00")),
        (
            _("Betalingen nog niet betaald"),
            sum(a for a, _b in open_),
            sum((b or Decimal("0.00") for _a, b in open_), Decimal("0.00")),
        ),
    ]
    return Tabel(
        "ontzorging",
        _("Ontzorging"),
        _(
            "Ontzorgperioden die in de periode liepen (gestart, en niet voor het begin van de "
            "periode geëindigd), en de betalingen aan schuldeisers over de maanden van de "
            "periode naar hun stand: betaald (bevestigd door de bank), mislukt (teruggeboekt) "
            "en nog niet betaald (gepland of in een betaalbatch)."
        ),
        [Kolom(_("Onderdeel"), TEKST), Kolom(_("Aantal")), Kolom(_("Bedrag"), EURO)],
        tabel,
    )
