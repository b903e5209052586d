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
