import importlib.util
import json
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

READ_SETTINGS = """
import json
from playground import settings as s
print(json.dumps({
    "apps": s.INSTALLED_APPS[:3], "debug": s.DEBUG, "hosts": s.ALLOWED_HOSTS,
    "secret": s.SECRET_KEY, "db": s.DATABASES["default"]["NAME"],
    "test_db": s.DATABASES["default"].get("TEST", {}).get("NAME"), "layers": s.CHANNEL_LAYERS,
}, default=str))
"""


def read_settings(manage_env: dict, **env: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with `env` added to the environment."""
    return subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=BASE_DIR,
        env={**manage_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_suit_the_embedded_setup(manage_env):
    del manage_env["EVENTYARD_DB_PATH"]
    manage_env["SECRET_KEY"] = "x" * 50  # not the file beside the repository's database

    settings = json.loads(read_settings(manage_env).stdout)

    # Daphne first (its runserver); the runs app before channels (its runworker).
    assert settings["apps"] == ["daphne", "playground.runs.apps.RunsConfig", "channels"]
    assert settings["debug"] is False
    assert settings["hosts"] == ["localhost", "127.0.0.1", "[::1]"]
    assert settings["db"] == str(BASE_DIR / "db.sqlite3")
    assert settings["test_db"] == str(BASE_DIR / "db-test.sqlite3")
    assert settings["layers"]["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"


def test_environment_overrides_the_defaults(manage_env, tmp_path):
    result = read_settings(
        manage_env,
        EVENTYARD_DEBUG="false",
        EVENTYARD_ALLOWED_HOSTS="eventyard.example, 10.0.0.5",
        EVENTYARD_SECRET_KEY="s3cret",
        EVENTYARD_DB_PATH=str(tmp_path / "data" / "eventyard.sqlite3"),
    )

    settings = json.loads(result.stdout)
    assert settings["debug"] is False
    assert settings["hosts"] == ["eventyard.example", "10.0.0.5"]
    assert settings["secret"] == "s3cret"
    assert settings["db"] == str(tmp_path / "data" / "eventyard.sqlite3")
    assert settings["test_db"] == str(tmp_path / "data" / "eventyard-test.sqlite3")


def test_redis_url_selects_the_redis_channel_layer(manage_env):
    result = read_settings(manage_env, EVENTYARD_REDIS_URL="redis://127.0.0.1:6390/0")

    if importlib.util.find_spec("channels_redis") is None:
        assert result.returncode != 0
        assert "pip install channels-redis" in result.stderr
        return
    layer = json.loads(result.stdout)["layers"]["default"]
    assert layer["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert layer["CONFIG"]["hosts"] == [
        {"address": "redis://127.0.0.1:6390/0", "max_connections": 2000, "socket_timeout": None}
    ]
    assert layer["CONFIG"]["prefix"].startswith("eventyard:")


def test_database_url_selects_postgresql_and_redis_url_the_workers_layer(manage_env):
    result = read_settings(
        manage_env,
        DATABASE_URL="postgres://ada@db.internal:5433/eventyard",
        REDIS_URL="redis://cache.internal:6379/2",
    )

    settings = json.loads(result.stdout)
    assert settings["db"] == "eventyard"
    assert settings["layers"]["default"]["CONFIG"]["hosts"][0]["address"] == (
        "redis://cache.internal:6379/2"
    )


def test_a_bad_database_url_stops_the_server_with_its_name(manage_env):
    result = read_settings(manage_env, DATABASE_URL="nosuchdb://x")

    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL" in result.stderr
