"""Shared set-up for the benchmark: Django, a database of its own, and the ways it measures.

Every page is timed in-process (the Django test client: URL routing, middleware, view,
template; no network), repeated, as p50/p95 in milliseconds with its number of queries. The
plan of every query a list, worklist or report runs is asked with EXPLAIN, and any sequential
scan of a table over `GROTE_TABEL` rows is named.
"""

import json
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

GROTE_TABEL = 10_000


@contextmanager
def bench_database(naam: str = "koers_bench"):
    from django.conf import settings

    # Not Django's test environment: its instrumented template rendering would be measured.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DATABASES["default"]["TEST"]["NAME"] = naam
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(naam, verbosity=0)


def klant(gebruikersnaam: str):
    """A logged-in test client that arrives as through the TLS proxy of production."""
    from django.test import Client

    from accounts.models import User

    client = Client(headers={"x-forwarded-proto": "https"})
    client.force_login(User.objects.get(username=gebruikersnaam))
    return client


def percentiel(tijden: list[float], p: int) -> float:
    """The p-th percentile (nearest rank) of a list of times."""
    geordend = sorted(tijden)
    return geordend[min(len(geordend) - 1, max(0, round(p / 100 * len(geordend) + 0.5) - 1))]


def meten(functie, *, herhalingen: int) -> dict:
    """Run `functie` once to warm up, then `herhalingen` times: p50/p95/max in ms, queries."""
    functie()
    tijden = []
    for _ in range(herhalingen):
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            functie()
            tijden.append(time.perf_counter() - begin)
    return {
        "p50_ms": round(statistics.median(tijden) * 1000, 1),
        "p95_ms": round(percentiel(tijden, 95) * 1000, 1),
        "max_ms": round(max(tijden) * 1000, 1),
        "queries": len(queries.captured_queries),
        "_sql": [q["sql"] for q in queries.captured_queries],
    }


def rijen_per_tabel() -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = 'public'::regnamespace"
        )
        return dict(cursor.fetchall())


def sequentiele_scans(sqls: list[str], rijen: dict[str, float]) -> dict[str, int]:
    """Tables over GROTE_TABEL rows that the plans of these statements read sequentially."""
    gevonden: dict[str, int] = {}

    def lopen(knoop):
        if knoop.get("Node Type") == "Seq Scan":
            tabel = knoop.get("Relation Name", "")
            if rijen.get(tabel, 0) > GROTE_TABEL:
                gevonden[tabel] = int(rijen[tabel])
        for kind in knoop.get("Plans", []):
            lopen(kind)

    for sql in sqls:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        lopen((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])
    return gevonden
