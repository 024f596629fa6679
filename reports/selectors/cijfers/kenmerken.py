"""Who is in the caseload on the peildatum: nationality, gender and age group."""

from django.utils.translation import gettext as _

from statushouders.constants import Geslacht
from statushouders.models import Persoon

from ..sql import Table, rijen, sql
from .basis import PROCENT, TEKST, Kolom, Tabel, open_op_peildatum, procent

# The national monitors count nationalities by name; a long tail goes under "overig".
NATIONALITEITEN_GETOOND = 10

LEEFTIJDSGROEPEN = [
    (0, 17, "0–17"),
    (18, 27, "18–27"),
    (28, 39, "28–39"),
    (40, 54, "40–54"),
    (55, 66, "55–66"),
    (67, 200, "67 en ouder"),
]

# One pass over the open dossiers, three counts: 'n' per nationality, 'g' per gender, 'l' per
# age group on the peildatum (the groups come in as three parallel arrays).
_KENMERKEN = """
WITH open AS (
    SELECT {p.nationaliteit} AS nationaliteit, {p.geslacht} AS geslacht,
           extract(year FROM age(%(peil)s, {p.geboortedatum}))::int AS leeftijd
    FROM {p} WHERE {open}
)
SELECT 'n', nationaliteit, count(*) FROM open GROUP BY nationaliteit
UNION ALL SELECT 'g', geslacht, count(*) FROM open GROUP BY geslacht
UNION ALL
SELECT 'l', groep.label, count(*)
FROM open
JOIN unnest(%(leeftijd_van)s::int[], %(leeftijd_tot)s::int[], %(leeftijd_label)s::text[])
    AS groep(van, tot, label) ON open.leeftijd BETWEEN groep.van AND groep.tot
GROUP BY groep.label
"""


def kenmerken_tabellen(params) -> list[Tabel]:
    p = Table(Persoon, "p")
    groepen = {
        "leeftijd_van": [van for van, _tot, _label in LEEFTIJDSGROEPEN],
        "leeftijd_tot": [tot for _van, tot, _label in LEEFTIJDSGROEPEN],
        "leeftijd_label": [label for _van, _tot, label in LEEFTIJDSGROEPEN],
    }
    soorten: dict[str, dict[str, int]] = {"n": {}, "g": {}, "l": {}}
    for soort, waarde, aantal in rijen(
        sql(_KENMERKEN, p=p, open=open_op_peildatum(p)), params | groepen
    ):
        soorten[soort][waarde] = aantal
    totaal = sum(soorten["g"].values())

    nationaliteiten = sorted(soorten["n"].items(), key=lambda item: (-item[1], item[0]))
    getoond = nationaliteiten[:NATIONALITEITEN_GETOOND]
    overig = sum(aantal for _n, aantal in nationaliteiten[NATIONALITEITEN_GETOOND:])
    if overig:
        getoond.append((_("Overige nationaliteiten"), overig))

    def tabel(sleutel, titel, rijen, definitie):
        return Tabel(
            sleutel,
            titel,
            definitie,
            [Kolom(titel, TEKST), Kolom(_("Personen")), Kolom(_("Aandeel (%)"), PROCENT)],
            [(label, aantal, procent(aantal, totaal)) for label, aantal in rijen],
            grafiek=1,
        )

    basis = _("Personen met een open dossier op de peildatum")
    return [
        tabel(
            "nationaliteit",
            _("Nationaliteit"),
            getoond,
            _("%(basis)s, naar nationaliteit; de %(n)s grootste apart, de rest samen.")
            % {"basis": basis, "n": NATIONALITEITEN_GETOOND},
        ),
        tabel(
            "geslacht",
            _("Geslacht"),
            [(label, soorten["g"].get(code, 0)) for code, label in Geslacht.choices],
            _("%(basis)s, naar geslacht.") % {"basis": basis},
        ),
        tabel(
            "leeftijd",
            _("Leeftijd"),
            [(label, soorten["l"].get(label, 0)) for _a, _b, label in LEEFTIJDSGROEPEN],
            _("%(basis)s, naar leeftijd op de peildatum.") % {"basis": basis},
        ),
    ]
