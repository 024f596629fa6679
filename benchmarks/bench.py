"""`make bench`: Koers at the size of a shared installation, measured side by side.

One run builds a database of its own with `seed_demo` (100,000 persons with intakes, plans,
referrals, ontzorging, deadlines and 1,000,000 contactmomenten; KOERS_BENCH_PERSONEN to change),
measures every figure of the performance targets, prints each with its target, and writes
all of it as JSON to benchmarks/results/koers.json and a short table into the README.

Times are in-process server times (Django's test client: routing, middleware, view,
template) unless said otherwise; ratios are measured in the same run, so they hold from
machine to machine where absolute times do not. The load test runs gunicorn with the
production settings and locust against it (KOERS_BENCH_BELASTING_S seconds, 300 by default; 0 skips
it). The database is dropped at the end.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MAP = Path(__file__).resolve().parent
sys.path.insert(0, str(MAP.parent))

from config.environment import read  # noqa: E402

PERSONEN = int(read("KOERS_BENCH_PERSONEN", "100000"))
BELASTING_S = int(read("KOERS_BENCH_BELASTING_S", "300"))
BELASTING_GEBRUIKERS = int(read("KOERS_BENCH_BELASTING_GEBRUIKERS", "16"))
# Which parts to run (comma-separated: lijsten, paginas, rapportages, pdf, belasting, queries,
# betalingen, herinneringen); all by default.
ONDERDELEN = set(read("KOERS_BENCH_ONDERDELEN", "alles").split(","))
RESULTATEN = MAP / "results" / "koers.json"
README = MAP.parent / "README.md"


def productie() -> int:
    """Run the benchmark again with the settings of production (no DEBUG, collected static
    files, https behind a proxy), as the load test's gunicorn has them."""
    import belasting

    env = belasting._productie_omgeving(
        database_url=read("KOERS_DATABASE_URL"),
        redis_url=read("KOERS_REDIS_URL"),
        static_root=MAP.parent / ".run" / "bench-static",
    )
    env["KOERS_BENCH_PRODUCTIE"] = "1"
    env["KOERS_BENCH_BEGIN"] = read("KOERS_BENCH_BEGIN", str(time.time()), variables=env)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=MAP.parent,
        check=True,
    )
    return subprocess.run([sys.executable, __file__], env=env, cwd=MAP.parent).returncode


def main() -> None:
    import betalingen
    import herinneringen
    import lijsten
    import paginas
    import pip_pdf
    import rapportages
    from _bench import bench_database, rijen_per_tabel
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    begin_run = time.time()
    cijfers: dict = {"datum": datetime.datetime.now().isoformat(timespec="seconds")}
    with (
        bench_database(),
        tempfile.TemporaryDirectory() as map_,
        override_settings(
            PRIVATE_MEDIA_ROOT=map_,
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        ),
    ):
        from statushouders.models import Contactmoment, Persoon

        begin = time.perf_counter()
        call_command("seed_demo", personen=PERSONEN, seed=13, force=True, verbosity=0)
        cijfers["dataset"] = {
            "seed_demo_s": round(time.perf_counter() - begin, 1),
            "personen": Persoon.objects.count(),
            "contactmomenten": Contactmoment.objects.count(),
        }
        print(
            f"dataset: {cijfers['dataset']['personen']} personen, "
            f"{cijfers['dataset']['contactmomenten']} contactmomenten, seed_demo in "
            f"{cijfers['dataset']['seed_demo_s']} s",
            flush=True,
        )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        rijen = rijen_per_tabel()

        stappen = {
            "lijsten": lambda: (
                lijsten.personenlijst(cijfers, rijen),
                lijsten.afgeschermd(cijfers, rijen),
            ),
            "paginas": lambda: paginas.dossierpaginas(cijfers, rijen),
            "rapportages": lambda: rapportages.meten(cijfers, rijen),
            "pdf": lambda: pip_pdf.meten(cijfers),
            "belasting": lambda: _belasting(cijfers, connection),
            # These add rows, so they come after the pages are measured.
            "queries": lambda: paginas.queries_bij_meer_rijen(cijfers),
            "betalingen": lambda: betalingen.meten(cijfers),
            "herinneringen": lambda: herinneringen.meten(cijfers),
        }
        for naam, stap in stappen.items():
            if "alles" in ONDERDELEN or naam in ONDERDELEN:
                stap()

    # From the first step of `make bench` after the environment (collectstatic included).
    cijfers["duur_s"] = round(time.time() - float(read("KOERS_BENCH_BEGIN") or begin_run), 1)
    cijfers["doelen"] = doelen(cijfers)
    _opschrijven(cijfers)


def _belasting(cijfers: dict, connection) -> None:
    if not BELASTING_S:
        return
    import belasting
    from django.conf import settings

    # gunicorn serves the files this run wrote (the quarterly report to download).
    os.environ["KOERS_PRIVATE_MEDIA_ROOT"] = str(settings.PRIVATE_MEDIA_ROOT)

    cijfers["belasting"] = belasting.belasting_meten(
        database_url=_database_url(connection),
        redis_url=read("KOERS_REDIS_URL"),
        duur_s=BELASTING_S,
        gebruikers=BELASTING_GEBRUIKERS,
    )
    b = cijfers["belasting"]
    print(
        f"belasting ({BELASTING_GEBRUIKERS} gebruikers, {BELASTING_S} s): {b['rps']} verzoeken/s, "
        f"p50 {b['p50_ms']} ms, p95 {b['p95_ms']} ms, p99 {b['p99_ms']} ms, "
        f"{b['fouten']} fouten van {b['verzoeken']}",
        flush=True,
    )


def _database_url(connection) -> str:
    """The benchmark database as a URL for the load test's gunicorn."""
    instellingen = connection.settings_dict
    host = instellingen.get("HOST") or instellingen.get("OPTIONS", {}).get("host", "")
    gebruiker = instellingen.get("USER") or ""
    if host.startswith("/"):
        return f"postgres://{gebruiker}@/{instellingen['NAME']}?host={host}"
    poort = instellingen.get("PORT") or 5432
    wachtwoord = f":{instellingen['PASSWORD']}" if instellingen.get("PASSWORD") else ""
    return f"postgres://{gebruiker}{wachtwoord}@{host}:{poort}/{instellingen['NAME']}"


def doelen(c: dict) -> list[dict]:
    """Every target of the performance issue with the measured figure, met or by how much not."""
    regels = []

    def doel(naam, waarde, grens, eenheid, hoger_is_beter=False):
        if waarde is None:
            return
        gehaald = waarde >= grens if hoger_is_beter else waarde <= grens
        factor = (grens / waarde if hoger_is_beter else waarde / grens) if waarde and grens else 0
        regels.append(
            {
                "doel": naam,
                "gemeten": waarde,
                "grens": grens,
                "eenheid": eenheid,
                "gehaald": gehaald,
                "factor": round(factor, 2),
            }
        )

    for naam, r in c.get("personenlijst", {}).items():
        doel(f"personenlijst {naam} p95", r["p95_ms"], 25, "ms")
        doel(f"personenlijst {naam} t.o.v. basis", r["verhouding_p95"], 4, "×")
    for naam, r in c.get("afgeschermd", {}).items():
        doel(f"{naam} t.o.v. zonder scope", r["verhouding_p95"], 1.2, "×")
        doel(f"{naam} p95", r["p95_ms"], 25, "ms")
    for naam in ("dossier", "werkvoorraad_regisseur", "werkvoorraad_team"):
        if naam in c.get("paginas", {}):
            doel(f"{naam} p95", c["paginas"][naam]["p95_ms"], 25, "ms")
    for naam in ("dashboard_regio", "dashboard_een_gemeente"):
        if naam in c:
            doel(f"{naam} p50", c[naam]["p50_ms"], 300, "ms")
    if "kwartaalrapport" in c:
        doel("kwartaalrapport", c["kwartaalrapport"]["seconden"], 5, "s")
    if "pip_pdf" in c:
        doel("PIP-PDF mediaan", c["pip_pdf"]["mediaan_s"], 0.3, "s")
    if "herinneringen" in c:
        doel(
            "herinneringen 1.000.000 termijnen",
            c["herinneringen"]["eerste_run"]["seconden"],
            30,
            "s",
        )
    for naam, r in c.get("queries_10_en_1000_rijen", {}).items():
        doel(f"queries {naam} bij 1000 rijen (gelijk aan 10)", r["1000_rijen"], r["10_rijen"], "")
    if "belasting" in c:
        b = c["belasting"]
        doel("belasting verzoeken/s", b.get("rps"), 300, "/s", hoger_is_beter=True)
        doel("belasting p95", b.get("p95_ms"), 100, "ms")
        doel("belasting fouten", b.get("fouten"), 0, "")
    scans = {}
    for bron in (c.get("personenlijst", {}), c.get("afgeschermd", {}), c.get("paginas", {})):
        for r in bron.values():
            scans.update(r.get("sequentiele_scans", {}))
    for naam in ("dashboard_regio", "dashboard_een_gemeente"):
        scans.update(c.get(naam, {}).get("sequentiele_scans", {}))
    doel("tabellen > 10.000 rijen sequentieel gelezen", len(scans), 0, "")
    doel("make bench (deze run)", c.get("duur_s"), 15 * 60, "s")
    return regels


def _opschrijven(cijfers: dict) -> None:
    print("\nDoelen:")
    for r in cijfers["doelen"]:
        uitslag = "gehaald" if r["gehaald"] else f"NIET gehaald ({r['factor']}× de grens)"
        if not r["gehaald"] and r["eenheid"] == "/s":
            uitslag = f"NIET gehaald ({r['factor']}× te weinig)"
        print(
            f"  {r['doel']:<58} {r['gemeten']:>10} {r['eenheid']:<3} "
            f"grens {r['grens']:<8} {uitslag}"
        )
    RESULTATEN.parent.mkdir(exist_ok=True)
    RESULTATEN.write_text(json.dumps(cijfers, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"\nresultaten in {RESULTATEN.relative_to(MAP.parent)}")
    _readme_bijwerken(cijfers)


BEGIN, EINDE = "<!-- bench:begin -->", "<!-- bench:end -->"


def _readme_bijwerken(cijfers: dict) -> None:
    """The short table in the README between its markers: the latest run's targets."""
    tekst = README.read_text()
    if BEGIN not in tekst or EINDE not in tekst:
        return
    d = cijfers["dataset"]
    regels = [
        BEGIN,
        f"Laatste `make bench` ({cijfers['datum'][:10]}, {d['personen']} personen, "
        f"{d['contactmomenten']} contactmomenten, {cijfers['duur_s']:.0f} s):",
        "",
        "| meting | gemeten | grens | |",
        "|---|---|---|---|",
    ]
    for r in cijfers["doelen"]:
        regels.append(
            f"| {r['doel']} | {r['gemeten']} {r['eenheid']} | {r['grens']} {r['eenheid']} | "
            f"{'gehaald' if r['gehaald'] else 'niet gehaald'} |"
        )
    regels.append(EINDE)
    voor, rest = tekst.split(BEGIN, 1)
    na = rest.split(EINDE, 1)[1]
    README.write_text(voor + "\n".join(regels) + na)


if __name__ == "__main__":
    if read("KOERS_BENCH_PRODUCTIE") != "1":
        sys.exit(productie())
    main()
