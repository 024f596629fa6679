"""The daily reminder job over 1,000,000 open deadlines: seconds, queries, peak memory.

Deadlines fall from 10 days ago to a year ahead, so a first run claims the overdue, due-today
and 14-days-ahead ones; a second run of the same day must claim nothing.
"""

import os
import resource
import time

from _bench import bench_database
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

TERMIJNEN = int(os.environ.get("BENCH_TERMIJNEN", "1000000"))
PERSONEN = 2000


def main() -> None:
    with (
        bench_database(),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
    ):
        from statushouders import demo
        from termijnen.services import herinneringen_versturen, termijnconfig

        demo.seed(personen=PERSONEN, seed=5)
        config = termijnconfig("verwijzing_reactie")
        begin = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO core_termijn (persoon_id, config_id, sleutel, onderwerp, link,
                    basisdatum, verlenging_dagen, verlenging_reden, vervalt_op,
                    verschuiving_reden, status)
                SELECT ids[1 + g %% cardinality(ids)], %(config)s, 'bench:' || g, '', '',
                       current_date, 0, '', current_date - 10 + (g %% 375), '', 'open'
                FROM generate_series(1, %(n)s) g,
                     (SELECT array_agg(id) AS ids FROM statushouders_persoon) p
                """,
                {"config": config.pk, "n": TERMIJNEN},
            )
            cursor.execute("ANALYZE core_termijn")
        print(f"{TERMIJNEN} open termijnen aangemaakt in {time.perf_counter() - begin:.1f} s")

        for run in ("eerste run", "tweede run (zelfde dag)"):
            begin = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                uitkomst = herinneringen_versturen()
            duur = time.perf_counter() - begin
            piek_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{run}: {duur:.1f} s, {len(queries)} queries, "
                f"{uitkomst['herinneringen']} meldingen, {uitkomst['verlopen']} verlopen, "
                f"{uitkomst['dagoverzichten']} dagoverzicht-e-mails, "
                f"piekgeheugen proces {piek_mb:.0f} MB"
            )


if __name__ == "__main__":
    main()
