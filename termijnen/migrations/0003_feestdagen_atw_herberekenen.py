"""Seed the days declared equal to a holiday, mark the terms the Algemene termijnenwet applies
to, and recompute every open deadline the way the law counts (holidays incl. Goede Vrijdag and
5 mei every year; Atw moves off weekends and holidays)."""

import datetime

from django.db import migrations

GELIJKGESTELD = [
    (datetime.date(2026, 1, 2), "Vrijdag na Nieuwjaarsdag (Besluit gelijkstelling)"),
    (datetime.date(2026, 5, 15), "Vrijdag na Hemelvaartsdag (Besluit gelijkstelling)"),
    (datetime.date(2027, 5, 7), "Vrijdag na Hemelvaartsdag (Besluit gelijkstelling)"),
    (datetime.date(2028, 4, 28), "Vrijdag na Koningsdag (Besluit gelijkstelling)"),
    (datetime.date(2028, 5, 26), "Vrijdag na Hemelvaartsdag (Besluit gelijkstelling)"),
]
ATW = ("pip_vaststellen", "bezwaar_pip")
BEREKENING = {
    "inburgeringstermijn": (
        "de dag na het eerste vastgestelde PIP + N; verlenging door DUO telt",
        "datum van het eerste PIP-besluit + N; verlenging door DUO telt",
    ),
    "leerroute_wissel": ("eerste PIP + N", "datum van het eerste PIP-besluit + N"),
    "voortgangsgesprek": (
        "laatste voortgangsgesprek (of het eerste PIP) + N",
        "het volgende gesprek dat in het laatste voortgangsgesprek is afgesproken; anders "
        "het laatste gesprek (of het eerste PIP) + N",
    ),
}


def vooruit(apps, schema_editor):
    from termijnen.berekening import Kalender, vervaldatum

    Feestdag = apps.get_model("termijnen", "Feestdag")
    TermijnConfig = apps.get_model("termijnen", "TermijnConfig")
    Termijn = apps.get_model("termijnen", "Termijn")
    for datum, naam in GELIJKGESTELD:
        Feestdag.objects.get_or_create(datum=datum, defaults={"naam": naam})
    TermijnConfig.objects.filter(code__in=ATW).update(atw=True)
    for code, (oud, nieuw) in BEREKENING.items():
        TermijnConfig.objects.filter(code=code, berekening=oud).update(berekening=nieuw)
    TermijnConfig.objects.filter(code="bezwaar_pip", wettelijke_basis="Awb art. 6:7").update(
        wettelijke_basis="Awb art. 6:7, 6:8"
    )

    kalender = Kalender(gelijkgesteld=dict(Feestdag.objects.values_list("datum", "naam")))
    vandaag = datetime.date.today()
    rijen = Termijn.objects.filter(status__in=["open", "verlopen"]).select_related("config")
    gewijzigd = []
    for termijn in rijen.iterator(chunk_size=2000):
        if termijn.verlengd_tot or termijn.afgesproken_op:
            continue
        uitkomst = vervaldatum(
            vanaf=termijn.basisdatum,
            lengte=termijn.config.lengte,
            eenheid=termijn.config.eenheid,
            atw=termijn.config.atw,
            kalender=kalender,
            extra_dagen=termijn.verlenging_dagen,
        )
        termijn.vervalt_op = uitkomst.datum
        termijn.verschoven_van = uitkomst.verschoven_van
        termijn.verschuiving_reden = uitkomst.reden
        termijn.status = "verlopen" if uitkomst.datum < vandaag else "open"
        gewijzigd.append(termijn)
        if len(gewijzigd) >= 2000:
            Termijn.objects.bulk_update(
                gewijzigd, ["vervalt_op", "verschoven_van", "verschuiving_reden", "status"]
            )
            gewijzigd = []
    Termijn.objects.bulk_update(
        gewijzigd, ["vervalt_op", "verschoven_van", "verschuiving_reden", "status"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("termijnen", "0002_nieuwe_velden_feestdagen_dagoverzicht"),
        ("partners", "0003_reactie_uiterlijk_naar_termijn"),
        ("pip_plans", "0003_datums_naar_termijnen"),
    ]

    operations = [migrations.RunPython(vooruit, migrations.RunPython.noop)]
