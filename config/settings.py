"""Repayable settings: one file, driven by environment variables.

Every variable that differs between a laptop and production is read here, with a safe default,
and listed in README.md. Tests change settings with pytest fixtures, not a second module.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE_WORDS = {"1", "true", "yes", "on"}
_FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean strictly: a typo such as DJANGO_DEBUG=ture must not silently mean False."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: str) -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str) -> str:
    raw = os.environ.get(name)
    return default if raw is None or raw.strip() == "" else raw.strip()


DEBUG = env_bool("DJANGO_DEBUG", False)
REPAYABLE_HTTPS = env_bool("REPAYABLE_HTTPS", False)
REPAYABLE_DATA_DIR = Path(env_str("REPAYABLE_DATA_DIR", str(BASE_DIR / "data")))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            '(python3 -c "import secrets; print(secrets.token_urlsafe(50))"), '
            "or set DJANGO_DEBUG=true for local development. `make run` does this for you."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG-true"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "apps.core",
    "apps.loans",
    "apps.affordability",
    "apps.guidance",
]

MIDDLEWARE = [
    # Outermost, so that it sees the final headers (after compression) before emptying a HEAD.
    "apps.core.middleware.HeadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages leave compressed (the whole guide: 91 KB of HTML to a phone otherwise). Static files
    # are already compressed by whitenoise above; Django's GZip pads each response against
    # BREACH, and the CSRF token is masked per response anyway.
    "django.middleware.gzip.GZipMiddleware",
    # Answers that carry a reader's figures are never stored by a browser or proxy cache. After
    # whitenoise, so that static files keep their long cache lifetimes.
    "apps.core.middleware.PrivateAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware, so that the 429 page speaks the reader's language.
    "apps.core.ratelimit.RateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Innermost, so that the page it puts in place of a bare 405 gets every header above.
    "apps.core.middleware.MethodNotAllowedPageMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # money, percent, tr and bare_label on every page without {% load %}.
            "builtins": ["apps.core.templatetags.repayable"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{REPAYABLE_DATA_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite in write-ahead-log mode: readers never wait for a writer, and a commit is written
    # to the log without waiting for the disk (synchronous=NORMAL). Every request that computes
    # writes (its rate-limit count), and waiting for the disk on each commit was most of a loan
    # check's time (17 of 28 ms in process). The database stays consistent after a crash; a
    # power cut may lose the last moments' counts and saves. IMMEDIATE takes the write lock at
    # the start of a transaction, so two workers never deadlock upgrading a read to a write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache holds the rate-limit counters, the page cache and the content version, so it is
# one for every worker and every server: a table in the database by default (`manage.py
# createcachetable`), Redis when REDIS_URL is set. While Redis is away, pages are served without
# it and rate limits are counted in the database table (apps/core/failopen.py, ratelimit.py).
REPAYABLE_REDIS_URL = env_str("REDIS_URL", "")
REPAYABLE_DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "repayable_cache",
    # Room for a window's rate-limit counters from many addresses besides the cached pages;
    # expired rows are culled first.
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# The rendered shared pages, in each process's memory (apps/core/pagecache.py): keyed by the
# release and by the content version kept in the shared default cache, so an admin edit still
# retires every process's copy at once. Reading a 90 KB page back out of the database table
# cost more than a third of serving it. At most MAX_ENTRIES pages per process (the largest, the
# whole guide in Chinese, is 140 KB: some tens of MB at worst).
REPAYABLE_PAGES_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "repayable-pages",
    "OPTIONS": {"MAX_ENTRIES": 300},
}
if REPAYABLE_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REPAYABLE_REDIS_URL,
            # redis-py's connection settings: a stopped or hung Redis costs a request at most
            # this long (5 s by default), and then is left alone for a while (failopen.py).
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
        "database": REPAYABLE_DATABASE_CACHE,
    }
else:
    CACHES = {"default": REPAYABLE_DATABASE_CACHE}
CACHES["pages"] = REPAYABLE_PAGES_CACHE

# Seconds a rendered page is kept in that cache (apps/core/pagecache.py); 0 turns it off.
REPAYABLE_PAGE_CACHE_SECONDS = env_int("REPAYABLE_PAGE_CACHE_SECONDS", 60)
# Names this release in the page cache's keys; empty: a hash of the static manifest, the
# templates and the compiled catalogue (apps.core.pagecache.release).
REPAYABLE_RELEASE = env_str("REPAYABLE_RELEASE", "")

# Sessions live in the database so that any server can answer any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the first readers borrow on Chinese platforms.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The admin lives at a path of the operator's choosing, so it is not where scanners look.
REPAYABLE_ADMIN_PATH = env_str("REPAYABLE_ADMIN_PATH", "admin").strip("/")

# Security headers. Nothing is loaded from another host; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws form arrows and checkboxes as data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
# Browser features the app never uses, each turned off (django-permissions-policy, which
# refuses a misspelt feature name at start-up).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"

if REPAYABLE_HTTPS:
    # Only behind HTTPS: these break a plain-HTTP local run.
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# A load balancer that ends TLS says so in this header; trust it only when told to.
if env_bool("REPAYABLE_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# POSTs allowed per client address: (count, window in seconds); a count of 0 turns a limit off.
REPAYABLE_RATE_LIMITS = {
    "post": (
        env_int("REPAYABLE_POST_LIMIT", 30),
        env_int("REPAYABLE_POST_LIMIT_WINDOW", 60),
    ),
    "admin_login": (
        env_int("REPAYABLE_ADMIN_LOGIN_LIMIT", 5),
        env_int("REPAYABLE_ADMIN_LOGIN_LIMIT_WINDOW", 300),
    ),
}
# Behind a load balancer every request comes from its address; trust the hop it appends.
REPAYABLE_TRUST_X_FORWARDED_FOR = env_bool("REPAYABLE_TRUST_X_FORWARDED_FOR", False)

# `make serve` (manage.py serve, deploy/nginx.conf): the gunicorn servers nginx passes requests
# to, as host:port (empty: one gunicorn that the command starts on this machine); connections
# one client address may have in progress at once; the addresses (or CIDR ranges) of a load
# balancer in front of nginx whose X-Forwarded-For and X-Forwarded-Proto it may believe.
REPAYABLE_APP_SERVERS = env_list("REPAYABLE_APP_SERVERS", "")
REPAYABLE_CONNECTIONS_PER_ADDRESS = env_int("REPAYABLE_CONNECTIONS_PER_ADDRESS", 32)
REPAYABLE_TRUSTED_PROXIES = env_list("REPAYABLE_TRUSTED_PROXIES", "")

# Request bodies: the largest real form is the four-offer comparison, about 65 KB even with every
# box filled to its limit in Chinese (each character sent as 9 bytes); the admin's largest stage
# is about 15 KB. Anything larger is refused with the friendly 400 page before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 128 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
# The site takes no files: a form part that carries one stops the request with the 400 page
# before any of it is kept, and no upload handler writes to disk.
DATA_UPLOAD_MAX_NUMBER_FILES = 0
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024

# How long a saved result is kept before it expires.
REPAYABLE_SAVED_RESULT_DAYS = env_int("REPAYABLE_SAVED_RESULT_DAYS", 30)

# Logs go to standard output as one JSON object a line; they never contain what a borrower typed.
REPAYABLE_LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "apps.core.logging.JsonFormatter"}},
    "filters": {"without_traceback": {"()": "apps.core.logging.WithoutTraceback"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "json"},
        "stdout_one_line": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["without_traceback"],
        },
    },
    "root": {"handlers": ["stdout"], "level": REPAYABLE_LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": REPAYABLE_LOG_LEVEL, "propagate": False},
        # Django logs each 4xx with the path; that is fine, but never the body.
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        # A refused request (a body over the limit, a host not allowed...) is one line that
        # names the reason, without the traceback of the exception that refused it.
        "django.security": {"handlers": ["stdout_one_line"], "propagate": False},
        # At DEBUG these two write template contexts (with the form data) and SQL parameters:
        # what a borrower typed. They stay at WARNING whatever DJANGO_LOG_LEVEL says.
        "django.template": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "django.db.backends": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}

CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"
