"""NAP Academy settings: one module, driven by environment variables.

Every integration is switched on by its variable; with none set the app runs on an
embedded default (SQLite under ``var/``, Celery tasks in-process, e-mail to the
console). A malformed value stops the start-up with a message naming the variable.
See https://docs.djangoproject.com/en/5.2/ref/settings/ and README.md.
"""

import datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.environment import env, invalid, read, strict_bool
from config.files import private_storages
from config.sqlite import CONCURRENT_OPTIONS

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# How each variable is read, and the message a malformed one stops the start with.
_invalid, _read, _strict_bool = invalid, read, strict_bool

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = _read("DEBUG", _strict_bool, False)
# Without DEBUG there is no public fallback: a key everyone can read would let
# anyone forge sessions and links. `make` generates one per checkout
# (var/secret_key); production sets its own.
SECRET_KEY = _read("SECRET_KEY", env.str, "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the environment variable SECRET_KEY to a "
            "long random value (make run and make test generate one in "
            "var/secret_key), or DEBUG=true for development."
        )
    SECRET_KEY = "django-insecure-nap-academy-debug-only"
ALLOWED_HOSTS = _read("ALLOWED_HOSTS", env.list, ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = _read("CSRF_TRUSTED_ORIGINS", env.list, [])
REQUIRE_SERVICES = _read("REQUIRE_SERVICES", _strict_bool, False)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# I18N: Spanish first, English as the source language
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Country names come from django-countries; its Spanish catalogue misspells this
# one ("Trinidad yTobago"): our own catalogue gives "Trinidad y Tobago".
COUNTRIES_OVERRIDE = {"TT": _("Trinidad and Tobago")}
# Organizers' texts (convening and session names) in both languages: the viewer's
# language first, then the other one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "es"
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("es", "en"),
    "es": ("en",),
    "en": ("es",),
}
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# DATABASES
# ------------------------------------------------------------------------------
_sqlite_default = f"sqlite:///{VAR_DIR / 'academy.sqlite3'}"
_SUPPORTED_ENGINES = {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}
DATABASES = {"default": _read("DATABASE_URL", env.db_url, _sqlite_default)}
if DATABASES["default"].get("ENGINE") not in _SUPPORTED_ENGINES:
    raise _invalid("DATABASE_URL", "use postgres://… or sqlite:///…")
DATABASES["default"]["ATOMIC_REQUESTS"] = True
_conn_max_age = _read("CONN_MAX_AGE", env.int, 60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Reuse connections, but check them first so a restarted Postgres is survived.
    DATABASES["default"]["CONN_MAX_AGE"] = _conn_max_age
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(CONCURRENT_OPTIONS)

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "modeltranslation",  # before the admin, as it asks
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "simple_history",
    "csp",
    "axes",
    "ninja",
    # Ours, from the bottom layer up (docs/architecture.md).
    "common",
    "accounts",
    "academy",
    "participants",
    "roadmaps",
    "accompaniment",
    "evaluation",
    "opendata",
    "cohort",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# AUTHENTICATION
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cohort:home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling (django-axes): a few failures lock that e-mail address *from
# that IP address* for a while. Nobody can lock a person out for good, or from
# everywhere, by guessing wrong on purpose.
AXES_FAILURE_LIMIT = _read("AXES_FAILURE_LIMIT", env.int, 5)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=_read("AXES_COOLOFF_MINUTES", env.int, 15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Failures counted per address as sign-in matches it (any letter case), and per
# client address behind TRUSTED_PROXY_COUNT proxies (accounts/throttling.py).
AXES_USERNAME_CALLABLE = "accounts.throttling.axes_username"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.axes_client_ip"
# How many proxies (the TLS proxy the README recommends: 1) stand in front of the
# app and append the client's address to X-Forwarded-For. 0: the header is not
# trusted and the connection's address is the client's (common/client_ip.py).
TRUSTED_PROXY_COUNT = _read("TRUSTED_PROXY_COUNT", env.int, 0)
if TRUSTED_PROXY_COUNT < 0:
    raise _invalid("TRUSTED_PROXY_COUNT", "0 or more")
# Password reset e-mails per hour: for one address, and from one client.
PASSWORD_RESET_LIMIT_PER_ADDRESS = _read("PASSWORD_RESET_LIMIT_PER_ADDRESS", env.int, 3)
PASSWORD_RESET_LIMIT_PER_CLIENT = _read("PASSWORD_RESET_LIMIT_PER_CLIENT", env.int, 10)

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = _read("STATIC_ROOT", env.path, VAR_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = _read("MEDIA_ROOT", env.path, VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# E-MAIL
# ------------------------------------------------------------------------------
_email = _read("EMAIL_URL", env.email_url, "consolemail://")
globals().update(_email)
DEFAULT_FROM_EMAIL = _read(
    "DEFAULT_FROM_EMAIL", env.str, "NAP Academy <no-reply@nap-academy.example.org>"
)

# THE PRODUCT'S OWN KNOBS (exports, invitations, uploads, follow-up): config/product.py
# ------------------------------------------------------------------------------
from config.product import *  # noqa: E402, F403

# CELERY: tasks in-process when no broker is configured
# ------------------------------------------------------------------------------
CELERY_BROKER_URL = _read("CELERY_BROKER_URL", env.str, "")
if CELERY_BROKER_URL and "://" not in CELERY_BROKER_URL:
    raise _invalid(
        "CELERY_BROKER_URL", "expected a URL such as redis://127.0.0.1:6379/0"
    )
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = _read(
    "CELERY_RESULT_BACKEND", env.str, CELERY_BROKER_URL or None
)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 60 * 60 * 24

# CACHES
# ------------------------------------------------------------------------------
# One cache: the editor's rendered parts, keyed on revision counters the services
# bump (roadmaps/fragments.py), and the agendas. Redis at CACHE_URL, or else the
# broker's Redis when the broker is Redis: shared by every web process and
# machine, so a part rendered once serves everyone. When Redis cannot be reached
# a read is a miss and a write is dropped (common/cache.py): pages keep working.
# Without Redis (the embedded default), each process keeps its own in memory.
CACHE_URL = _read(
    "CACHE_URL",
    env.str,
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis:", "rediss:")) else "",
)
if CACHE_URL and not CACHE_URL.startswith(("redis:", "rediss:", "unix:")):
    raise _invalid("CACHE_URL", "expected a Redis URL such as redis://127.0.0.1:6379/1")
CACHE_TIMEOUT = 6 * 60 * 60  # seconds; keys change with what they show
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.cache.ForgivingRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "academy",
            "TIMEOUT": CACHE_TIMEOUT,
            # Give up fast when Redis is away: the page renders without it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "academy",
            "TIMEOUT": CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": 5_000},
        }
    }
# A task is acknowledged only when done, so a killed worker's task runs again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Limits stay below the Redis visibility timeout, or Redis redelivers a running task.
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The queue PDF exports are rendered on, so that workers can be set aside for
# them (celery worker -Q exports); empty: the default queue.
EXPORTS_QUEUE = _read("EXPORTS_QUEUE", env.str, "")
# Without a broker (the embedded default), a PDF renders on a thread of the web
# process, so the request answers at once and the progress page shows.
EXPORTS_IN_THREADS = _read("EXPORTS_IN_THREADS", env.bool, CELERY_TASK_ALWAYS_EAGER)

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "common.errors.csrf_failure"
# Uploads (participant imports) are limited again, per file type, by the import.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if _read("SECURE_TLS", _strict_bool, False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy: no inline script or style anywhere in our pages.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],  # Django's admin, for support staff only
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "filters": {
        "not_a_conflict": {"()": "common.log_filters.NotAConflict"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": _read("LOG_LEVEL", env.str, "INFO")},
    "loggers": {
        # An edit conflict (409) is an expected answer, not a warning.
        "django.request": {"filters": ["not_a_conflict"]},
        # WeasyPrint logs every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# PRIVATE FILES (exports, logos, attachments): config/files.py
# ------------------------------------------------------------------------------
STORAGES.update(private_storages(MEDIA_ROOT))
