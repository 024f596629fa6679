"""Seed 100,000 persons and time the person list at that size.

Runs in a database of its own (koers_bench), created and dropped here. Prints figures:
seconds for the seed, and per list request its median milliseconds and query count.
"""

import os
import statistics
import time

from _bench import bench_database
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

PERSONEN = int(os.environ.get("BENCH_PERSONEN", "100000"))


def main() -> None:
    with bench_database():
        from accounts.models import User
        from statushouders import demo

        start = time.perf_counter()
        demo.seed(personen=PERSONEN, seed=1)
        print(f"seed_demo {PERSONEN} personen: {time.perf_counter() - start:.1f} s")

        client = Client()
        client.force_login(User.objects.get(username="teamleider"))
        for label, url in [
            ("eerste pagina", "/personen/"),
            ("pagina 2000", "/personen/?pagina=2000"),
            ("zoeken op naam", "/personen/?q=hadd"),
            ("zoeken op BSN", "/personen/?q=123456782"),
            ("sorteren op regisseur", "/personen/?sorteer=-regisseur"),
            ("filter bestandsgroep", "/personen/?bestandsgroep=intake&gemeente=1"),
        ]:
            tijden = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as queries:
                    begin = time.perf_counter()
                    assert client.get(url).status_code == 200
                    tijden.append(time.perf_counter() - begin)
            print(
                f"lijst {label:<24} {statistics.median(tijden) * 1000:7.1f} ms  "
                f"{len(queries)} queries"
            )


if __name__ == "__main__":
    main()
