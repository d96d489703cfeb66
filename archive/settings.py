"""The archive's one settings module.

Every deployment difference comes from the environment; the defaults give an
embedded development archive (SQLite and a Whoosh index under ./data) that
needs nothing installed.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from archive.files import private_directory, private_file

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
DATA_DIR = Path(os.environ.get("ARCHIVE_DATA_DIR", BASE_DIR / "data"))
# The five raw captures travel with the repository; the variable only overrides it.
SEEDS_DIR = Path(os.environ.get("ARCHIVE_SEEDS_DIR", BASE_DIR / "fixtures" / "sources"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it, or set DJANGO_DEBUG=1 for a development run."
        )
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Before haystack: its rebuild_index is replaced by one that never empties the live index.
    "archive",
    "haystack",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "people",
    "articles",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "archive.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "archive.middleware.ServiceUnavailableMiddleware",
    "archive.middleware.DropNulMiddleware",
    "archive.routers.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "archive.middleware.IndexBacklogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'archive.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# Private to the service's user: the database, the password file and the index live here.
private_directory(DATA_DIR)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if not str(DATABASES["default"]["NAME"]).startswith((":memory:", "file:")):
        private_file(Path(DATABASES["default"]["NAME"]))
    # A file, not memory, for the test database: a live server's threads then each open
    # their own connection, as in production, instead of sharing one.
    # One per test run, so concurrent runs never share (the runner deletes it at the end).
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(
        Path(DATABASES["default"]["NAME"]).with_name(f"test-archive-{os.getpid()}.sqlite3")
    )
    # Concurrent curators and workers: wait for the write lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

# Read replicas (PostgreSQL streaming replicas of DATABASE_URL), comma-separated: public
# page reads and searches go to them, writes and curators' pages to the primary
# (archive/routers.py). In tests each one mirrors the primary.
ARCHIVE_READ_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URL"), 1):
    alias = "replica" if number == 1 else f"replica{number}"
    DATABASES[alias] = dj_database_url.parse(
        url, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0"))
    )
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}
    ARCHIVE_READ_REPLICAS.append(alias)
DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins (curators' in the admin, researchers' on the site) are throttled per user
# name and address (django-axes): after
# ARCHIVE_LOGIN_FAILURE_LIMIT failures that pair is refused for ARCHIVE_LOGIN_COOLOFF_MINUTES,
# the right password included, with a page that says so (templates/locked_out.html).
AUTHENTICATION_BACKENDS = [
    "archive.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ARCHIVE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ARCHIVE_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked_out.html"  # the admin's page or the site's, by path
AXES_CLIENT_IP_CALLABLE = "archive.auth.client_ip"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", DATA_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Without collectstatic (development, tests) WhiteNoise serves from the app folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Raw captures a curator may import (admin form or import_articles); requests may carry a
# whole capture, so Django's own request limit sits above it and the form can explain.
ARCHIVE_IMPORT_MAX_BYTES = int(os.environ.get("ARCHIVE_IMPORT_MAX_BYTES", 2 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * ARCHIVE_IMPORT_MAX_BYTES + 1024 * 1024
# Any request body past this is refused with a 413 before it is read (archive/body_limit.py);
# the default leaves room for a pasted capture plus several files at the import limit.
ARCHIVE_MAX_REQUEST_BYTES = int(
    os.environ.get("ARCHIVE_MAX_REQUEST_BYTES", 10 * ARCHIVE_IMPORT_MAX_BYTES)
)
if ARCHIVE_MAX_REQUEST_BYTES < DATA_UPLOAD_MAX_MEMORY_SIZE:
    raise ImproperlyConfigured(
        f"ARCHIVE_MAX_REQUEST_BYTES ({ARCHIVE_MAX_REQUEST_BYTES:,}) must be at least "
        f"{DATA_UPLOAD_MAX_MEMORY_SIZE:,}, or the import form could not take one capture."
    )

# Search: ARCHIVE_SEARCH_URL picks the engine.
#   whoosh:///absolute/path   Whoosh index files (archive/search/engines/whoosh.py), embedded
#   postgresql:               PostgreSQL full-text search in the records' own database
#                             (archive/search/engines/postgres.py)
# Unset: PostgreSQL when DATABASE_URL is PostgreSQL (no index files to keep on every
# machine, replicas serve search, index updates are transactional), else Whoosh under
# ./data. (Elasticsearch is not supported: docs/scaling.md says what it would take.)
SEARCH_INDEX_PATH = Path(os.environ.get("ARCHIVE_SEARCH_PATH", DATA_DIR / "whoosh_index"))
WHOOSH_ENGINE = "archive.search.engines.whoosh.ArchiveWhooshEngine"
POSTGRES_ENGINE = "archive.search.engines.postgres.PostgresSearchEngine"


def search_connection(url, database_engine):
    from urllib.parse import urlsplit

    if not url:
        if database_engine == "django.db.backends.postgresql":
            return {"ENGINE": POSTGRES_ENGINE}
        return {"ENGINE": WHOOSH_ENGINE, "PATH": str(SEARCH_INDEX_PATH)}
    parts = urlsplit(url)
    if parts.scheme == "whoosh":
        return {"ENGINE": WHOOSH_ENGINE, "PATH": parts.path}
    if parts.scheme in ("postgresql", "postgres"):
        if database_engine != "django.db.backends.postgresql":
            raise ImproperlyConfigured(
                "ARCHIVE_SEARCH_URL=postgresql: searches the records' own database, so "
                "DATABASE_URL must be a PostgreSQL database."
            )
        if parts.netloc or parts.path.strip("/"):
            raise ImproperlyConfigured(
                "ARCHIVE_SEARCH_URL=postgresql: takes no host or database: the search tables "
                "live in the DATABASE_URL database (and its replicas)."
            )
        return {"ENGINE": POSTGRES_ENGINE}
    raise ImproperlyConfigured(
        f"ARCHIVE_SEARCH_URL: unsupported scheme {parts.scheme!r} "
        "(use whoosh:///path or postgresql:)."
    )


HAYSTACK_CONNECTIONS = {
    "default": search_connection(
        os.environ.get("ARCHIVE_SEARCH_URL", ""), DATABASES["default"]["ENGINE"]
    )
}
# A full rebuild of the search index (manage.py rebuild_index):
# - processes preparing documents for the PostgreSQL engine (records are read, analysed
#   and written as COPY lines in parallel; the index has to be large for it to pay);
ARCHIVE_INDEX_WORKERS = max(int(os.environ.get("ARCHIVE_INDEX_WORKERS", os.cpu_count() or 1)), 1)
# - PostgreSQL's maintenance_work_mem while it builds the new table's indexes;
ARCHIVE_INDEX_BUILD_MEMORY = os.environ.get("ARCHIVE_INDEX_BUILD_MEMORY", "512MB")
# - megabytes of postings (Whoosh's estimate) its writer holds before it sorts a run to
#   disk: at Whoosh's default, 128, a 1,000-article index pickles every posting to disk
#   and back.
ARCHIVE_INDEX_REBUILD_MB = int(os.environ.get("ARCHIVE_INDEX_REBUILD_MB", "768"))
HAYSTACK_SIGNAL_PROCESSOR = "archive.search.signals.OnCommitSignalProcessor"
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20

# Production hardening; all of it off only when DEBUG is on.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
# Only this site's own scripts, styles, images and fonts; no framing.
# django-csp's policy; the admin and the API docs also allow inline style attributes, which
# Django's admin sets (archive.middleware.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY = {
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
    }
}
CONTENT_SECURITY_POLICY_ADMIN_UPDATE = {"style-src": ["'unsafe-inline'"]}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # Read-only and public: no login of any kind, so a Basic header is never checked (the API
    # is no password oracle) and no session is looked up.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Russians in Serbia: news archive API",
    "DESCRIPTION": "Search and read the archive's articles, quotes, people, organizations and places.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "archive.openapi_exports.add_export_paths",
        "drf_spectacular.hooks.postprocess_schema_enums",
    ],
}
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "archive": {"handlers": ["console"], "level": os.environ.get("ARCHIVE_LOG_LEVEL", "INFO")},
    },
}

# -- The researchers' workbench (workbench/) ------------------------------------------
# Researchers sign in at /accounts/login/; a curator creates or approves their accounts.
# Self sign-up only when the operator turns it on, and then pending a curator's approval.
ARCHIVE_RESEARCHER_SIGNUP = env_bool("ARCHIVE_RESEARCHER_SIGNUP", False)
INSTALLED_APPS += ["rest_framework.authtoken", "workbench"]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("workbench.context_processors.workbench")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:collections"
LOGOUT_REDIRECT_URL = "home"
