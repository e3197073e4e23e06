"""Ideahautomo's one settings module, read from the environment.

With nothing set it runs locally on SQLite with console e-mail. In production set
PRODUCTION=1 with SECRET_KEY, ALLOWED_HOSTS, SITE_URL, REDIS_URL, TRUSTED_PROXY_COUNT,
DATABASE_URL and EMAIL_URL; README.md lists every variable.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.getenv("VAR_DIR", BASE_DIR / "var"))


def envbool(name, default):
    value = os.getenv(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name, default):
    value = os.getenv(name)
    return int(value) if value else default


def envsecret(name, default=""):
    """Read NAME, or the contents of the file named by NAME_FILE (container secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.getenv(name, default)


def envlist(name, default):
    value = os.getenv(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = envbool("PRODUCTION", False)
DEBUG = envbool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when PRODUCTION is on.")

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) in production.")
    SECRET_KEY = "local-development-only-not-secret-2b7f0c9e5d1a4c8b9e6f3a2d1c0b9a8e"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
# The address the service is reached at, used for links in e-mails.
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Who runs the service (the data controller named in the privacy notice) and how to reach them.
SERVICE_OPERATOR = os.getenv("SERVICE_OPERATOR", "Ideahautomo-kokeilun työllisyyspalvelut")
SERVICE_CONTACT_EMAIL = os.getenv("SERVICE_CONTACT_EMAIL", "tuki@ideahautomo.fi")

INSTALLED_APPS = [
    "ideahautomo.accounts",
    "ideahautomo.profiles",
    "ideahautomo.ideas",
    "ideahautomo.circles",
    "ideahautomo.pages",
    "ideahautomo.events",
    "ideahautomo.services",
    "ideahautomo.points",
    "ideahautomo.messaging",
    "ideahautomo.search",
    "ideahautomo.announcements",
    "ideahautomo.guides",
    "ideahautomo.stories",
    "ideahautomo.moderation",
    "ideahautomo.mentoring",
    "ideahautomo.impact",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ideahautomo.pages.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ideahautomo.accounts.middleware.SessionOTPMiddleware",
    "ideahautomo.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ideahautomo.urls"
WSGI_APPLICATION = "ideahautomo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ideahautomo" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ideahautomo.pages.context_processors.site",
                "ideahautomo.messaging.context_processors.unread",
                "ideahautomo.moderation.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite file by default; DATABASE_URL selects PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ideahautomo.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and the one writer work side by side; IMMEDIATE takes the
    # write lock at BEGIN, so a waiting writer queues (busy timeout) instead of
    # failing later with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.getenv("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ideahautomo",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# One mechanism for all background work: the database queue, run by
# `manage.py db_worker` (dev.py serve starts one beside the web server).
TASKS = {
    "default": {
        "BACKEND": os.getenv("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Accounts and sign-in
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["ideahautomo.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3
# Reverse proxies in front of the service whose X-Forwarded-For is believed.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
# Failed sign-ins: this many for one e-mail address within the window lock it.
SIGN_IN_FAILURES_PER_ACCOUNT = envint("SIGN_IN_FAILURES_PER_ACCOUNT", 5)
SIGN_IN_FAILURES_PER_CLIENT = envint("SIGN_IN_FAILURES_PER_CLIENT", 30)
SIGN_IN_FAILURE_WINDOW = 30 * 60
SIGN_IN_LOCK_SECONDS = envint("SIGN_IN_LOCK_SECONDS", 15 * 60)
PASSWORD_RESETS_PER_ADDRESS = envint("PASSWORD_RESETS_PER_ADDRESS", 3)
PASSWORD_RESET_WINDOW = 60 * 60
INVITATION_VALID_DAYS = 10
INVITATION_CSV_MAX_BYTES = 256 * 1024
INVITATION_CSV_MAX_ROWS = 500
# Study-circle wishes: this many people wanting the same thing in one place, with no
# circle to join, are told that they could start one together.
CIRCLE_DEMAND_THRESHOLD = envint("CIRCLE_DEMAND_THRESHOLD", 5)
# Open self sign-up, each account approved by staff before it can be used. The address is
# proven by an e-mailed link first; applications are limited per address and per client.
SIGNUP_OPEN = envbool("SIGNUP_OPEN", False)
# A new account's posts with a web address wait for a moderator for this many days from
# joining (ideas, comments on ideas and circle posts); 0 turns the hold off.
MODERATION_HOLD_NEW_ACCOUNT_DAYS = envint("MODERATION_HOLD_NEW_ACCOUNT_DAYS", 7)
SIGN_UP_LINK_VALID_SECONDS = 24 * 60 * 60
SIGN_UPS_PER_ADDRESS = envint("SIGN_UPS_PER_ADDRESS", 3)
SIGN_UPS_PER_CLIENT = envint("SIGN_UPS_PER_CLIENT", 10)
SIGN_UP_WINDOW = 60 * 60
# The service map draws a map only when a tile server is named, for example
# "https://tiles.example.fi/{z}/{x}/{y}.png"; without one the list is the page.
SERVICE_MAP_TILE_URL = os.getenv("SERVICE_MAP_TILE_URL", "")
SERVICE_MAP_TILE_ATTRIBUTION = os.getenv("SERVICE_MAP_TILE_ATTRIBUTION", "")
SERVICE_MAP_TILE_SOURCES = []  # the tile server's origin, allowed for images by the CSP
if SERVICE_MAP_TILE_URL:
    _tiles = urlsplit(SERVICE_MAP_TILE_URL)
    if _tiles.scheme != "https" or not _tiles.netloc:
        raise ImproperlyConfigured("SERVICE_MAP_TILE_URL must be an https:// address.")
    # Leaflet's "{s}" subdomains become a wildcard host.
    SERVICE_MAP_TILE_SOURCES = [f"https://{_tiles.netloc.replace('{s}', '*')}"]
OTP_TOTP_ISSUER = "Ideahautomo"

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Languages: Finnish first; Swedish, English and Ukrainian complete. Plain Finnish
# (selkokieli) rewrites the texts of the first steps and falls back to Finnish for the
# rest; it is an interface language only, content is written in Finnish. Its code is a
# BCP 47 private-use tag, so pages in it are lang="fi-x-selko": Finnish to browsers,
# screen readers and axe; its catalogue lives in locale/fi_X-selko.
LANGUAGE_CODE = "fi"
PLAIN_FINNISH = "fi-x-selko"
LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
    (PLAIN_FINNISH, _("Plain Finnish")),
]
LANG_INFO.setdefault(
    PLAIN_FINNISH,
    {
        "bidi": False,
        "code": PLAIN_FINNISH,
        "name": "Plain Finnish",
        "name_local": "suomi (selkokieli)",
    },
)
LOCALE_PATHS = [BASE_DIR / "ideahautomo" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Helsinki"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
if not PRODUCTION:
    # WhiteNoise serves from the app folders here, but it wants the folder to exist.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "ideahautomo" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# E-mail: console by default so the person running it sees every message.
EMAIL_URL = envsecret("EMAIL_URL", "console://")
globals().update(dj_email_url.parse(EMAIL_URL))
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Ideahautomo <ei-vastausta@ideahautomo.fi>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers on every response.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *SERVICE_MAP_TILE_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # Several processes need one shared cache, or each counts lockouts and rate limits
    # on its own; e-mailed links need the public address.
    missing = [name for name in ("REDIS_URL", "SITE_URL") if not os.getenv(name)]
    if missing:
        raise ImproperlyConfigured(f"Set {' and '.join(missing)} in production.")
    # Believing a proxy's headers while counting no proxy would give every client the
    # proxy's address: one person's failed sign-ins would lock everyone out.
    if TRUSTED_PROXY_COUNT < 1 and (
        globals().get("SECURE_PROXY_SSL_HEADER")
        or globals().get("USE_X_FORWARDED_HOST")
        or globals().get("USE_X_FORWARDED_PORT")
    ):
        raise ImproperlyConfigured(
            "Set TRUSTED_PROXY_COUNT to the number of reverse proxies in front of the service: "
            "their X-Forwarded-Proto is trusted, so their X-Forwarded-For must be read too."
        )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
