"""Brede intakes started and completed in the period."""

from django.utils.translation import gettext as _

from intake.models import BredeIntake
from statushouders.models import Persoon

from ..sql import Table, rijen, sql
from .basis import Kolom, Tabel

_INTAKES = """
SELECT count(*) FILTER (WHERE {i.gestart_op} BETWEEN %(van)s AND %(tot)s),
       count(*) FILTER (WHERE {i.afgerond_op} BETWEEN %(van)s AND %(tot)s)
FROM {i} JOIN {p} ON {p.id} = {i.persoon}
WHERE {p.gemeente} = ANY(%(g)s)
"""


def intakes_tabel(params) -> Tabel:
    query = sql(_INTAKES, i=Table(BredeIntake, "i"), p=Table(Persoon, "p"))
    [(gestart, afgerond)] = rijen(query, params)
    return Tabel(
        "intakes",
        _("Brede intakes"),
        _("Brede intakes die in de periode zijn gestart, en die in de periode zijn afgerond."),
        [Kolom(_("Gestart")), Kolom(_("Afgerond"))],
        [(gestart, afgerond)],
    )
