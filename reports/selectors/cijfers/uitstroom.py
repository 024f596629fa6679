"""Outflow: dossiers closed, by reason, and persons who went to work or education."""

from django.utils.translation import gettext as _

from participatie.constants import WERK_OF_OPLEIDING
from participatie.models import Participatie
from statushouders.constants import Uitstroomreden
from statushouders.models import Persoon

from ..sql import Table, rijen, sql
from .basis import TEKST, Kolom, Tabel, getal_tekst, open_op_peildatum, procent

# Four counts in one pass: 'a' dossiers closed in the period per reason; 's' persons who
# started work or education in the period, per kind; 'p' open dossiers of persons at work or
# in education on the peildatum; 'o' all open dossiers.
_UITSTROOM = """
SELECT 'a', {p.uitstroomreden}, count(*) FROM {p}
WHERE {p.gemeente} = ANY(%(g)s) AND {p.afgesloten_op} BETWEEN %(van)s AND %(tot)s
GROUP BY {p.uitstroomreden}
UNION ALL
SELECT 's', {pa.soort}, count(DISTINCT {pa.persoon}) FROM {pa}
JOIN {p} ON {p.id} = {pa.persoon}
WHERE {p.gemeente} = ANY(%(g)s) AND {pa.soort} = ANY(%(werk_of_opleiding)s)
  AND {pa.gestart_op} BETWEEN %(van)s AND %(tot)s
GROUP BY {pa.soort}
UNION ALL
SELECT 'p', NULL, count(DISTINCT {p.id}) FROM {p}
JOIN {pa} ON {pa.persoon} = {p.id}
WHERE {open} AND {pa.soort} = ANY(%(werk_of_opleiding)s)
  AND {pa.gestart_op} <= %(peil)s
  AND ({pa.geeindigd_op} IS NULL OR {pa.geeindigd_op} >= %(peil)s)
UNION ALL
SELECT 'o', NULL, count(*) FROM {p} WHERE {open}
"""


def uitstroom_tabel(params) -> Tabel:
    p = Table(Persoon, "p")
    query = sql(_UITSTROOM, p=p, pa=Table(Participatie, "pa"), open=open_op_peildatum(p))
    werk_of_opleiding = [soort.value for soort in WERK_OF_OPLEIDING]
    uitkomst: dict[tuple[str, str | None], int] = {}
    for soort, code, aantal in rijen(query, params | {"werk_of_opleiding": werk_of_opleiding}):
        uitkomst[(soort, code)] = aantal
    open_ = uitkomst.get(("o", None), 0)
    aan_het_werk = uitkomst.get(("p", None), 0)
    # A dossier closed for work or education carries the same code as a reason for leaving
    # (Uitstroomreden) as the participation it went to (ParticipatieSoort).
    tabel = [
        (
            _("Dossier afgesloten: %(reden)s") % {"reden": Uitstroomreden(soort).label},
            uitkomst.get(("a", soort), 0),
        )
        for soort in werk_of_opleiding
    ]
    tabel += [
        (_("%(soort)s begonnen") % {"soort": soort.label}, uitkomst.get(("s", soort), 0))
        for soort in WERK_OF_OPLEIDING
    ]
    tabel.append((_("Aan het werk of in opleiding op de peildatum"), aan_het_werk))
    return Tabel(
        "uitstroom",
        _("Uitstroom naar werk of opleiding"),
        _(
            "Dossiers die in de periode zijn afgesloten met als reden betaald werk of opleiding; "
            "personen die in de periode aan betaald werk of een opleiding begonnen (ieder één "
            "keer per soort); en personen met een open dossier die op de peildatum werken of "
            "een opleiding volgen (aandeel van het open bestand: %(aandeel)s%%)."
        )
        % {"aandeel": getal_tekst(procent(aan_het_werk, open_))},
        [Kolom(_("Uitkomst"), TEKST), Kolom(_("Personen"))],
        tabel,
        grafiek=1,
    )


_AFGESLOTEN = """
SELECT {p.uitstroomreden}, count(*) FROM {p}
WHERE {p.gemeente} = ANY(%(g)s) AND {p.afgesloten_op} BETWEEN %(van)s AND %(tot)s
GROUP BY {p.uitstroomreden}
"""


def afgesloten_tabel(params) -> Tabel:
    aantallen = dict(rijen(sql(_AFGESLOTEN, p=Table(Persoon, "p")), params))
    tabel = [(label, aantallen.get(code, 0)) for code, label in Uitstroomreden.choices]
    tabel.append((_("Totaal"), sum(aantallen.values())))
    return Tabel(
        "afgesloten",
        _("Afgesloten dossiers naar reden"),
        _("Dossiers die in de periode zijn afgesloten, naar de reden van afsluiten."),
        [Kolom(_("Reden"), TEKST), Kolom(_("Dossiers"))],
        tabel,
        grafiek=1,
        totaalrij=True,
    )
