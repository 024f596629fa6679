"""Every environment variable Koers reads begins with KOERS_. Until the next release the name a
setting had before (DJANGO_DEBUG, DATABASE_URL, EMAIL_HOST, BENCH_PERSONEN, ...) is still read
when its KOERS_ name is unset, and the log says once which name to use instead.

Variables that Django or another library reads itself (DJANGO_SETTINGS_MODULE,
DJANGO_ALLOW_ASYNC_UNSAFE, ...) keep their names and are not listed here.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

import environ

logger = logging.getLogger(__name__)

# The names read before, one per setting; the new name is KOERS_ and the old one without its
# DJANGO_ (DJANGO_DEBUG -> KOERS_DEBUG, EMAIL_HOST -> KOERS_EMAIL_HOST).
_OLD_NAMES = (
    # config/settings.py
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_SECURE_HSTS_SECONDS",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "DJANGO_SECURE_HSTS_PRELOAD",
    "DJANGO_LOG_LEVEL",
    "DJANGO_STATIC_ROOT",
    "DATABASE_URL",
    "DATABASE_CONN_MAX_AGE",
    "REDIS_URL",
    "DJANGO_EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "CELERY_TASK_SOFT_TIME_LIMIT",
    "CELERY_TASK_TIME_LIMIT",
    "PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN",
    "TERMIJN_HERINNEREN_DAGEN_VOOR",
    # config/gunicorn.py
    "GUNICORN_BIND",
    "GUNICORN_WORKERS",
    "GUNICORN_THREADS",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_TIMEOUT",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_ACCESSLOG",
    "GUNICORN_LOGLEVEL",
    # benchmarks/
    "BENCH_PERSONEN",
    "BENCH_BELASTING_S",
    "BENCH_BELASTING_GEBRUIKERS",
    "BENCH_ONDERDELEN",
    "BENCH_TERMIJNEN",
    "BENCH_ONTZORGPERIODES",
    "BENCH_EXPLAIN",
    "BENCH_BEGIN",
    "BENCH_PRODUCTIE",
)
OLD_NAMES: dict[str, str] = {"KOERS_" + old.removeprefix("DJANGO_"): old for old in _OLD_NAMES}

_reported: set[str] = set()


def name_to_read(new: str, variables: Mapping[str, str] | None = None) -> str:
    """The variable that holds the setting `new` in `variables` (the process's environment by
    default): `new` itself, or its old name when only that one has a value (logged once per
    process). An empty variable counts as unset."""
    variables = os.environ if variables is None else variables
    old = OLD_NAMES.get(new)
    if variables.get(new) or not old or not variables.get(old):
        return new
    if old not in _reported:
        _reported.add(old)
        logger.warning(
            "%s is verouderd: gebruik %s. %s wordt in de volgende release niet meer gelezen.",
            old,
            new,
            old,
        )
    return old


def read(new: str, default: str = "", variables: Mapping[str, str] | None = None) -> str:
    """The value of the setting `new` (or of its old name), `default` when neither has one."""
    variables = os.environ if variables is None else variables
    return variables.get(name_to_read(new, variables)) or default


class Env(environ.Env):
    """django-environ's reader (every cast goes through `get_value`) that falls back to a
    setting's old name."""

    def get_value(self, var, *args, **kwargs):
        return super().get_value(name_to_read(var, self.ENVIRON), *args, **kwargs)
