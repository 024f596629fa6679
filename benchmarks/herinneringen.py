"""The daily reminder job over 1,000,000 open deadlines: seconds, queries, peak memory.

The caseload's own open deadlines are topped up to 1,000,000, falling from 10 days ago to a
year ahead, so a first run claims the overdue, due-today and 14-days-ahead ones; a second run
of the same day must claim nothing.
"""

import time
import tracemalloc

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from config.environment import read

TERMIJNEN = int(read("KOERS_BENCH_TERMIJNEN", "1000000"))


def meten(uitkomst_totaal: dict) -> None:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        from termijnen.models import Termijn
        from termijnen.services import herinneringen_versturen, termijnconfig

        config = termijnconfig("verwijzing_reactie")
        erbij = max(0, TERMIJNEN - Termijn.objects.filter(status="open").count())
        cijfers = {"open_termijnen": TERMIJNEN}
        begin = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO termijnen_termijn (persoon_id, config_id, sleutel, onderwerp, link,
                    basisdatum, verlenging_dagen, verlenging_reden, vervalt_op,
                    verschuiving_reden, status)
                SELECT ids[1 + g %% cardinality(ids)], %(config)s, 'bench:' || g, '', '',
                       current_date, 0, '', current_date - 10 + (g %% 375), '', 'open'
                FROM generate_series(1, %(n)s) g,
                     (SELECT array_agg(id) AS ids FROM statushouders_persoon) p
                """,
                {"config": config.pk, "n": erbij},
            )
            cursor.execute("ANALYZE termijnen_termijn")
        print(f"open termijnen aangevuld tot {TERMIJNEN} in {time.perf_counter() - begin:.1f} s")

        for run in ("eerste run", "tweede run (zelfde dag)"):
            connection.queries_log.clear()
            tracemalloc.start()
            begin = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                uitkomst = herinneringen_versturen()
            duur = time.perf_counter() - begin
            _nu, piek = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            piek_mb = piek / 1024 / 1024
            print(
                f"{run}: {duur:.1f} s, {len(queries)} queries, "
                f"{uitkomst['herinneringen']} meldingen, {uitkomst['verlopen']} verlopen, "
                f"{uitkomst['dagoverzichten']} dagoverzicht-e-mails, "
                f"piekgeheugen {piek_mb:.1f} MB",
                flush=True,
            )
            cijfers[run.split(" ")[0] + "_run"] = {
                "seconden": round(duur, 2),
                "queries": len(queries),
                "herinneringen": uitkomst["herinneringen"],
                "piekgeheugen_mb": round(piek_mb, 1),
            }
        uitkomst_totaal["herinneringen"] = cijfers
