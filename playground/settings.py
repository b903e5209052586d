"""Django settings for Eventyard: one process serving HTTP and WebSockets through Daphne.

Defaults suit the embedded setup (`manage.py playground` on a laptop): SQLite beside the
code, the in-memory channel layer and DEBUG on. Every default that matters in a shared
deployment can be overridden by an `EVENTYARD_*` environment variable.
"""

import importlib.util
import os
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


# Development only: anyone who reads this repository knows this key. Set
# EVENTYARD_SECRET_KEY anywhere the app is reachable by other people.
DEVELOPMENT_SECRET_KEY = "django-insecure-eventyard-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("EVENTYARD_SECRET_KEY") or DEVELOPMENT_SECRET_KEY

DEBUG = _env_flag("EVENTYARD_DEBUG", default=True)

ALLOWED_HOSTS = _env_list("EVENTYARD_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # Daphne first, so that `runserver` serves HTTP and WebSockets through ASGI.
    "daphne",
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

REDIS_URL = os.environ.get("EVENTYARD_REDIS_URL", "")
if REDIS_URL:
    if importlib.util.find_spec("channels_redis") is None:
        raise ImproperlyConfigured(
            "EVENTYARD_REDIS_URL is set but channels-redis is not installed: "
            "pip install channels-redis"
        )
    # redis-py's default pool of 100 connections raises "Too many connections" once
    # about a hundred browsers watch runs at the same time.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, "max_connections": 2000}]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

DB_PATH = Path(os.environ.get("EVENTYARD_DB_PATH") or BASE_DIR / "db.sqlite3")
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
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Eventyard API",
    "DESCRIPTION": "Diagrams, their revisions and validation, and the node catalogue.",
    "VERSION": "1",
    # Separate request and response components: `id`, `revision` and the dates are
    # read-only in responses, and a save sends `revision`.
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
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
# "direct": the run sends each frame's text straight to the sockets it holds (one process,
# the in-memory layer, whose group_send deep-copies per channel); "group": group_send of the
# same text through the channel layer (Redis).
EVENTYARD_RUN_FANOUT = os.environ.get("EVENTYARD_RUN_FANOUT") or (
    "group" if REDIS_URL else "direct"
)
if EVENTYARD_RUN_FANOUT not in {"direct", "group"}:
    raise ImproperlyConfigured(
        f"EVENTYARD_RUN_FANOUT={EVENTYARD_RUN_FANOUT!r}: use 'direct' or 'group'"
    )
