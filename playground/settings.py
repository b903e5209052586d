"""Django settings for Eventyard: one process serving HTTP and WebSockets through Daphne.

Defaults suit the embedded setup (`manage.py playground` on a laptop) and are safe when
others can reach it: SQLite beside the code, the in-memory channel layer, DEBUG off (on
with `manage.py playground --debug` or EVENTYARD_DEBUG=1), and a secret key of this
installation's own, made on first start and kept in a file beside the database. Every
default that matters in a shared deployment can be overridden by an environment variable
(README "Configuration"; "Deploying" lists the HTTPS settings `check --deploy` wants).
"""

import importlib.util
import os
import secrets
import time
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_flag(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() not in {"", "0", "false", "no", "off"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DB_PATH = Path(os.environ.get("EVENTYARD_DB_PATH") or BASE_DIR / "db.sqlite3")


def _kept_secret_key(path: Path) -> str:
    """The key stored at `path`, made (random, readable by this user only) if there is
    none yet: sessions and CSRF tokens then survive restarts without anyone configuring a
    key, and no two installations share one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(20):  # another process may be writing it right now
            key = path.read_text(encoding="utf-8").strip()
            if len(key) >= 50:
                return key
            time.sleep(0.05)
        raise ImproperlyConfigured(f"{path} holds no usable secret key; delete it") from None
    except OSError as error:
        raise ImproperlyConfigured(
            f"cannot keep a secret key in {path} ({error.strerror}): set SECRET_KEY"
        ) from None
    key = secrets.token_urlsafe(50)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(key + "\n")
    return key


SECRET_KEY_FILE = DB_PATH.with_name(DB_PATH.name + ".secret-key")
SECRET_KEY = (
    os.environ.get("SECRET_KEY")
    or os.environ.get("EVENTYARD_SECRET_KEY")
    or _kept_secret_key(SECRET_KEY_FILE)
)

DEBUG = _env_flag("EVENTYARD_DEBUG", default=False)

ALLOWED_HOSTS = _env_list("EVENTYARD_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = _env_list("EVENTYARD_CSRF_TRUSTED_ORIGINS", [])

# HTTPS (README "Deploying"): EVENTYARD_HTTPS=1 when the app is reached over HTTPS only.
HTTPS = _env_flag("EVENTYARD_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if _env_flag("EVENTYARD_BEHIND_PROXY", default=False):
    # A TLS-terminating proxy in front says which scheme the browser used.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("EVENTYARD_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = _env_flag("EVENTYARD_HSTS_PRELOAD", default=False)
# Headers on every answer (SecurityMiddleware and playground.headers).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    # Daphne first, so that `runserver` serves HTTP and WebSockets through ASGI.
    "daphne",
    # Before channels: its `runworker` starts the run worker at once (playground/runs/apps.py).
    "playground.runs.apps.RunsConfig",
    "channels",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    # Swagger UI's files for `/api/docs/`, served locally rather than from a CDN.
    "drf_spectacular_sidecar",
    "designer",
    "playground",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "playground.headers.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "playground.urls"

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

ASGI_APPLICATION = "playground.asgi.application"

# --- Scale-out: database and channel layer by URL (README "Running on more than one
# process"). Unset, both stay embedded: SQLite beside the code, the in-memory layer.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    import dj_database_url

    try:
        _database = dj_database_url.parse(DATABASE_URL)
    except ValueError as _error:
        raise ImproperlyConfigured(f"DATABASE_URL: {_error}") from None
    # Each test run makes a fresh database of its own (test_<name>), or EVENTYARD_TEST_DB.
    if os.environ.get("EVENTYARD_TEST_DB"):
        _database["TEST"] = {"NAME": os.environ["EVENTYARD_TEST_DB"]}
    DATABASES = {"default": _database}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DB_PATH,
            # Transactions take SQLite's write lock when they begin, so two saves of the same
            # diagram are serialised (SQLite ignores SELECT ... FOR UPDATE) instead of failing
            # with "database is locked".
            "OPTIONS": {"transaction_mode": "IMMEDIATE"},
            # A file, not memory: Channels' live-server tests serve from another process.
            "TEST": {"NAME": DB_PATH.with_name(f"{DB_PATH.stem}-test{DB_PATH.suffix}")},
        }
    }

# REDIS_URL (EVENTYARD_REDIS_URL is the older name) selects channels-redis, and moves live
# runs into `manage.py runworker eventyard-runs` processes (playground/runs/workers.py).
REDIS_URL = (os.environ.get("REDIS_URL") or os.environ.get("EVENTYARD_REDIS_URL") or "").strip()
if REDIS_URL:
    if importlib.util.find_spec("channels_redis") is None:
        raise ImproperlyConfigured(
            "REDIS_URL is set but channels-redis is not installed: pip install channels-redis"
        )
    # redis-py's default pool of 100 connections raises "Too many connections" once
    # about a hundred browsers watch runs at the same time. Every key this project writes
    # (channels-redis's own and the runs') starts with "eventyard:".
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 times socket reads out after 5 s by default, which tears down
                # every idle consumer (channels-redis's receive blocks for up to 5 s).
                "hosts": [{"address": REDIS_URL, "max_connections": 2000, "socket_timeout": None}],
                "prefix": "eventyard:asgi",
                # A web process's relay channel carries the frames of every run its sockets
                # watch (20 a second each); past capacity, group_send drops messages.
                "capacity": 2000,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Load balancers probe /healthz over plain HTTP, behind the TLS they terminate.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# One JSON line per run start, stop and failover on stderr (playground/runs/workers.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"bare": {"format": "%(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "bare"}},
    "loggers": {"eventyard.runs": {"handlers": ["stderr"], "level": "INFO", "propagate": False}},
}
# --- end of scale-out ------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves straight from the source folders (the finders), with or without
# DEBUG, so nothing is ever collected and there is no STATIC_ROOT.
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REST_FRAMEWORK = {
    # Session cookies for signed-in users and anonymous visitors alike, with CSRF checked
    # for both (DRF's own SessionAuthentication checks it for signed-in users only).
    "DEFAULT_AUTHENTICATION_CLASSES": ["designer.authentication.BrowserSessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": ["designer.parsers.SafeJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "designer.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # `?format=yaml` on the export address names the template format, not a DRF renderer.
    "URL_FORMAT_OVERRIDE": None,
    # A lesson's Check runs the engine headless: at most this often per visitor.
    "DEFAULT_THROTTLE_RATES": {"lesson-check": "30/min"},
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Eventyard API",
    "DESCRIPTION": "Diagrams, their revisions and validation, and the node catalogue.",
    "VERSION": "1",
    # Separate request and response components: `id`, `revision` and the dates are
    # read-only in responses, and a save sends `revision`.
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "designer.openapi.document_browser_sessions",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}


def _env_number(name: str, default: float, *, kind: type = int, minimum: float = 0) -> float:
    """A number from the environment, or `default`; a bad value stops the server at start
    with a message naming the variable (better than a run limit silently ignored)."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = kind(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a {kind.__name__}") from None
    if not number >= minimum:  # also refuses NaN
        raise ImproperlyConfigured(f"{name}={value!r} must be at least {minimum}")
    return number


# One year of HSTS over HTTPS (Django's deployment checklist), nothing over plain HTTP.
SECURE_HSTS_SECONDS = _env_number("EVENTYARD_HSTS_SECONDS", 31_536_000 if HTTPS else 0)

# Storage per owner (designer/storage.py, README "Configuration").
EVENTYARD_DIAGRAMS_PER_OWNER = _env_number("EVENTYARD_DIAGRAMS_PER_OWNER", 200, minimum=1)
EVENTYARD_REVISIONS_PER_DIAGRAM = _env_number("EVENTYARD_REVISIONS_PER_DIAGRAM", 50)
EVENTYARD_REVISIONS_PER_OWNER = _env_number("EVENTYARD_REVISIONS_PER_OWNER", 1000)
EVENTYARD_BYTES_PER_OWNER = _env_number("EVENTYARD_BYTES_PER_OWNER", 50_000_000, minimum=1)

# Live runs (playground/runs/, README "Live runs"): limits that keep one run, or one
# visitor, from holding the server's CPU and memory for ever.
EVENTYARD_RUN_MAX_EVENTS = _env_number("EVENTYARD_RUN_MAX_EVENTS", 1_000_000, minimum=1)
EVENTYARD_RUN_MAX_SIM_SECONDS = _env_number(
    "EVENTYARD_RUN_MAX_SIM_SECONDS", 3600.0, kind=float, minimum=0.001
)
EVENTYARD_RUN_IDLE_SECONDS = _env_number("EVENTYARD_RUN_IDLE_SECONDS", 60.0, kind=float)
EVENTYARD_RUNS_PER_OWNER = _env_number("EVENTYARD_RUNS_PER_OWNER", 3, minimum=1)
EVENTYARD_RUN_FRAME_EVENTS = _env_number("EVENTYARD_RUN_FRAME_EVENTS", 200, minimum=0)
EVENTYARD_RUN_REPLAY_FRAMES = _env_number("EVENTYARD_RUN_REPLAY_FRAMES", 200, minimum=1)
# --- Live-run hardening (memory, frame size, rates; README "Live runs", Limits) ---------
# A run stops once its replay buffer, injected payloads and the engine's held messages
# pass this many bytes.
EVENTYARD_RUN_MAX_BYTES = _env_number("EVENTYARD_RUN_MAX_BYTES", 64 * 1024 * 1024, minimum=1)
# Every frame stays under Daphne's 1 MiB WebSocket message limit: past this, a frame sheds
# its events, then its report, then its metrics (and says so in "trimmed").
EVENTYARD_RUN_FRAME_BYTES = _env_number("EVENTYARD_RUN_FRAME_BYTES", 1_000_000, minimum=16 * 1024)
EVENTYARD_RUN_INJECT_BYTES = _env_number("EVENTYARD_RUN_INJECT_BYTES", 64 * 1024, minimum=1)
EVENTYARD_RUN_INJECTS_PER_SECOND = _env_number(
    "EVENTYARD_RUN_INJECTS_PER_SECOND", 20.0, kind=float, minimum=0.001
)
# A reset rebuilds the Simulation (about a second of CPU for a 20,000-node diagram).
EVENTYARD_RUN_RESETS_PER_SECOND = _env_number(
    "EVENTYARD_RUN_RESETS_PER_SECOND", 1.0, kind=float, minimum=0.001
)
# Runs that no socket ever opened are forgotten after this many wall seconds.
EVENTYARD_RUN_UNOPENED_SECONDS = _env_number(
    "EVENTYARD_RUN_UNOPENED_SECONDS", 30.0, kind=float, minimum=0.001
)
# A run whose owner's page has had no socket open for this many wall seconds is closed,
# even while others watch it (a page left, or a laptop closed, mid-demo).
EVENTYARD_RUN_OWNER_GONE_SECONDS = _env_number(
    "EVENTYARD_RUN_OWNER_GONE_SECONDS", 120.0, kind=float, minimum=0.001
)
# New runs per client address a minute (0: unlimited), beside the per-owner limit.
EVENTYARD_RUNS_PER_ADDRESS_PER_MINUTE = _env_number("EVENTYARD_RUNS_PER_ADDRESS_PER_MINUTE", 30)
EVENTYARD_WS_CONTROLS_PER_SECOND = _env_number(
    "EVENTYARD_WS_CONTROLS_PER_SECOND", 10.0, kind=float, minimum=0.001
)
EVENTYARD_WS_CONTROL_BURST = _env_number("EVENTYARD_WS_CONTROL_BURST", 20, minimum=1)
# A socket whose unsent frames pass this many bytes misses frames until it catches up
# (then gets a snapshot); behind for longer than EVENTYARD_WS_BEHIND_SECONDS, it is closed.
EVENTYARD_WS_SEND_BUFFER_BYTES = _env_number(
    "EVENTYARD_WS_SEND_BUFFER_BYTES", 4 * 1024 * 1024, minimum=64 * 1024
)
EVENTYARD_WS_BEHIND_SECONDS = _env_number(
    "EVENTYARD_WS_BEHIND_SECONDS", 30.0, kind=float, minimum=0.001
)
# --- end of live-run hardening ---------------------------------------------------------
