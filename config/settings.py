"""All settings of Koers, read from the environment (see .env.example)."""

import re
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.environment import Env

BASE_DIR = Path(__file__).resolve().parent.parent

# Every variable is named KOERS_...; a setting's old name (DJANGO_DEBUG, DATABASE_URL, ...) is
# still read, with a warning in the log, until the next release (config/environment.py).
env = Env()
Env.read_env(BASE_DIR / ".env")  # optional; the real environment wins

DEBUG = env.bool("KOERS_DEBUG", default=False)
SECRET_KEY = env("KOERS_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("KOERS_SECRET_KEY ontbreekt; zonder DEBUG start Koers niet.")
    SECRET_KEY = "koers-development-only-not-secret"

ALLOWED_HOSTS = env.list("KOERS_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("KOERS_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "django_filters",
    "django_htmx",
    "template_partials",
    "csp",
    "localflavor",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "accounts",
    "core",
    "statushouders",
    "intake",
    "pip_plans",
    "partners",
    "termijnen",
    "reports",
    "ontzorging",
    "participatie",
    "dossier",
    "beheer",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise: static files keep their caching and need no policy.
    "core.middleware.GeenOpslagInCache",
    "core.middleware.InhoudsbeveiligingsBeleid",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After 15 minutes without a request, or 10 hours after login, the session ends.
    "accounts.middleware.SessieVerloopt",
    # A password login without a second factor goes to enrolment first.
    "accounts.middleware.TweedeFactorVerplicht",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.FoutpaginaInKoersStijl",
    "core.middleware.StuurtekensWeigeren",
    "django_htmx.middleware.HtmxMiddleware",
    # Attaches the user and URL to every history event written during a request.
    "pghistory.middleware.HistoryMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.koers",
                "accounts.context_processors.sessie",
                "termijnen.context_processors.meldingen",
            ],
        },
    }
]

if not env.str("KOERS_DATABASE_URL", default=""):
    raise ImproperlyConfigured(
        "KOERS_DATABASE_URL is niet gezet. Gebruik `make run` / `make test` (ingebouwde "
        "PostgreSQL) of zet KOERS_DATABASE_URL naar een PostgreSQL-server."
    )
DATABASES = {"default": env.db("KOERS_DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("KOERS_DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The database role web, worker and beat connect as in production: no superuser, no owner, no
# changing or deleting history and access-log rows. `manage.py koers_databaserol`, run as the
# owner after every `migrate`, creates it and grants exactly that (README, "Deploying").
KOERS_DATABASE_APP_ROL = env("KOERS_DATABASE_APP_ROL", default="koers_app")
KOERS_DATABASE_APP_WACHTWOORD = env("KOERS_DATABASE_APP_WACHTWOORD", default="")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# At least 12 characters and not a known common password; no forced rotation (BIO, NIST).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.wachtwoord.MinimaleLengte",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A reset link works for one hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Login (django-allauth): by username, no sign-up; staff may use an OpenID Connect provider.
ACCOUNT_ADAPTER = "accounts.adapters.KoersAccountAdapter"
# "U bent ingelogd als Ingrid Janssen": the person's name, not the username.
ACCOUNT_USER_DISPLAY = str
MFA_ADAPTER = "accounts.adapters.KoersMFAAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.KoersSocialAccountAdapter"
# The forms a user types into are Koers's own subclasses, with the checks of every Koers form.
ACCOUNT_FORMS = {
    "login": "accounts.forms.InloggenForm",
    "reauthenticate": "accounts.forms.OpnieuwInloggenForm",
    "change_password": "accounts.forms.WachtwoordWijzigenForm",
    "set_password": "accounts.forms.WachtwoordInstellenForm",
    "reset_password": "accounts.forms.WachtwoordVergetenForm",
    "reset_password_from_key": "accounts.forms.NieuwWachtwoordForm",
}
MFA_FORMS = {
    "authenticate": "accounts.forms.CodeForm",
    "reauthenticate": "accounts.forms.CodeOpnieuwForm",
    "activate_totp": "accounts.forms.AuthenticatorAppKoppelenForm",
    "add_webauthn": "accounts.forms.SleutelToevoegenForm",
    "edit_webauthn": "accounts.forms.SleutelHernoemenForm",
}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False  # a link, valid PASSWORD_RESET_TIMEOUT
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # the subjects begin with "Koers:" themselves
ACCOUNT_LOGOUT_REDIRECT_URL = "accounts:login"
# Failed logins are limited per IP address and per account (the username typed); while a limit
# holds, even the right password does not log in. Counted in the cache (Redis in production).
# The per-IP limits leave room for a gemeente's office behind one address.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "50/10m/ip,5/15m/key",
    "reset_password": "5/m/ip,3/10m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
# Behind a reverse proxy: how many proxies put the client's address in X-Forwarded-For. The
# login rate limit per IP and the security log use that address; 0 trusts no header.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("KOERS_VERTROUWDE_PROXIES", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_ALLOW_UNVERIFIED_EMAIL = True  # e-mail addresses come from functioneel beheer
MFA_TOTP_ISSUER = env("KOERS_ORGANISATIE", default="Koers")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # http://127.0.0.1 during development
MFA_RECOVERY_CODE_COUNT = 10
# Staff accounts that log in through an identity provider (the gemeente's Entra ID,
# Keycloak, ...) get their second factor there; Koers asks for none of its own. Nobody signs
# up through a provider: an existing account is matched by its verified e-mail address.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = False
# KOERS_OIDC_PROVIDERS: a JSON list of {"id", "name", "server_url", "client_id", "secret"}.
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": provider["id"],
                "name": provider["name"],
                "client_id": provider["client_id"],
                "secret": provider["secret"],
                "settings": {"server_url": provider["server_url"]},
            }
            for provider in env.json("KOERS_OIDC_PROVIDERS", default=[])
        ],
    }
}


def mfa_verplichting(*, verplicht: bool, debug: bool) -> bool:
    """A second factor is required for every password login. Only a development setup (DEBUG
    on) may switch that off."""
    if not verplicht and not debug:
        raise ImproperlyConfigured(
            "KOERS_MFA_VERPLICHT=false mag alleen bij ontwikkeling (KOERS_DEBUG=true)."
        )
    return verplicht


KOERS_MFA_VERPLICHT = mfa_verplichting(
    verplicht=env.bool("KOERS_MFA_VERPLICHT", default=True), debug=DEBUG
)
# Sessions end after 15 minutes without a request and 10 hours after login, whatever happens.
KOERS_SESSIE_INACTIEF_SECONDEN = 15 * 60
KOERS_SESSIE_MAXIMAAL_SECONDEN = 10 * 60 * 60

SESSION_COOKIE_AGE = KOERS_SESSIE_MAXIMAAL_SECONDEN

# Transport and headers (`manage.py check --deploy` passes with DEBUG off). Development and
# the tests run over plain http, so there the defaults leave https out.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# No page script reads the CSRF cookie: htmx sends the token from the page (base.html).
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("KOERS_SECURE_SSL_REDIRECT", default=not DEBUG)
# The load balancer's health check may ask over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("KOERS_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("KOERS_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading commits the whole registrable domain (the gemeente's, as a rule) to https in
# every browser for months; only its owner can decide that, so it is off unless asked for.
SECURE_HSTS_PRELOAD = env.bool("KOERS_SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Trust X-Forwarded-Proto only behind a proxy that sets it itself (and strips what clients
# send): KOERS_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO. Trusted blindly, any client could claim
# https.
if _proxy_header := env("KOERS_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")

# Content-Security-Policy: scripts and styles come from Koers's own static files only (and a
# gemeente's theme stylesheet); an inline <script> would need nonce="{{ request.csp_nonce }}".
# No inline styles or event handlers at all; htmx is configured in base.html not to add
# styles nor to evaluate code.
_THEMA_HERKOMST = (
    [_herkomst.group(0)]
    if (_herkomst := re.match(r"https?://[^/]+", env("KOERS_THEME_STYLESHEET", default="")))
    else []
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, *_THEMA_HERKOMST],
        "font-src": [SELF, *_THEMA_HERKOMST],
        # The NL Design System stylesheets draw checkmarks and arrows as data: SVG images.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
# Empty (as in .env.example) means the default, not the working directory.
STATIC_ROOT = Path(env("KOERS_STATIC_ROOT", default="") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("nlds/utrecht", BASE_DIR / "node_modules/@utrecht/component-library-css/dist"),
    (
        "nlds/theme",
        BASE_DIR / "node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist",
    ),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded and generated dossier files never live under a public URL.
PRIVATE_MEDIA_ROOT = Path(env("KOERS_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))

# A gemeente can add its own NL Design System theme on top of the voorbeeld theme.
KOERS_THEME_CLASS = env("KOERS_THEME_CLASS", default="")
KOERS_THEME_STYLESHEET = env("KOERS_THEME_STYLESHEET", default="")
KOERS_ORGANISATIE = env("KOERS_ORGANISATIE", default="Koers")
# Base address of this installation, for links in e-mails (which carry no personal data).
KOERS_BASIS_URL = env("KOERS_BASIS_URL", default="http://127.0.0.1:8000")
# Days a partner keeps read access to a referral after it was closed.
PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN = env.int("KOERS_PARTNER_TOEGANG_NA_AFSLUITEN_DAGEN", default=90)
# Reminders of open deadlines: this many days before (and always on the day, and once overdue).
TERMIJN_HERINNEREN_DAGEN_VOOR = env.list(
    "KOERS_TERMIJN_HERINNEREN_DAGEN_VOOR", cast=int, default=[14]
)
# Logo on printed documents: a path among the static files, e.g. "gemeente/logo.png".
KOERS_PDF_LOGO = env("KOERS_PDF_LOGO", default="")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nlds"]
CRISPY_TEMPLATE_PACK = "nlds"

EMAIL_BACKEND = env("KOERS_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("KOERS_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("KOERS_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("KOERS_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("KOERS_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("KOERS_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("KOERS_DEFAULT_FROM_EMAIL", default="koers@localhost")

# Celery: Redis as broker and result backend (results carry task progress).
REDIS_URL = env("KOERS_REDIS_URL", default="redis://localhost:6379/0")
# The login rate limits count in the cache: shared by every web process (Redis) in production,
# in-process during development and tests.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if DEBUG
    else {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("KOERS_CACHE_URL", default="")
        or REDIS_URL.replace("redis+socket://", "unix://"),
    }
}
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 15 * 60}
CELERY_RESULT_EXPIRES = 24 * 60 * 60
# No task runs for ever: after the soft limit it is told to stop (and records a failure),
# after the hard limit its process is ended. Rendering documents has tighter limits.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("KOERS_CELERY_TASK_SOFT_TIME_LIMIT", default=10 * 60)
CELERY_TASK_TIME_LIMIT = env.int("KOERS_CELERY_TASK_TIME_LIMIT", default=11 * 60)
KOERS_PDF_TIJDSLIMIET = env.int("KOERS_PDF_TIJDSLIMIET", default=60)
KOERS_PDF_TIJDSLIMIET_HARD = env.int("KOERS_PDF_TIJDSLIMIET_HARD", default=90)

# Ontzorging: the highest plausible monthly amount per kind of vaste last, in euros, as
# "huur=2500,energie=750"; kinds not named keep their default (ontzorging/constants.py).
KOERS_ONTZORGING_MAXIMA = env.dict("KOERS_ONTZORGING_MAXIMA", default={})
CELERY_BEAT_SCHEDULE = {
    "termijnen-herinneren": {
        "task": "termijnen.tasks.termijnen_herinneren",
        "schedule": crontab(hour=6, minute=30),
    },
    # Closed dossiers past their gemeente's retention period (AVG); audited per run.
    "bewaartermijnen-verwijderen": {
        "task": "statushouders.tasks.bewaartermijnen_verwijderen",
        "schedule": crontab(hour=2, minute=15),
    },
    # Ontzorging: periods move along by date and next month's payments are planned.
    "ontzorging-betalingen-plannen": {
        "task": "ontzorging.tasks.betalingen_plannen_task",
        "schedule": crontab(hour=5, minute=45),
    },
    # PIP versions whose PDF job was lost (or that were written in bulk) get it queued again.
    "wachtende-pdfs-inplannen": {
        "task": "pip_plans.tasks.wachtende_pdfs_inplannen",
        "schedule": 5 * 60,
    },
    "sessies-opschonen": {
        "task": "core.tasks.verlopen_sessies_opschonen",
        "schedule": 24 * 60 * 60,
    },
    "sessieregister-opschonen": {
        "task": "accounts.tasks.sessieregister_opschonen",
        "schedule": 24 * 60 * 60,
    },
}

PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
PGHISTORY_APPEND_ONLY = True  # history rows can never be changed or removed

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"zonder_querystring": {"()": "core.logging.QueryStringWeglaten"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["zonder_querystring"],
        }
    },
    "root": {"handlers": ["console"], "level": env("KOERS_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request lines (runserver, 404 warnings) carry URLs; the filter strips their queries.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # PDF rendering reports every step at INFO; only problems are worth a log line.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
