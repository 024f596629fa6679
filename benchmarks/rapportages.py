"""The manager's dashboard and the quarterly report job on the benchmark's caseload: seconds
and queries of each, and the plan (EXPLAIN) of every query the figures run."""

import datetime
import time

from _bench import klant, sequentiele_scans
from _bench import meten as meten_pagina
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

HERHALINGEN = 5


def meten(cijfers: dict, rijen: dict) -> None:
    from accounts.models import User
    from reports.constants import RapportSoort
    from reports.models import Rapport
    from reports.services import rapport_maken
    from statushouders.models import Gemeente

    teamleider = User.objects.get(username="teamleider")
    client = klant("teamleider")
    vandaag = timezone.localdate()
    van = datetime.date(vandaag.year, 1, 1).strftime("%d-%m-%Y")
    gemeenten = list(Gemeente.objects.filter(naam__in=["Weert", "Nederweert", "Cranendonck"]))
    weert = next(g for g in gemeenten if g.naam == "Weert")
    for naam, params in (
        ("dashboard_regio", {"van": van}),
        ("dashboard_een_gemeente", {"van": van, "gemeente": weert.pk}),
    ):

        def opvragen(params=params):
            assert client.get("/rapportages/", params).status_code == 200

        meting = meten_pagina(opvragen, herhalingen=HERHALINGEN)
        cijfers[naam] = {
            "p50_ms": meting["p50_ms"],
            "p95_ms": meting["p95_ms"],
            "queries": meting["queries"],
            "sequentiele_scans": sequentiele_scans(meting["_sql"], rijen),
        }
        print(
            f"{naam:<44} p50 {meting['p50_ms']:7.1f} ms  max {meting['max_ms']:7.1f} ms  "
            f"{meting['queries']} queries  seq scans: "
            f"{', '.join(cijfers[naam]['sequentiele_scans']) or 'geen'}",
            flush=True,
        )

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
        duur = time.perf_counter() - begin
    cijfers["kwartaalrapport"] = {
        "seconden": round(duur, 2),
        "queries": len(queries.captured_queries),
    }
    print(
        f"kwartaalrapport (PDF en XLSX, drie gemeenten): {duur:.2f} s, "
        f"{len(queries.captured_queries)} queries",
        flush=True,
    )
