"""The figures of the dashboard, the quarterly report and its spreadsheet.

Each table is one SQL aggregation over the gemeenten asked for (never a loop over persons in
Python). The dashboard, the PDF and the XLSX all render the same `Rapportage`, so they cannot
disagree. Every table carries its definition in words; the report prints them on a page of
their own."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext as _

from core.templatetags.koers import euro
from intake.constants import Leerroute
from statushouders.constants import Bestandsgroep, Geslacht, Uitstroomreden
from termijnen.berekening import atw_feestdagen
from termijnen.selectors import kalender

from ..constants import ParticipatieSoort
from .taakstelling import DEFINITIE_TAAKSTELLING, taakstelling_tabel

# Which kind of value a column holds: decides how it is written (12,5 · 66,7% · € 1.234,56).
TEKST, AANTAL, DAGEN, PROCENT, EURO = "tekst", "aantal", "dagen", "procent", "euro"

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


@dataclass(frozen=True)
class Kolom:
    titel: str
    soort: str = AANTAL


@dataclass
class Tabel:
    sleutel: str
    titel: str
    definitie: str
    kolommen: list[Kolom]
    rijen: list[tuple]
    # The column a bar chart draws (None: no chart); the first column labels the bars.
    grafiek: int | None = None
    # Rows that sum up the others (a total) are not drawn as a bar.
    totaalrij: bool = False
    # The chart as SVG, drawn by reports.grafiek for the page and the PDF.
    svg: str = ""

    @property
    def grafiek_rijen(self) -> list[tuple]:
        return self.rijen[:-1] if self.totaalrij else self.rijen


@dataclass
class Rapportage:
    gemeenten: list[str]
    van: datetime.date
    tot: datetime.date
    peildatum: datetime.date
    tabellen: list[Tabel] = field(default_factory=list)

    def tabel(self, sleutel: str) -> Tabel:
        return next(t for t in self.tabellen if t.sleutel == sleutel)


def _rijen(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _dag(waarde) -> float | None:
    """Medians and percentiles of whole days, to one decimal."""
    return None if waarde is None else round(float(waarde), 1)


def _procent(deel: int, geheel: int) -> float | None:
    return None if not geheel else round(100 * deel / geheel, 1)


# A dossier counts in the caseload on a day when it was coupled (or, without a koppeling,
# made) on or before that day and not closed on or before it.
_OPEN_OP_PEILDATUM = """
    p.gemeente_id = ANY(%(g)s)
    AND COALESCE(p.koppeling_datum, (p.created_at AT TIME ZONE 'Europe/Amsterdam')::date)
        <= %(peil)s
    AND (p.afgesloten_op IS NULL OR p.afgesloten_op > %(peil)s)
"""


def _bestand(params) -> Tabel:
    rijen = dict(
        _rijen(
            f"SELECT p.bestandsgroep, count(*) FROM statushouders_persoon p "
            f"WHERE {_OPEN_OP_PEILDATUM} GROUP BY p.bestandsgroep",
            params,
        )
    )
    tabel = [(label, rijen.get(code, 0)) for code, label in Bestandsgroep.choices]
    tabel.append((_("Totaal"), sum(rijen.values())))
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


def _doorlooptijden(params) -> Tabel:
    # Each row: which span, how many persons, median and 90th percentile in calendar days.
    sql = """
    WITH intake AS (
        SELECT p.id, min(i.gestart_op) - p.koppeling_datum AS dagen, min(i.gestart_op) AS op
        FROM statushouders_persoon p JOIN intake_bredeintake i ON i.persoon_id = p.id
        WHERE p.gemeente_id = ANY(%(g)s) AND p.koppeling_datum IS NOT NULL
        GROUP BY p.id
    ), pip AS (
        SELECT pl.eerste_vaststelling_op
               - GREATEST(p.duo_kennisgeving_op, p.brp_inschrijving_op) AS dagen
        FROM statushouders_persoon p JOIN pip_plans_plan pl ON pl.persoon_id = p.id
        WHERE p.gemeente_id = ANY(%(g)s)
          AND pl.eerste_vaststelling_op BETWEEN %(van)s AND %(tot)s
          AND p.duo_kennisgeving_op IS NOT NULL AND p.brp_inschrijving_op IS NOT NULL
    ), huisvesting AS (
        SELECT p.huisvesting_datum - p.koppeling_datum AS dagen
        FROM statushouders_persoon p
        WHERE p.gemeente_id = ANY(%(g)s) AND p.koppeling_datum IS NOT NULL
          AND p.huisvesting_datum BETWEEN %(van)s AND %(tot)s
    )
    SELECT 1, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY dagen),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY dagen)
    FROM intake WHERE op BETWEEN %(van)s AND %(tot)s
    UNION ALL
    SELECT 2, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY dagen),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY dagen) FROM pip
    UNION ALL
    SELECT 3, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY dagen),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY dagen) FROM huisvesting
    ORDER BY 1
    """
    labels = {
        1: _("Koppeling → start brede intake"),
        2: _("DUO-kennisgeving of BRP-inschrijving (de laatste) → PIP vastgesteld"),
        3: _("Koppeling → huisvesting"),
    }
    rijen = [
        (labels[n], aantal, _dag(med), _dag(p90)) for n, aantal, med, p90 in _rijen(sql, params)
    ]
    return Tabel(
        "doorlooptijden",
        _("Doorlooptijden in dagen"),
        _(
            "Kalenderdagen tussen twee datums in het dossier, voor wie het tweede moment in de "
            "periode bereikte: de eerste brede intake die in de periode begon, het eerste PIP "
            "dat in de periode werd vastgesteld (gerekend vanaf de laatste van "
            "DUO-kennisgeving en BRP-inschrijving), de huisvesting in de periode. Mediaan en "
            "90e percentiel (lineair geïnterpoleerd)."
        ),
        [
            Kolom(_("Doorlooptijd"), TEKST),
            Kolom(_("Personen")),
            Kolom(_("Mediaan (dagen)"), DAGEN),
            Kolom(_("90e percentiel (dagen)"), DAGEN),
        ],
        rijen,
        grafiek=2,
    )


def _pip_termijn(params) -> Tabel:
    sql = """
    SELECT count(*),
           count(*) FILTER (WHERE pl.eerste_vaststelling_op <= t.vervalt_op)
    FROM pip_plans_plan pl
    JOIN statushouders_persoon p ON p.id = pl.persoon_id
    JOIN core_termijn t ON t.persoon_id = p.id AND t.sleutel = ''
    JOIN core_termijnconfig c ON c.id = t.config_id AND c.code = 'pip_vaststellen'
    WHERE p.gemeente_id = ANY(%(g)s)
      AND pl.eerste_vaststelling_op BETWEEN %(van)s AND %(tot)s
    """
    [(totaal, binnen)] = _rijen(sql, params)
    return Tabel(
        "pip_termijn",
        _("PIP's vastgesteld binnen de termijn"),
        _(
            "Eerste PIP's die in de periode zijn vastgesteld, en hoeveel daarvan op of voor de "
            "uiterste datum van de termijn ‘PIP vaststellen’ (10 weken na de laatste van "
            "DUO-kennisgeving en BRP-inschrijving, met Algemene termijnenwet en een eventuele "
            "verlenging)."
        ),
        [
            Kolom(_("Vastgesteld"), AANTAL),
            Kolom(_("Binnen de termijn")),
            Kolom(_("Te laat")),
            Kolom(_("Binnen de termijn (%)"), PROCENT),
        ],
        [(totaal, binnen, totaal - binnen, _procent(binnen, totaal))],
    )


def _leerroutes(params) -> Tabel:
    rijen = dict(
        _rijen(
            """
            SELECT pl.leerroute, count(*) FROM pip_plans_plan pl
            JOIN statushouders_persoon p ON p.id = pl.persoon_id
            WHERE p.gemeente_id = ANY(%(g)s) AND pl.eerste_vaststelling_op <= %(peil)s
              AND (p.afgesloten_op IS NULL OR p.afgesloten_op > %(peil)s)
            GROUP BY pl.leerroute
            """,
            params,
        )
    )
    totaal = sum(rijen.values())
    tabel = [
        (label, rijen.get(code, 0), _procent(rijen.get(code, 0), totaal))
        for code, label in Leerroute.choices
    ]
    tabel.append((_("Totaal"), totaal, _procent(totaal, totaal)))
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


def _leerroute_wissels(params) -> Tabel:
    sql = """
    WITH versies AS (
        SELECT v.vastgesteld_op, v.inhoud -> 'velden' ->> 'leerroute' AS route,
               lag(v.inhoud -> 'velden' ->> 'leerroute')
                   OVER (PARTITION BY v.plan_id ORDER BY v.nummer) AS vorige
        FROM pip_plans_planversie v
        JOIN pip_plans_plan pl ON pl.id = v.plan_id
        JOIN statushouders_persoon p ON p.id = pl.persoon_id
        WHERE p.gemeente_id = ANY(%(g)s)
    )
    SELECT vorige, route, count(*) FROM versies
    WHERE vorige IS NOT NULL AND vorige <> route
      AND (vastgesteld_op AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN %(van)s AND %(tot)s
    GROUP BY vorige, route ORDER BY count(*) DESC, vorige, route
    """
    namen = dict(Leerroute.choices)
    rijen = [
        (f"{namen.get(van, van)} → {namen.get(naar, naar)}", aantal)
        for van, naar, aantal in _rijen(sql, params)
    ]
    return Tabel(
        "leerroute_wissels",
        _("Wisselingen van leerroute"),
        _(
            "PIP-versies die in de periode zijn vastgesteld met een andere leerroute dan de "
            "versie ervoor."
        ),
        [Kolom(_("Van → naar"), TEKST), Kolom(_("Wisselingen"))],
        rijen,
    )


def _werkdagen_vrij(params) -> list[datetime.date]:
    """The holidays between the years the referrals span, for counting working days."""
    vrij = set(kalender().gelijkgesteld)
    for jaar in range(params["van"].year - 1, params["peil"].year + 2):
        vrij.update(atw_feestdagen(jaar))
    return sorted(vrij)


def _verwijzingen(params) -> Tabel:
    sql = """
    WITH v AS (
        SELECT pa.naam, v.status, v.beantwoord_op IS NOT NULL AS beantwoord,
               (SELECT count(*) FROM generate_series(
                    (v.verstuurd_op AT TIME ZONE 'Europe/Amsterdam')::date + 1,
                    (v.beantwoord_op AT TIME ZONE 'Europe/Amsterdam')::date,
                    interval '1 day') AS d(dag)
                WHERE extract(isodow FROM d.dag) < 6 AND NOT d.dag::date = ANY(%(vrij)s)
               ) AS werkdagen
        FROM partners_verwijzing v
        JOIN partners_partner pa ON pa.id = v.partner_id
        JOIN statushouders_persoon p ON p.id = v.persoon_id
        WHERE p.gemeente_id = ANY(%(g)s)
          AND (v.verstuurd_op AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN %(van)s AND %(tot)s
    )
    SELECT naam, count(*),
           count(*) FILTER (WHERE beantwoord AND status <> 'afgewezen'),
           count(*) FILTER (WHERE status = 'afgewezen'),
           count(*) FILTER (WHERE status = 'verstuurd'),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY werkdagen)
               FILTER (WHERE beantwoord)
    FROM v GROUP BY naam ORDER BY count(*) DESC, naam
    """
    params = params | {"vrij": _werkdagen_vrij(params)}
    rijen = [
        (
            naam,
            verstuurd,
            geaccepteerd,
            afgewezen,
            wacht,
            _procent(geaccepteerd, verstuurd),
            _dag(med),
        )
        for naam, verstuurd, geaccepteerd, afgewezen, wacht, med in _rijen(sql, params)
    ]
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
        rijen,
        grafiek=1,
    )


def _ontzorging(params) -> Tabel:
    sql = """
    WITH periodes AS (
        SELECT count(*) AS aantal FROM ontzorging_ontzorgperiode o
        JOIN statushouders_persoon p ON p.id = o.persoon_id
        LEFT JOIN core_termijn t ON t.persoon_id = o.persoon_id AND t.sleutel = o.uuid::text
        LEFT JOIN core_termijnconfig c ON c.id = t.config_id
        WHERE p.gemeente_id = ANY(%(g)s) AND o.status <> 'gepland'
          AND o.start_bijstand <= %(tot)s
          AND COALESCE(o.beeindigd_op, t.vervalt_op, %(tot)s) >= %(van)s
          AND (c.code = 'ontzorgperiode' OR c.code IS NULL)
    ), betalingen AS (
        SELECT b.status, count(*) AS aantal, sum(b.bedrag) AS bedrag
        FROM ontzorging_betaling b
        JOIN ontzorging_vastelast l ON l.id = b.vaste_last_id
        JOIN ontzorging_ontzorgperiode o ON o.id = l.periode_id
        JOIN statushouders_persoon p ON p.id = o.persoon_id
        WHERE p.gemeente_id = ANY(%(g)s)
          AND b.maand BETWEEN date_trunc('month', %(van)s::date) AND %(tot)s
        GROUP BY b.status
    )
    SELECT 'periodes', aantal, NULL FROM periodes
    UNION ALL SELECT status, aantal, bedrag FROM betalingen
    """
    uitkomst = {soort: (aantal, bedrag) for soort, aantal, bedrag in _rijen(sql, params)}
    nul = (0, Decimal("0.00"))
    betaald, mislukt = uitkomst.get("betaald", nul), uitkomst.get("mislukt", nul)
    open_ = [uitkomst.get(s, nul) for s in ("gepland", "in_batch")]
    rijen = [
        (_("Lopende ontzorgperioden"), uitkomst.get("periodes", nul)[0], None),
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
        rijen,
    )


# Deadlines that are a window rather than work to do: an objection period, the last day a
# route may switch, the planned end of ontzorging or begeleiding. Their passing is no delay.
TERMIJNEN_ZONDER_ACTIE = [
    "bezwaar_pip",
    "bezwaar_ontzorging",
    "leerroute_wissel",
    "ontzorgperiode",
    "maatschappelijke_begeleiding",
]


def _termijnen(params) -> Tabel:
    sql = f"""
    WITH open_op_peildatum AS (
        SELECT c.label, t.vervalt_op
        FROM core_termijn t
        JOIN core_termijnconfig c ON c.id = t.config_id
        JOIN statushouders_persoon p ON p.id = t.persoon_id
        WHERE {_OPEN_OP_PEILDATUM}
          AND c.code <> ALL(%(zonder_actie)s)
          AND t.basisdatum <= %(peil)s
          AND (t.status IN ('open', 'verlopen')
               OR (t.status = 'gehaald' AND t.gehaald_op > %(peil)s))
    )
    SELECT label, count(*), count(*) FILTER (WHERE vervalt_op < %(peil)s)
    FROM open_op_peildatum GROUP BY label ORDER BY label
    """
    rijen = _rijen(sql, params | {"zonder_actie": TERMIJNEN_ZONDER_ACTIE})
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
        rijen,
        grafiek=2,
    )


def _per_regisseur(params) -> Tabel:
    sql = f"""
    SELECT COALESCE(NULLIF(trim(u.first_name || ' ' || u.last_name), ''), u.username, %(geen)s),
           count(*)
    FROM statushouders_persoon p LEFT JOIN accounts_user u ON u.id = p.regisseur_id
    WHERE {_OPEN_OP_PEILDATUM}
    GROUP BY 1 ORDER BY count(*) DESC, 1
    """
    rijen = _rijen(sql, params | {"geen": _("Geen regisseur")})
    return Tabel(
        "per_regisseur",
        _("Bestand per regisseur"),
        _("Personen met een open dossier op de peildatum, naar hun regisseur."),
        [Kolom(_("Regisseur"), TEKST), Kolom(_("Personen"))],
        rijen,
        grafiek=1,
    )


def _leeftijdsgroep_sql() -> str:
    # Constants of this module, not user input: safe to write into the SQL.
    return " ".join(
        f"WHEN leeftijd BETWEEN {van} AND {tot} THEN '{label}'"
        for van, tot, label in LEEFTIJDSGROEPEN
    )


def _kenmerken(params) -> list[Tabel]:
    sql = f"""
    WITH open AS (
        SELECT p.nationaliteit, p.geslacht,
               extract(year FROM age(%(peil)s, p.geboortedatum))::int AS leeftijd
        FROM statushouders_persoon p WHERE {_OPEN_OP_PEILDATUM}
    )
    SELECT 'n', nationaliteit, count(*) FROM open GROUP BY nationaliteit
    UNION ALL SELECT 'g', geslacht, count(*) FROM open GROUP BY geslacht
    UNION ALL
    SELECT 'l', CASE {_leeftijdsgroep_sql()} END,
           count(*) FROM open GROUP BY 2
    """
    soorten: dict[str, dict[str, int]] = {"n": {}, "g": {}, "l": {}}
    for soort, waarde, aantal in _rijen(sql, params):
        soorten[soort][waarde] = aantal
    totaal = sum(soorten["g"].values())

    nationaliteiten = sorted(soorten["n"].items(), key=lambda item: (-item[1], item[0]))
    getoond = nationaliteiten[:NATIONALITEITEN_GETOOND]
    overig = sum(aantal for _n, aantal in nationaliteiten[NATIONALITEITEN_GETOOND:])
    if overig:
        getoond.append((_("Overige nationaliteiten"), overig))
    kolommen = [Kolom("", TEKST), Kolom(_("Personen")), Kolom(_("Aandeel (%)"), PROCENT)]

    def tabel(sleutel, titel, kop, rijen, definitie):
        return Tabel(
            sleutel,
            titel,
            definitie,
            [Kolom(kop, TEKST), *kolommen[1:]],
            [(label, aantal, _procent(aantal, totaal)) for label, aantal in rijen],
            grafiek=1,
        )

    basis = _("Personen met een open dossier op de peildatum")
    return [
        tabel(
            "nationaliteit",
            _("Nationaliteit"),
            _("Nationaliteit"),
            getoond,
            _("%(basis)s, naar nationaliteit; de %(n)s grootste apart, de rest samen.")
            % {"basis": basis, "n": NATIONALITEITEN_GETOOND},
        ),
        tabel(
            "geslacht",
            _("Geslacht"),
            _("Geslacht"),
            [(label, soorten["g"].get(code, 0)) for code, label in Geslacht.choices],
            _("%(basis)s, naar geslacht.") % {"basis": basis},
        ),
        tabel(
            "leeftijd",
            _("Leeftijd"),
            _("Leeftijd"),
            [(label, soorten["l"].get(label, 0)) for _a, _b, label in LEEFTIJDSGROEPEN],
            _("%(basis)s, naar leeftijd op de peildatum.") % {"basis": basis},
        ),
    ]


def _intakes(params) -> Tabel:
    sql = """
    SELECT count(*) FILTER (WHERE i.gestart_op BETWEEN %(van)s AND %(tot)s),
           count(*) FILTER (WHERE i.afgerond_op BETWEEN %(van)s AND %(tot)s)
    FROM intake_bredeintake i JOIN statushouders_persoon p ON p.id = i.persoon_id
    WHERE p.gemeente_id = ANY(%(g)s)
    """
    [(gestart, afgerond)] = _rijen(sql, params)
    return Tabel(
        "intakes",
        _("Brede intakes"),
        _("Brede intakes die in de periode zijn gestart, en die in de periode zijn afgerond."),
        [Kolom(_("Gestart")), Kolom(_("Afgerond"))],
        [(gestart, afgerond)],
    )


def _uitstroom(params) -> Tabel:
    sql = f"""
    SELECT 'a', p.uitstroomreden, count(*) FROM statushouders_persoon p
    WHERE p.gemeente_id = ANY(%(g)s) AND p.afgesloten_op BETWEEN %(van)s AND %(tot)s
    GROUP BY p.uitstroomreden
    UNION ALL
    SELECT 's', pa.soort, count(DISTINCT pa.persoon_id) FROM reports_participatie pa
    JOIN statushouders_persoon p ON p.id = pa.persoon_id
    WHERE p.gemeente_id = ANY(%(g)s) AND pa.soort = ANY(%(werk_of_opleiding)s)
      AND pa.gestart_op BETWEEN %(van)s AND %(tot)s
    GROUP BY pa.soort
    UNION ALL
    SELECT 'p', NULL, count(DISTINCT p.id) FROM statushouders_persoon p
    JOIN reports_participatie pa ON pa.persoon_id = p.id
    WHERE {_OPEN_OP_PEILDATUM} AND pa.soort = ANY(%(werk_of_opleiding)s)
      AND pa.gestart_op <= %(peil)s AND (pa.geeindigd_op IS NULL OR pa.geeindigd_op >= %(peil)s)
    UNION ALL
    SELECT 'o', NULL, count(*) FROM statushouders_persoon p WHERE {_OPEN_OP_PEILDATUM}
    """
    werk_of_opleiding = [ParticipatieSoort.BETAALD_WERK.value, ParticipatieSoort.OPLEIDING.value]
    uitkomst: dict[tuple[str, str | None], int] = {}
    for soort, code, aantal in _rijen(sql, params | {"werk_of_opleiding": werk_of_opleiding}):
        uitkomst[(soort, code)] = aantal
    redenen = dict(Uitstroomreden.choices)
    open_ = uitkomst.get(("o", None), 0)
    aan_het_werk = uitkomst.get(("p", None), 0)
    rijen = [
        (
            _("Dossier afgesloten: %(reden)s") % {"reden": redenen[code]},
            uitkomst.get(("a", code), 0),
        )
        for code in ("betaald_werk", "opleiding")
    ]
    rijen += [
        (_("Betaald werk begonnen"), uitkomst.get(("s", "betaald_werk"), 0)),
        (_("Opleiding begonnen"), uitkomst.get(("s", "opleiding"), 0)),
        (_("Aan het werk of in opleiding op de peildatum"), aan_het_werk),
    ]
    return Tabel(
        "uitstroom",
        _("Uitstroom naar werk of opleiding"),
        _(
            "Dossiers die in de periode zijn afgesloten met als reden betaald werk of opleiding; "
            "personen die in de periode aan betaald werk of een opleiding begonnen (ieder één "
            "keer per soort); en personen met een open dossier die op de peildatum werken of "
            "een opleiding volgen (aandeel van het open bestand: %(aandeel)s%%)."
        )
        % {"aandeel": _getal_tekst(_procent(aan_het_werk, open_))},
        [Kolom(_("Uitkomst"), TEKST), Kolom(_("Personen"))],
        rijen,
        grafiek=1,
    )


def _afgesloten(params) -> Tabel:
    sql = """
    SELECT p.uitstroomreden, count(*) FROM statushouders_persoon p
    WHERE p.gemeente_id = ANY(%(g)s) AND p.afgesloten_op BETWEEN %(van)s AND %(tot)s
    GROUP BY p.uitstroomreden
    """
    aantallen = dict(_rijen(sql, params))
    rijen = [(label, aantallen.get(code, 0)) for code, label in Uitstroomreden.choices]
    rijen.append((_("Totaal"), sum(aantallen.values())))
    return Tabel(
        "afgesloten",
        _("Afgesloten dossiers naar reden"),
        _("Dossiers die in de periode zijn afgesloten, naar de reden van afsluiten."),
        [Kolom(_("Reden"), TEKST), Kolom(_("Dossiers"))],
        rijen,
        grafiek=1,
        totaalrij=True,
    )


def _taakstelling(params) -> Tabel:
    rijen = taakstelling_tabel(gemeente_ids=params["g"], tot=params["tot"])
    return Tabel(
        "taakstelling",
        _("Taakstelling huisvesting"),
        DEFINITIE_TAAKSTELLING,
        [
            Kolom(_("Halfjaar"), TEKST),
            Kolom(_("Taakstelling")),
            Kolom(_("Gerealiseerd")),
            Kolom(_("Verschil")),
            Kolom(_("Cumulatief verschil")),
        ],
        [(r.label, r.taakstelling, r.gerealiseerd, r.verschil, r.cumulatief) for r in rijen],
    )


def _getal_tekst(waarde) -> str:
    if waarde is None:
        return "–"
    tekst = f"{waarde:.1f}".replace(".", ",")
    return tekst[:-2] if tekst.endswith(",0") else tekst


def waarde_tekst(waarde, soort: str) -> str:
    """How a figure is written on the page and in the PDF: 1.234 · 12,5 · 66,7% · € 1.234,56;
    a figure that cannot be computed (no persons) is a dash."""
    if waarde is None:
        return "–"
    if soort == TEKST:
        return str(waarde)
    if soort == EURO:
        return euro(waarde)
    if soort == AANTAL:
        return f"{waarde:,}".replace(",", ".")
    if soort == PROCENT:
        return f"{_getal_tekst(waarde)}%"
    return _getal_tekst(waarde)


def rapportage(
    *, gemeenten, van: datetime.date, tot: datetime.date, vandaag: datetime.date
) -> Rapportage:
    """Every figure of the dashboard and the quarterly report for these gemeenten over
    [van, tot]. States (caseload, open deadlines) are counted on the peildatum: the end of
    the period, or today when the period has not ended yet."""
    gemeenten = list(gemeenten)
    peil = min(tot, vandaag)
    params = {"g": [g.pk for g in gemeenten], "van": van, "tot": tot, "peil": peil}
    tabellen = [
        _bestand(params),
        _intakes(params),
        _doorlooptijden(params),
        _pip_termijn(params),
        _leerroutes(params),
        _leerroute_wissels(params),
        _verwijzingen(params),
        _ontzorging(params),
        _termijnen(params),
        _per_regisseur(params),
        *_kenmerken(params),
        _uitstroom(params),
        _afgesloten(params),
        _taakstelling(params),
    ]
    return Rapportage(
        gemeenten=sorted(g.naam for g in gemeenten),
        van=van,
        tot=tot,
        peildatum=peil,
        tabellen=tabellen,
    )
