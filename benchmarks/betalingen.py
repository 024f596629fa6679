"""The nightly planning run over 10,000 active ontzorgperiodes with 25,000 vaste lasten:
seconds, queries, peak memory (tracemalloc) and payments planned, beside the target of 2 s; a
second run must plan nothing. Then composing a batch of 1,000 payments and exporting it as a
SEPA file (pain.001.001.03, validated), in seconds.

The periods are added in bulk to persons of the benchmark's caseload that have none, each with
its `ontzorgperiode` deadline as the service makes it (sleutel = the period's uuid) and 2–3
vaste lasten. They began two months ago, and those months and this one are planned and paid
already (as the services and earlier nights did), so the run does what a night does: plan
next month for every last, and look for a month that was missed since each period began.
KOERS_BENCH_EXPLAIN=1 prints the plan of the planning statement first.

Alone, at a size of choice, in a database of its own (`koers_bench_betalingen`):
    KOERS_BENCH_ONTZORGPERIODES=2000 python benchmarks/betalingen.py
"""

import sys
import time
import tracemalloc
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateutil.relativedelta import relativedelta  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from config.environment import read  # noqa: E402

PERIODES = int(read("KOERS_BENCH_ONTZORGPERIODES", "10000"))
BATCH_BETALINGEN = 1000
DOEL_PLANNEN_S = 2.0

LASTEN = [
    # soort, crediteur, IBAN, bedrag
    ("huur", "Wonen Limburg", "NL20INGB0001234567", Decimal("612.50")),
    ("energie", "Vattenfall Klantenservice", "NL44RABO0123456789", Decimal("142.00")),
    ("zorgverzekering", "CZ Zorgverzekeringen", "NL15ABNA0518372946", Decimal("158.95")),
]


def meten(uitkomst: dict) -> None:
    if True:
        from accounts.models import User
        from ontzorging import services
        from ontzorging.constants import TERMIJN_EINDE, BetalingStatus, PeriodeStatus
        from ontzorging.geld import eerstvolgende_bankdag, maand_van
        from ontzorging.models import Betaling, Ontzorgperiode, VasteLast
        from statushouders.models import Gemeente, Persoon
        from termijnen.services import NieuweTermijn, termijnen_invoegen

        cijfers: dict = {"periodes": PERIODES}

        vandaag = timezone.localdate()
        start = maand_van(vandaag) - relativedelta(months=2)
        volgende = maand_van(vandaag) + relativedelta(months=1)
        regisseur, teamleider, beheer = (
            User.objects.get(username=n) for n in ("regisseur", "teamleider", "beheer")
        )
        # A gemeente of its own for the batch of about 1,000: 450 single persons moved there.
        bench = Gemeente.objects.create(naam="Benchdorp", cbs_code="GM9999")
        for gebruiker in (regisseur, teamleider, beheer):
            gebruiker.gemeenten.add(bench)
        alleen = list(
            Persoon.objects.filter(huishouden__isnull=True, ontzorgperiodes__isnull=True)
            .order_by("id")
            .values_list("id", flat=True)[: BATCH_BETALINGEN * 9 // 20]
        )
        Persoon.objects.filter(id__in=alleen).update(gemeente=bench)
        for gemeente in Gemeente.objects.filter(betaalinstelling__isnull=True):
            services.betaalinstelling_opslaan(
                gemeente=gemeente,
                door=beheer,
                rekeninghouder=f"Gemeente {gemeente.naam}",
                iban="NL91ABNA0417164300",
            )

        begin = time.perf_counter()
        personen = list(
            Persoon.objects.filter(
                ontzorgperiodes__isnull=True, afgesloten_op__isnull=True
            ).order_by("-gemeente_id", "id")[:PERIODES]
        )
        periodes = Ontzorgperiode.objects.bulk_create(
            [
                Ontzorgperiode(
                    uuid=uuid.uuid4(),
                    persoon=persoon,
                    start_bijstand=start,
                    status=PeriodeStatus.ACTIEF,
                    machtiging_op=start,
                    machtiging_vorm="schriftelijk",
                    beschikking_op=start,
                    aangemaakt_door=regisseur,
                )
                for persoon in personen
            ],
            batch_size=2000,
        )
        termijnen_invoegen(
            [
                NieuweTermijn(
                    persoon=p.persoon,
                    code=TERMIJN_EINDE,
                    basisdatum=p.start_bijstand,
                    sleutel=str(p.uuid),
                    onderwerp="ontzorging",
                )
                for p in periodes
            ]
        )
        lasten = [
            VasteLast(
                uuid=uuid.uuid4(),
                periode=p,
                soort=soort,
                crediteur=crediteur,
                iban=iban,
                bic="",
                kenmerk=f"Klantnummer {p.pk}",
                maandbedrag=bedrag,
                eerste_maand=start,
                laatste_maand=start + relativedelta(months=5),
            )
            for nummer, p in enumerate(periodes)
            for soort, crediteur, iban, bedrag in LASTEN[: 2 + nummer % 2]
        ]
        VasteLast.objects.bulk_create(lasten, batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        cijfers["lasten"] = len(lasten)
        # What the services and earlier nights planned, and the bank paid: not measured.
        maand = start
        while maand < volgende:
            services.betalingen_plannen(maand=maand)
            maand += relativedelta(months=1)
        Betaling.objects.filter(maand__lt=volgende, status=BetalingStatus.GEPLAND).update(
            status=BetalingStatus.BETAALD, betaald_op=vandaag
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        cijfers["opbouw_s"] = round(time.perf_counter() - begin, 1)
        print(
            f"{PERIODES} actieve ontzorgperiodes met {len(lasten)} vaste lasten aangemaakt "
            f"(en {Betaling.objects.count()} betalingen van {start:%m-%Y} tot en met "
            f"{vandaag:%m-%Y}) in {cijfers['opbouw_s']} s",
            flush=True,
        )

        for sleutel, label in (("eerste", "eerste run"), ("tweede", "tweede run (zelfde dag)")):
            if read("KOERS_BENCH_EXPLAIN") and sleutel == "eerste":
                _explain(volgende)
            connection.queries_log.clear()  # the seed filled the log to its limit
            tracemalloc.start()
            begin = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                run = services.betalingen_bijplannen(vandaag=vandaag)
            duur = time.perf_counter() - begin
            _nu, piek = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            cijfers[f"plannen_{sleutel}"] = {
                "seconden": round(duur, 2),
                "doel_s": DOEL_PLANNEN_S,
                "queries": len(queries),
                "piekgeheugen_kb": round(piek / 1024),
                "gepland": run["gepland"],
                "ingehaald": run["ingehaald"],
            }
            print(
                f"nachtelijke planning, {label}: {duur:.2f} s (doel ≤ {DOEL_PLANNEN_S:.0f} s), "
                f"{len(queries)} queries, piekgeheugen {piek / 1024:.0f} kB, "
                f"{run['gepland']} betalingen gepland, {run['ingehaald']} ingehaald",
                flush=True,
            )
        assert cijfers["plannen_eerste"]["gepland"] >= len(lasten)
        assert cijfers["plannen_tweede"]["gepland"] == 0

        te_betalen = Betaling.objects.filter(
            status=BetalingStatus.GEPLAND, vaste_last__periode__persoon__gemeente=bench
        ).count()
        begin = time.perf_counter()
        batch = services.batch_samenstellen(
            gemeente=bench,
            door=regisseur,
            uitvoerdatum=eerstvolgende_bankdag(vandaag),
            tot_maand=volgende,
        )
        samenstellen = time.perf_counter() - begin
        services.batch_goedkeuren(batch=batch, door=teamleider)
        begin = time.perf_counter()
        batch = services.batch_exporteren(batch=batch)
        exporteren = time.perf_counter() - begin
        cijfers["batch"] = {
            "betalingen": batch.aantal,
            "samenstellen_s": round(samenstellen, 2),
            "sepa_export_s": round(exporteren, 2),
            "sepa_kb": round(len(batch.sepa_xml.encode()) / 1024),
        }
        assert batch.aantal == te_betalen
        print(
            f"batch van {batch.aantal} betalingen: samenstellen {samenstellen:.2f} s, "
            f"SEPA-bestand (gevalideerd) {exporteren:.2f} s, "
            f"{cijfers['batch']['sepa_kb']} kB"
        )

        uitkomst["ontzorging"] = cijfers


def _explain(maand) -> None:
    from django.db import transaction

    from ontzorging.services.planning import _PLANNEN
    from termijnen.services import termijnconfig

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS) " + _PLANNEN.format(filter=""),
            {
                "config": termijnconfig("ontzorgperiode").pk,
                "vanaf": None,
                "tot": maand,
                "op_tijd": maand,
                "aanleiding": "nacht",
                "door": None,
                "gemeente": None,
                "altijd": True,
            },
        )
        print("\n".join(r[0] for r in cursor.fetchall()))
        transaction.set_rollback(True)


def main() -> None:
    """This part alone: a caseload from seed_demo just big enough, then the figures."""
    import json
    import tempfile

    from _bench import bench_database
    from django.core.management import call_command
    from django.test import override_settings

    personen = int(read("KOERS_BENCH_PERSONEN", str(PERIODES * 5 // 4 + 1000)))
    uitkomst: dict = {}
    with (
        bench_database(read("KOERS_BENCH_DATABASE", "koers_bench_betalingen")),
        tempfile.TemporaryDirectory() as map_,
        override_settings(
            PRIVATE_MEDIA_ROOT=map_,
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        ),
    ):
        begin = time.perf_counter()
        call_command("seed_demo", personen=personen, seed=13, force=True, verbosity=0)
        print(f"seed_demo met {personen} personen in {time.perf_counter() - begin:.0f} s")
        meten(uitkomst)
    print(json.dumps(uitkomst, indent=2, default=str))


if __name__ == "__main__":
    main()
