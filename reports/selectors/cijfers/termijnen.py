"""Deadlines that ask for work and were open, or already overdue, on the peildatum."""

from django.utils.translation import gettext as _

from statushouders.models import Persoon
from termijnen.constants import OPENSTAAND, TERMIJNEN_ZONDER_ACTIE, TermijnStatus
from termijnen.models import Termijn, TermijnConfig

from ..sql import Table, rijen, sql
from .basis import TEKST, Kolom, Tabel, open_op_peildatum

# Open on the peildatum: still open (or overdue) now, or met only after that day.
_TERMIJNEN = """
WITH open_op_peildatum AS (
    SELECT {c.label} AS label, {t.vervalt_op} AS vervalt_op
    FROM {t}
    JOIN {c} ON {c.id} = {t.config}
    JOIN {p} ON {p.id} = {t.persoon}
    WHERE {open}
      AND {c.code} <> ALL(%(zonder_actie)s)
      AND {t.basisdatum} <= %(peil)s
      AND ({t.status} = ANY(%(openstaand)s)
           OR ({t.status} = %(gehaald)s AND {t.gehaald_op} > %(peil)s))
)
SELECT label, count(*), count(*) FILTER (WHERE vervalt_op < %(peil)s)
FROM open_op_peildatum GROUP BY label ORDER BY label
"""


def termijnen_tabel(params) -> Tabel:
    p = Table(Persoon, "p")
    query = sql(
        _TERMIJNEN,
        t=Table(Termijn, "t"),
        c=Table(TermijnConfig, "c"),
        p=p,
        open=open_op_peildatum(p),
    )
    params = params | {
        "zonder_actie": list(TERMIJNEN_ZONDER_ACTIE),
        "openstaand": [status.value for status in OPENSTAAND],
        "gehaald": TermijnStatus.GEHAALD.value,
    }
    return Tabel(
        "termijnen",
        _("Open en verlopen termijnen"),
        _(
            "Termijnen die om een handeling vragen (zoals PIP vaststellen, woning aanbieden, "
            "voortgangsgesprek, antwoord op een verwijzing), van dossiers die op de peildatum "
            "open waren: hoeveel er op de peildatum openstonden, en hoeveel daarvan de "
            "uiterste datum al voorbij waren. Bezwaartermijnen en het einde van een periode "
            "tellen niet mee: dat die verstrijken is geen achterstand."
        ),
        [
            Kolom(_("Termijn"), TEKST),
            Kolom(_("Open op de peildatum")),
            Kolom(_("Over de uiterste datum")),
        ],
        rijen(query, params),
        grafiek=2,
    )
