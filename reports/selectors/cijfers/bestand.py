"""The caseload on the peildatum: per bestandsgroep and per regisseur."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from statushouders.constants import Bestandsgroep
from statushouders.models import Persoon

from ..sql import Table, rijen, sql
from .basis import TEKST, Kolom, Tabel, open_op_peildatum

_PER_GROEP = """
SELECT {p.bestandsgroep}, count(*) FROM {p}
WHERE {open} GROUP BY {p.bestandsgroep}
"""


def bestand_tabel(params) -> Tabel:
    p = Table(Persoon, "p")
    aantallen = dict(rijen(sql(_PER_GROEP, p=p, open=open_op_peildatum(p)), params))
    tabel = [(label, aantallen.get(code, 0)) for code, label in Bestandsgroep.choices]
    tabel.append((_("Totaal"), sum(aantallen.values())))
    return Tabel(
        "bestand",
        _("Bestand naar groep"),
        _(
            "Personen met een open dossier op de peildatum (gekoppeld op of voor die dag en "
            "niet afgesloten), naar hun huidige bestandsgroep: Koers houdt niet bij in welke "
            "groep iemand vroeger stond, dus voor een eerdere periode is dit de indeling van "
            "vandaag."
        ),
        [Kolom(_("Bestandsgroep"), TEKST), Kolom(_("Personen"))],
        tabel,
        grafiek=1,
        totaalrij=True,
    )


_PER_REGISSEUR = """
SELECT COALESCE(NULLIF(trim({u.first_name} || ' ' || {u.last_name}), ''), {u.username},
                %(geen)s),
       count(*)
FROM {p} LEFT JOIN {u} ON {u.id} = {p.regisseur}
WHERE {open}
GROUP BY 1 ORDER BY count(*) DESC, 1
"""


def per_regisseur_tabel(params) -> Tabel:
    p, u = Table(Persoon, "p"), Table(get_user_model(), "u")
    query = sql(_PER_REGISSEUR, p=p, u=u, open=open_op_peildatum(p))
    return Tabel(
        "per_regisseur",
        _("Bestand per regisseur"),
        _("Personen met een open dossier op de peildatum, naar hun regisseur."),
        [Kolom(_("Regisseur"), TEKST), Kolom(_("Personen"))],
        rijen(query, params | {"geen": _("Geen regisseur")}),
        grafiek=1,
    )
