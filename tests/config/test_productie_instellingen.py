"""Production settings (DEBUG off) pass Django's deployment checks, and the https settings
follow the environment."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTIE = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "koers.gemeente.example",
    # The deployment checks do not connect; any valid address will do.
    "DATABASE_URL": "postgres://koers_app@db.example/koers",
    "REDIS_URL": "redis://redis.example:6379/0",
}


def _omgeving(**extra) -> dict[str, str]:
    omgeving = {
        naam: waarde
        for naam, waarde in os.environ.items()
        if not naam.startswith(("DJANGO_", "KOERS_", "SECURE_"))
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
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_PRELOAD="1",
    ) == {
        "SECURE_PROXY_SSL_HEADER": repr(("HTTP_X_FORWARDED_PROTO", "https")),
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_PRELOAD": "True",
    }
