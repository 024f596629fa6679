"""Production settings (DEBUG off) pass Django's deployment checks, and the https settings
follow the environment."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

from config.environment import OLD_NAMES

PRODUCTIE = {
    "KOERS_DEBUG": "0",
    "KOERS_SECRET_KEY": secrets.token_urlsafe(50),
    "KOERS_ALLOWED_HOSTS": "koers.gemeente.example",
    # The deployment checks do not connect; any valid address will do.
    "KOERS_DATABASE_URL": "postgres://koers_app@db.example/koers",
    "KOERS_REDIS_URL": "redis://redis.example:6379/0",
}


def _omgeving(**extra) -> dict[str, str]:
    """The caller's environment without Koers's settings (new and old names), and these."""
    omgeving = {
        naam: waarde
        for naam, waarde in os.environ.items()
        if not naam.startswith(("DJANGO_", "KOERS_", "SECURE_")) and naam not in OLD_NAMES.values()
    }
    return {**omgeving, **PRODUCTIE, **extra}


def _instellingen(*namen: str, **extra) -> dict[str, str]:
    """The named settings as Django reads them in a fresh process with this environment."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(*(repr(getattr(settings, naam)) for naam in {namen!r}), sep='\\n')"
    )
    uitkomst = subprocess.run(
        [sys.executable, "-c", code],
        env=_omgeving(DJANGO_SETTINGS_MODULE="config.settings", **extra),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(zip(namen, uitkomst.stdout.splitlines(), strict=True))


def test_check_deploy_slaagt_met_productie_instellingen():
    uitkomst = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=_omgeving(),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr


def test_productie_stuurt_naar_https_met_hsts_van_een_jaar_zonder_proxykop():
    waarden = _instellingen(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert int(waarden.pop("SECURE_HSTS_SECONDS")) >= 365 * 24 * 60 * 60
    # Trusted blindly, X-Forwarded-Proto would let any client claim https.
    assert waarden.pop("SECURE_PROXY_SSL_HEADER") == "None"
    assert set(waarden.values()) == {"True"}


def test_proxykop_https_omleiding_en_preload_zijn_in_te_stellen():
    assert _instellingen(
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_PRELOAD",
        KOERS_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        KOERS_SECURE_SSL_REDIRECT="0",
        KOERS_SECURE_HSTS_PRELOAD="1",
    ) == {
        "SECURE_PROXY_SSL_HEADER": repr(("HTTP_X_FORWARDED_PROTO", "https")),
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_PRELOAD": "True",
    }


def test_productie_hasht_wachtwoorden_met_pbkdf2_en_een_miljoen_iteraties():
    """The tests hash with a fast hasher (tests/conftest.py); production keeps the slow one."""
    code = (
        "import django; django.setup(); from django.contrib.auth.hashers import get_hasher; "
        "hasher = get_hasher(); print(hasher.algorithm, hasher.iterations)"
    )
    uitkomst = subprocess.run(
        [sys.executable, "-c", code],
        env=_omgeving(DJANGO_SETTINGS_MODULE="config.settings"),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    algoritme, iteraties = uitkomst.stdout.split()
    assert algoritme == "pbkdf2_sha256"
    assert int(iteraties) >= 1_000_000
