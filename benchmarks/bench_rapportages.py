"""The manager's dashboard and the quarterly report on a large caseload (seed_demo, 100,000
persons by default): seconds and queries of each, and the plan (EXPLAIN) of every report
query, listing any sequential scan of a table over 10,000 rows.

Figures are printed and written to benchmarks/results/bench_rapportages.json. The number of
persons is BENCH_PERSONEN (100000)."""

import datetime
import json
import os
import statistics
import time
from pathlib import Path

from _bench import bench_database
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

PERSONEN = int(os.environ.get("BENCH_PERSONEN", "100000"))
HERHALINGEN = 5
GROTE_TABEL = 10_000
RESULTATEN = Path(__file__).resolve().parent / "results" / "bench_rapportages.json"


def _tijden(functie, herhalingen=HERHALINGEN) -> tuple[float, float, int]:
    """(median s, max s, queries of the last run)."""
    tijden = []
    for _ in range(herhalingen):
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            functie()
            tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden), max(tijden), len(queries.captured_queries)


def _rijen_per_tabel() -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = 'public'::regnamespace"
        )
        return dict(cursor.fetchall())


def _sequentiele_scans(sql: str, rijen: dict[str, float]) -> list[tuple[str, int]]:
    """Tables over GROTE_TABEL rows the plan of `sql` reads by a sequential scan."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    gevonden = []

    def lopen(knoop):
        if knoop.get("Node Type") == "Seq Scan":
            tabel = knoop.get("Relation Name", "")
            if rijen.get(tabel, 0) > GROTE_TABEL:
                gevonden.append((tabel, int(rijen[tabel])))
        for kind in knoop.get("Plans", []):
            lopen(kind)

    lopen(plan[0]["Plan"])
    return gevonden


def main() -> None:
    with bench_database():
        from accounts.models import User
        from reports.constants import RapportSoort
        from reports.models import Rapport
        from reports.selectors import rapportage
        from reports.services import rapport_maken
        from statushouders.models import Gemeente, Persoon

        cijfers: dict = {"personen": PERSONEN}
        begin = time.perf_counter()
        call_command("seed_demo", personen=PERSONEN, seed=13, force=True, verbosity=0)
        cijfers["seed_s"] = round(time.perf_counter() - begin, 1)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        cijfers["personen_in_database"] = Persoon.objects.count()

        teamleider = User.objects.get(username="teamleider")
        client = Client()
        client.force_login(teamleider)
        vandaag = timezone.localdate()
        van = datetime.date(vandaag.year, 1, 1)
        gemeenten = list(Gemeente.objects.all())
        client.get("/rapportages/")  # warm: templates, translations
        mediaan, hoogste, queries = _tijden(
            lambda: client.get("/rapportages/", {"van": van.strftime("%d-%m-%Y")})
        )
        cijfers["dashboard_regio"] = {
            "mediaan_s": round(mediaan, 3),
            "max_s": round(hoogste, 3),
            "queries": queries,
        }
        grootste = max(gemeenten, key=lambda g: Persoon.objects.filter(gemeente=g).count())
        mediaan, hoogste, queries = _tijden(
            lambda: client.get("/rapportages/", {"gemeente": grootste.pk})
        )
        cijfers["dashboard_een_gemeente"] = {
            "mediaan_s": round(mediaan, 3),
            "max_s": round(hoogste, 3),
            "queries": queries,
        }

        kwartaal = (vandaag.month - 1) // 3
        jaar = vandaag.year if kwartaal else vandaag.year - 1
        kwartaal = kwartaal or 4
        rapport = Rapport.objects.create(
            soort=RapportSoort.KWARTAALRAPPORT, jaar=jaar, kwartaal=kwartaal,
            aangevraagd_door=teamleider,
        )  # fmt: skip
        rapport.gemeenten.set(gemeenten)
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            rapport_maken(rapport=rapport, voortgang=lambda procent, stap: None)
            cijfers["kwartaalrapport_s"] = round(time.perf_counter() - begin, 2)
        cijfers["kwartaalrapport_queries"] = len(queries.captured_queries)

        levering = Rapport.objects.create(
            soort=RapportSoort.LEVERING, jaar=jaar, kwartaal=kwartaal, aangevraagd_door=teamleider
        )
        levering.gemeenten.set(gemeenten)
        begin = time.perf_counter()
        rapport_maken(rapport=levering, voortgang=lambda procent, stap: None)
        cijfers["kwartaallevering_s"] = round(time.perf_counter() - begin, 2)
        cijfers["kwartaallevering_personen"] = levering.aantal_personen

        # The plan of every query the figures run, for the whole region and for one gemeente.
        rijen = _rijen_per_tabel()
        scans = {}
        for keuze in (gemeenten, [grootste]):
            with CaptureQueriesContext(connection) as queries:
                rapportage(gemeenten=keuze, van=van, tot=vandaag, vandaag=vandaag)
            for query in queries.captured_queries:
                for tabel, aantal in _sequentiele_scans(query["sql"], rijen):
                    scans.setdefault(tabel, aantal)
        cijfers["sequentiele_scans_boven_10000_rijen"] = scans

    print(json.dumps(cijfers, indent=2, ensure_ascii=False))
    RESULTATEN.parent.mkdir(exist_ok=True)
    RESULTATEN.write_text(json.dumps(cijfers, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
