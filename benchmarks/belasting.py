"""Load test: Koers under gunicorn with the production settings on 127.0.0.1, driven by locust
(benchmarks/locustfile.py) for a fixed time and number of users.

`belasting_meten()` prepares the database it is given (sessions of the demo regisseur and
teamleider, a finished quarterly report), starts gunicorn with config/gunicorn.py, runs locust
headless and returns requests/s, percentiles and failures. On its own, against the
PostgreSQL and Redis in KOERS_DATABASE_URL / KOERS_REDIS_URL (seeded with `seed_demo`):

    KOERS_DATABASE_URL=... KOERS_REDIS_URL=... python benchmarks/belasting.py --duur 30

Locust runs on the same cores as gunicorn and PostgreSQL; it uses a small share of them.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from config.environment import OLD_NAMES, read  # noqa: E402

PYTHON = sys.executable
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
GUNICORN_CONFIG = BASE_DIR / "config" / "gunicorn.py"
REGISSEUR = "regisseur"
TEAMLEIDER = "teamleider"
# Persons the regisseur's dossier requests and contactmomenten pick from.
AANTAL_PERSONEN = 500
AANTAL_ZOEKTERMEN = 200


def belasting_meten(*, database_url: str, redis_url: str, duur_s: int, gebruikers: int) -> dict:
    """Requests/s, p50/p95/p99 (ms) and failures of the mix in locustfile.py against gunicorn
    with the production settings, `gebruikers` users without think time for `duur_s` seconds.
    The demo users `regisseur` and `teamleider` must exist (`seed_demo`)."""
    with tempfile.TemporaryDirectory(prefix="koers-belasting-") as tijdelijk:
        map_ = Path(tijdelijk)
        poort = _vrije_poort()
        # Static files collected already (by `make bench`) are used as they are.
        verzameld = Path(read("KOERS_STATIC_ROOT", "/nonexistent"))
        klaar = (verzameld / "staticfiles.json").exists()
        env = _productie_omgeving(
            database_url=database_url,
            redis_url=redis_url,
            static_root=verzameld if klaar else map_ / "static",
        )
        if not klaar:
            # WhiteNoise's manifest storage needs collected static files, as in the image.
            _uitvoeren([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
        gegevens = map_ / "gegevens.json"
        _uitvoeren([PYTHON, str(Path(__file__).resolve()), "--voorbereiden", str(gegevens)], env)

        # gunicorn and locust write to one log, shown when something goes wrong.
        log = map_ / "belasting.log"
        prefix = map_ / "locust"
        with open(log, "wb") as uitvoer:
            gunicorn = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "config.wsgi:application"],
                env={**env, "KOERS_GUNICORN_BIND": f"127.0.0.1:{poort}"},
                cwd=BASE_DIR,
                stdout=uitvoer,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                _wachten_op(gunicorn, poort, log)
                subprocess.run(
                    _locust(poort=poort, duur_s=duur_s, gebruikers=gebruikers, prefix=prefix),
                    env={**os.environ, "KOERS_BELASTING_GEGEVENS": str(gegevens)},
                    cwd=BASE_DIR,
                    stdout=uitvoer,
                    stderr=subprocess.STDOUT,
                    check=False,  # locust exits with 1 when a request failed; the figures say so
                )
            finally:
                _stoppen(gunicorn)
        uitslag = _uitslag_lezen(prefix, log)
        uitslag.update(
            gebruikers=gebruikers,
            duur_s=duur_s,
            gunicorn=_gunicorn_instellingen(env),
        )
        return uitslag


def _locust(*, poort: int, duur_s: int, gebruikers: int, prefix: Path) -> list[str]:
    """All users start at once; the figures count from when they all run (--reset-stats)."""
    return [
        PYTHON,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(gebruikers),
        "--spawn-rate",
        str(gebruikers),
        "--run-time",
        f"{duur_s}s",
        "--host",
        f"http://127.0.0.1:{poort}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--reset-stats",
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
    ]


def _productie_omgeving(*, database_url: str, redis_url: str, static_root: Path) -> dict:
    """The environment of a production web process, on this machine. The load test plays the
    TLS proxy: it sends X-Forwarded-Proto, which Koers is told to trust, so https redirects,
    secure cookies, HSTS and the CSRF origin check stay as in production."""
    # Development switches of the caller (`config.devservices` turns DEBUG on), under their
    # new and old names.
    ontwikkeling = {"KOERS_DEBUG", "KOERS_MFA_VERPLICHT", "KOERS_SECURE_SSL_REDIRECT"}
    ontwikkeling |= {OLD_NAMES[naam] for naam in ontwikkeling if naam in OLD_NAMES}
    env = {naam: waarde for naam, waarde in os.environ.items() if naam not in ontwikkeling}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        KOERS_DEBUG="false",
        KOERS_SECRET_KEY=secrets.token_urlsafe(50),
        KOERS_ALLOWED_HOSTS="127.0.0.1",
        KOERS_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        KOERS_STATIC_ROOT=str(static_root),
        KOERS_LOG_LEVEL="WARNING",
        KOERS_DATABASE_URL=database_url,
        KOERS_REDIS_URL=redis_url,
    )
    return env


def _uitvoeren(opdracht: list[str], env: dict) -> None:
    subprocess.run(opdracht, env=env, cwd=BASE_DIR, check=True)


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wachten_op(gunicorn: subprocess.Popen, poort: int, log: Path, limiet_s: float = 60) -> None:
    """Until gunicorn answers the health check (every worker has loaded Django by then, as
    the workers start together)."""
    einde = time.monotonic() + limiet_s
    while time.monotonic() < einde:
        if gunicorn.poll() is not None:
            raise RuntimeError(f"gunicorn stopte (code {gunicorn.returncode}):\n{_staart(log)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{poort}/healthz", timeout=2) as antwoord:
                if antwoord.status == 200:
                    time.sleep(1)  # the other workers finish starting
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn antwoordt niet binnen {limiet_s:.0f} s:\n{_staart(log)}")


def _staart(log: Path, regels: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-regels:])


def _stoppen(gunicorn: subprocess.Popen) -> None:
    """SIGTERM lets gunicorn finish its requests; the workers go with the master's group."""
    for sig, wachttijd in ((signal.SIGTERM, 30), (signal.SIGKILL, 5)):
        if gunicorn.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError):
            os.killpg(gunicorn.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            gunicorn.wait(wachttijd)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(gunicorn.pid, signal.SIGKILL)  # leftovers in the group, if any


def _gunicorn_instellingen(env: dict) -> dict:
    """Workers and threads as config/gunicorn.py chose them in that environment."""
    uitvoer = subprocess.run(
        [
            PYTHON,
            "-c",
            "import json, runpy, sys; c = runpy.run_path(sys.argv[1]); "
            "print(json.dumps({k: c[k] for k in ('workers', 'threads', 'worker_class')}))",
            str(GUNICORN_CONFIG),
        ],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(uitvoer)


def _getal(waarde: str) -> float:
    try:
        return float(waarde)
    except ValueError:
        return 0.0


def _rij(rij: dict) -> dict:
    return {
        "verzoeken": int(rij["Request Count"]),
        "fouten": int(rij["Failure Count"]),
        "rps": round(_getal(rij["Requests/s"]), 1),
        "p50_ms": _getal(rij["50%"]),
        "p95_ms": _getal(rij["95%"]),
        "p99_ms": _getal(rij["99%"]),
        "max_ms": round(_getal(rij["Max Response Time"]), 1),
    }


def _uitslag_lezen(prefix: Path, log: Path) -> dict:
    """The figures from locust's stats CSV: the aggregate and one row per request name."""
    stats = Path(f"{prefix}_stats.csv")
    if not stats.exists():
        raise RuntimeError(f"locust schreef geen statistieken:\n{_staart(log)}")
    with open(stats, newline="") as bestand:
        rijen = list(csv.DictReader(bestand))
    totaal = next(r for r in rijen if r["Name"] == "Aggregated")
    uitslag = _rij(totaal)
    uitslag["per_verzoek"] = {r["Name"]: _rij(r) for r in rijen if r["Name"] != "Aggregated"}
    fouten = Path(f"{prefix}_failures.csv")
    if fouten.exists():
        with open(fouten, newline="") as bestand:
            uitslag["foutmeldingen"] = [
                {"naam": r["Name"], "fout": r["Error"], "aantal": int(r["Occurrences"])}
                for r in csv.DictReader(bestand)
            ]
    return uitslag


def _voorbereiden(pad: Path) -> None:
    """Runs in a process of its own with the production environment: sessions for the demo
    regisseur and teamleider (made as a login makes them, without the second factor that a
    password login asks), the persons and search terms of the regisseur, and a finished
    quarterly report for the teamleider. Written as JSON for the locustfile."""
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()

    from django.conf import settings
    from django.middleware.csrf import CSRF_SECRET_LENGTH
    from django.test import Client
    from django.urls import reverse
    from django.utils.crypto import get_random_string

    from accounts.models import User
    from statushouders.models import Persoon

    regisseur = User.objects.get(username=REGISSEUR)
    teamleider = User.objects.get(username=TEAMLEIDER)
    personen = list(
        Persoon.objects.visible_to(regisseur)
        .filter(afgesloten_op__isnull=True)
        .order_by("?")
        .values("uuid", "achternaam", "bsn")[:AANTAL_PERSONEN]
    )
    if not personen:
        raise RuntimeError(f"{REGISSEUR} heeft geen open dossiers; draai eerst seed_demo")
    zoektermen = []
    for persoon in personen[:AANTAL_ZOEKTERMEN]:
        # Names as typed (often only the start), and now and then part of a BSN.
        if persoon["bsn"] and len(zoektermen) % 4 == 3:
            zoektermen.append(persoon["bsn"][2:7])
        else:
            zoektermen.append(persoon["achternaam"][: max(4, len(persoon["achternaam"]) // 2)])
    aantal = Persoon.objects.visible_to(regisseur).count()
    rapport = _kwartaalrapport(teamleider)
    gegevens = {
        "sessie_cookie": settings.SESSION_COOKIE_NAME,
        "regisseur_sessie": _sessie(Client(), regisseur),
        "teamleider_sessie": _sessie(Client(), teamleider),
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        # The secret in the cookie is also a valid form token.
        "csrf_geheim": get_random_string(CSRF_SECRET_LENGTH),
        "personen": [str(p["uuid"]) for p in personen],
        "zoektermen": zoektermen,
        "lijst_paginas": max(2, min(math.ceil(aantal / 25), 400)),
        "rapport_url": reverse("reports:kwartaalrapport-pdf", kwargs={"rapport": rapport.uuid}),
    }
    pad.write_text(json.dumps(gegevens))


def _sessie(client, user) -> str:
    from django.conf import settings

    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _kwartaalrapport(teamleider):
    """The teamleider's newest finished quarterly report; made now (last quarter, all of the
    teamleider's gemeenten) when there is none, through the service and its task."""
    from django.utils import timezone

    from config.celery import app
    from reports.constants import RapportSoort, RapportStatus
    from reports.selectors import rapportage_gemeenten
    from reports.selectors.toegang import rapporten_van
    from reports.services.rapporten import rapport_aanvragen

    rapporten = rapporten_van(user=teamleider, soort=RapportSoort.KWARTAALRAPPORT)
    klaar = rapporten.filter(status=RapportStatus.KLAAR).exclude(pdf="").first()
    if klaar:
        return klaar
    vandaag = timezone.localdate()
    kwartaal = (vandaag.month - 1) // 3 or 4
    jaar = vandaag.year - 1 if kwartaal == 4 else vandaag.year  # the quarter before this one
    app.conf.task_always_eager = True  # the task runs here, before aanvragen returns
    rapport = rapport_aanvragen(
        door=teamleider,
        soort=RapportSoort.KWARTAALRAPPORT,
        gemeenten=rapportage_gemeenten(user=teamleider),
        jaar=jaar,
        kwartaal=kwartaal,
    )
    rapport.refresh_from_db()
    if rapport.status != RapportStatus.KLAAR:
        raise RuntimeError(f"kwartaalrapport niet gemaakt: {rapport.foutmelding}")
    return rapport


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duur", type=int, default=30, help="seconden (30)")
    parser.add_argument("--gebruikers", type=int, default=20, help="gelijktijdige gebruikers (20)")
    parser.add_argument("--voorbereiden", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.voorbereiden:
        _voorbereiden(args.voorbereiden)
        return
    uitslag = belasting_meten(
        database_url=read("KOERS_DATABASE_URL"),
        redis_url=read("KOERS_REDIS_URL"),
        duur_s=args.duur,
        gebruikers=args.gebruikers,
    )
    print(json.dumps(uitslag, indent=2))


if __name__ == "__main__":
    main()
