"""Referrals per partner: accepted, declined, waiting, and how fast the partner answered."""

import datetime

from django.utils.translation import gettext as _

from partners.constants import VerwijzingStatus
from partners.models import Partner, Verwijzing
from statushouders.models import Persoon
from termijnen.berekening import atw_feestdagen
from termijnen.selectors import kalender

from ..sql import Table, rijen, sql
from .basis import DAGEN, PROCENT, TEKST, Kolom, Tabel, dag, procent


def _werkdagen_vrij(params) -> list[datetime.date]:
    """The holidays between the years the referrals span, for counting working days."""
    vrij = set(kalender().gelijkgesteld)
    for jaar in range(params["van"].year - 1, params["peil"].year + 2):
        vrij.update(atw_feestdagen(jaar))
    return sorted(vrij)


_VERWIJZINGEN = """
WITH verstuurd AS (
    SELECT {pa.naam} AS partner, {v.status} AS status,
           {v.beantwoord_op} IS NOT NULL AS beantwoord,
           (SELECT count(*) FROM generate_series(
                ({v.verstuurd_op} AT TIME ZONE %(tz)s)::date + 1,
                ({v.beantwoord_op} AT TIME ZONE %(tz)s)::date,
                interval '1 day') AS d(dag)
            WHERE extract(isodow FROM d.dag) < 6 AND NOT d.dag::date = ANY(%(vrij)s)
           ) AS werkdagen
    FROM {v}
    JOIN {pa} ON {pa.id} = {v.partner}
    JOIN {p} ON {p.id} = {v.persoon}
    WHERE {p.gemeente} = ANY(%(g)s)
      AND ({v.verstuurd_op} AT TIME ZONE %(tz)s)::date BETWEEN %(van)s AND %(tot)s
)
SELECT partner, count(*),
       count(*) FILTER (WHERE beantwoord AND status <> %(afgewezen)s),
       count(*) FILTER (WHERE status = %(afgewezen)s),
       count(*) FILTER (WHERE status = %(verstuurd)s),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY werkdagen) FILTER (WHERE beantwoord)
FROM verstuurd GROUP BY partner ORDER BY count(*) DESC, partner
"""


def verwijzingen_tabel(params) -> Tabel:
    query = sql(
        _VERWIJZINGEN,
        v=Table(Verwijzing, "v"),
        pa=Table(Partner, "pa"),
        p=Table(Persoon, "p"),
    )
    params = params | {
        "vrij": _werkdagen_vrij(params),
        "afgewezen": VerwijzingStatus.AFGEWEZEN.value,
        "verstuurd": VerwijzingStatus.VERSTUURD.value,
    }
    return Tabel(
        "verwijzingen",
        _("Verwijzingen per partner"),
        _(
            "Verwijzingen die in de periode zijn verstuurd, per partner: hoeveel de partner "
            "accepteerde, afwees of nog niet beantwoordde, en de mediane tijd tot het antwoord "
            "in werkdagen (zonder zaterdag, zondag en feestdagen; de dag van versturen telt "
            "niet)."
        ),
        [
            Kolom(_("Partner"), TEKST),
            Kolom(_("Verstuurd")),
            Kolom(_("Geaccepteerd")),
            Kolom(_("Afgewezen")),
            Kolom(_("Wacht op antwoord")),
            Kolom(_("Geaccepteerd (%)"), PROCENT),
            Kolom(_("Mediane antwoordtijd (werkdagen)"), DAGEN),
        ],
        [
            (
                naam,
                verstuurd,
                geaccepteerd,
                afgewezen,
                wacht,
                procent(geaccepteerd, verstuurd),
                dag(med),
            )
            for naam, verstuurd, geaccepteerd, afgewezen, wacht, med in rijen(query, params)
        ],
        grafiek=1,
    )
