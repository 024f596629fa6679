"""Every variable is read under its KOERS_ name; the old name still works for one release, with
one line in the log per old name, and the new name wins when both are set."""

import logging
import os
import runpy
import subprocess
import sys

import pytest
from django.conf import settings

from config import environment
from config.environment import OLD_NAMES, Env

VEROUDERD = "wordt in de volgende release niet meer gelezen"


@pytest.fixture(autouse=True)
def nog_niets_gemeld(monkeypatch):
    """Each old name is reported once per process; every test starts with none reported."""
    monkeypatch.setattr(environment, "_reported", set())


def _env(**variabelen) -> Env:
    env = Env()
    env.ENVIRON = variabelen
    return env


def _meldingen(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "config.environment"]


def test_nieuwe_naam_wordt_gelezen(caplog):
    env = _env(KOERS_EMAIL_HOST="smtp.nieuw.example", KOERS_DEBUG="true", KOERS_EMAIL_PORT="587")

    assert env("KOERS_EMAIL_HOST", default="localhost") == "smtp.nieuw.example"
    assert env.bool("KOERS_DEBUG", default=False) is True
    assert env.int("KOERS_EMAIL_PORT", default=25) == 587
    assert _meldingen(caplog) == []


def test_oude_naam_wordt_nog_gelezen_met_een_regel_in_de_log(caplog):
    caplog.set_level(logging.WARNING, logger="config.environment")
    env = _env(
        EMAIL_HOST="smtp.oud.example",
        DJANGO_DEBUG="true",
        DATABASE_URL="postgres://koers_app@db.example/koers",
    )

    assert env("KOERS_EMAIL_HOST", default="localhost") == "smtp.oud.example"
    assert env.bool("KOERS_DEBUG", default=False) is True
    assert env.db("KOERS_DATABASE_URL")["HOST"] == "db.example"
    assert env("KOERS_EMAIL_HOST", default="localhost") == "smtp.oud.example"  # again: no line

    assert sorted(_meldingen(caplog)) == [
        f"DATABASE_URL is verouderd: gebruik KOERS_DATABASE_URL. DATABASE_URL {VEROUDERD}.",
        f"DJANGO_DEBUG is verouderd: gebruik KOERS_DEBUG. DJANGO_DEBUG {VEROUDERD}.",
        f"EMAIL_HOST is verouderd: gebruik KOERS_EMAIL_HOST. EMAIL_HOST {VEROUDERD}.",
    ]
    assert {r.levelno for r in caplog.records} == {logging.WARNING}


def test_nieuwe_naam_wint_als_beide_gezet_zijn(caplog):
    env = _env(KOERS_EMAIL_HOST="smtp.nieuw.example", EMAIL_HOST="smtp.oud.example")

    assert env("KOERS_EMAIL_HOST", default="localhost") == "smtp.nieuw.example"
    assert _meldingen(caplog) == []


def test_lege_nieuwe_naam_telt_als_niet_gezet(caplog):
    env = _env(KOERS_STATIC_ROOT="", DJANGO_STATIC_ROOT="/srv/static")

    assert env("KOERS_STATIC_ROOT", default="") == "/srv/static"
    assert len(_meldingen(caplog)) == 1


def test_zonder_nieuwe_en_oude_naam_geldt_de_standaardwaarde(caplog):
    assert _env()("KOERS_EMAIL_HOST", default="localhost") == "localhost"
    assert environment.read("KOERS_BENCH_PERSONEN", "100000", variables={}) == "100000"
    assert _meldingen(caplog) == []


def test_elke_oude_naam_heeft_een_koers_naam_en_django_houdt_de_zijne():
    assert all(nieuw.startswith("KOERS_") for nieuw in OLD_NAMES)
    assert OLD_NAMES["KOERS_SECRET_KEY"] == "DJANGO_SECRET_KEY"
    assert OLD_NAMES["KOERS_EMAIL_HOST"] == "EMAIL_HOST"
    assert OLD_NAMES["KOERS_BENCH_PERSONEN"] == "BENCH_PERSONEN"
    assert not {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"} & set(OLD_NAMES.values())


def _gunicorn() -> dict:
    return runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.py"))


def test_gunicorn_leest_nieuwe_en_oude_namen(monkeypatch, caplog):
    for naam in ("KOERS_GUNICORN_WORKERS", "KOERS_GUNICORN_BIND"):
        monkeypatch.delenv(naam, raising=False)
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9000")
    monkeypatch.setenv("KOERS_GUNICORN_BIND", "127.0.0.1:9001")

    instellingen = _gunicorn()

    assert instellingen["workers"] == 3
    assert instellingen["bind"] == "127.0.0.1:9001"
    assert _meldingen(caplog) == [
        f"GUNICORN_WORKERS is verouderd: gebruik KOERS_GUNICORN_WORKERS. GUNICORN_WORKERS "
        f"{VEROUDERD}."
    ]


def _instellingen(*namen: str, **variabelen) -> tuple[dict[str, str], str]:
    """The named settings as a fresh process reads them from only these variables, and what it
    wrote to stderr."""
    omgeving = {
        naam: waarde
        for naam, waarde in os.environ.items()
        if not naam.startswith(("DJANGO_", "KOERS_")) and naam not in OLD_NAMES.values()
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(*(repr(getattr(settings, naam)) for naam in {namen!r}), sep='\\n')"
    )
    uitkomst = subprocess.run(
        [sys.executable, "-c", code],
        env={**omgeving, "DJANGO_SETTINGS_MODULE": "config.settings", **variabelen},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(zip(namen, uitkomst.stdout.splitlines(), strict=True)), uitkomst.stderr


def test_instellingen_lezen_de_oude_namen_nog_en_melden_elk_een_keer():
    waarden, log = _instellingen(
        "DEBUG",
        "EMAIL_HOST",
        "DEFAULT_FROM_EMAIL",
        "CELERY_BROKER_URL",
        "PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://koers_app@db.example/koers",
        REDIS_URL="redis://redis.example:6379/0",
        EMAIL_HOST="smtp.oud.example",
        DEFAULT_FROM_EMAIL="koers@oud.example",
        PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN="30",
    )

    assert waarden == {
        "DEBUG": "True",
        "EMAIL_HOST": "'smtp.oud.example'",
        "DEFAULT_FROM_EMAIL": "'koers@oud.example'",
        "CELERY_BROKER_URL": "'redis://redis.example:6379/0'",
        "PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN": "30",
    }
    regels = [regel for regel in log.splitlines() if VEROUDERD in regel]
    assert sorted(regels) == sorted(
        f"{oud} is verouderd: gebruik KOERS_{oud.removeprefix('DJANGO_')}. {oud} {VEROUDERD}."
        for oud in (
            "DJANGO_DEBUG",
            "DATABASE_URL",
            "REDIS_URL",
            "EMAIL_HOST",
            "DEFAULT_FROM_EMAIL",
            "PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN",
        )
    )


def test_instellingen_nemen_de_nieuwe_naam_als_beide_gezet_zijn():
    waarden, log = _instellingen(
        "DEBUG",
        "EMAIL_HOST",
        "DATABASES",
        KOERS_DEBUG="1",
        DJANGO_DEBUG="0",
        KOERS_DATABASE_URL="postgres://koers_app@nieuw.example/koers",
        DATABASE_URL="postgres://koers_app@oud.example/koers",
        KOERS_EMAIL_HOST="smtp.nieuw.example",
        EMAIL_HOST="smtp.oud.example",
    )

    assert waarden["DEBUG"] == "True"
    assert waarden["EMAIL_HOST"] == "'smtp.nieuw.example'"
    assert "'HOST': 'nieuw.example'" in waarden["DATABASES"]
    assert VEROUDERD not in log
