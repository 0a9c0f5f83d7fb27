"""Settings come from the environment; bad values stop start-up with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal import config

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x7!kq2-production-secret-for-the-deploy-check-4f9a1c3e8b7d6a5f",
    "DJANGO_ALLOWED_HOSTS": "portal.example.com",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/12",
    "IDENTITY_ENCRYPTION_KEY": "8ZQ5tE1oV7r8m0W2m9D4Ck3cQKJ8hH3yq0d1Gz7yq3Y=",
    "ALIPAY_NOTIFY_KEY": "alipay-notify-key-for-the-deploy-check",
    "SITE_BASE_URL": "https://portal.example.com",
    "SMS_BACKEND": "carrier.gateway.SmsBackend",
    "DATA_REGION": "cn-hangzhou",
}


# The suite's own settings, and the browser tests' async switch, must not leak into the checked process.
INHERITED = {
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "SMS_BACKEND",
    "SOCIALACCOUNT_TEST_PROVIDER",
    "DATA_REGION",
    "MEDIA_REGION",
    "BACKUP_REGION",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in INHERITED}
    clean["PORTAL_VAR_DIR"] = os.environ.get("PORTAL_VAR_DIR", str(ROOT / "var"))
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_unset_database_url_means_an_sqlite_file(tmp_path):
    db = config.database("UNSET_FOR_TEST", sqlite_path=tmp_path / "x.sqlite3", required=False)

    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == tmp_path / "x.sqlite3"


def test_a_postgres_url_is_parsed(monkeypatch):
    monkeypatch.setenv("TEST_DB_URL", "postgres://portal:s%40cret@db.internal:6543/portal_prod?sslmode=require")

    db = config.database("TEST_DB_URL", sqlite_path=Path("unused"), required=False)

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "portal_prod",
        "portal",
        "s@cret",
        "db.internal",
        "6543",
    )
    assert db["OPTIONS"]["sslmode"] == "require"


@pytest.mark.parametrize(
    "url",
    ["mysql://root@localhost/portal", "postgres://localhost:notaport/portal", "postgres://localhost:5432/", "nonsense"],
)
def test_a_malformed_database_url_names_the_variable(monkeypatch, url):
    monkeypatch.setenv("TEST_DB_URL", url)

    with pytest.raises(config.ConfigurationError, match="TEST_DB_URL"):
        config.database("TEST_DB_URL", sqlite_path=Path("unused"), required=False)


@pytest.mark.parametrize(
    "url", ["http://localhost:6379/0", "redis://:6379/0", "redis://localhost:port/0", "redis://localhost/zero"]
)
def test_a_malformed_redis_url_names_the_variable(monkeypatch, url):
    monkeypatch.setenv("TEST_REDIS_URL", url)

    with pytest.raises(config.ConfigurationError, match="TEST_REDIS_URL"):
        config.redis_url("TEST_REDIS_URL", required=False)


def test_a_malformed_flag_names_the_variable(monkeypatch):
    monkeypatch.setenv("TEST_FLAG", "maybe")

    with pytest.raises(config.ConfigurationError, match="TEST_FLAG"):
        config.flag("TEST_FLAG", default=True)


@pytest.mark.parametrize("value", ["lots", "10/fortnight", "/minute", "-5/minute", "10"])
def test_a_malformed_api_rate_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("API_THROTTLE_USER", value)

    with pytest.raises(config.ConfigurationError, match="API_THROTTLE_USER"):
        config.rate("API_THROTTLE_USER", "600/minute")


def test_an_api_rate_is_read_as_written(monkeypatch):
    monkeypatch.setenv("API_THROTTLE_USER", "30/hour")

    assert config.rate("API_THROTTLE_USER", "600/minute") == "30/hour"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DATABASE_URL": "mysql://root@localhost/portal"}, "DATABASE_URL"),
        ({"REDIS_URL": "redis//127.0.0.1:6379"}, "REDIS_URL"),
        ({**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({**PRODUCTION_ENV, "DATABASE_URL": ""}, "DATABASE_URL"),
        ({**PRODUCTION_ENV, "REDIS_URL": ""}, "REDIS_URL"),
        ({**PRODUCTION_ENV, "SITE_BASE_URL": ""}, "SITE_BASE_URL"),
        ({**PRODUCTION_ENV, "SITE_BASE_URL": "http://portal.example.com"}, "SITE_BASE_URL"),
        ({**PRODUCTION_ENV, "SITE_BASE_URL": "https://portal.example.com/unsubscribe?x=1"}, "SITE_BASE_URL"),
        ({**PRODUCTION_ENV, "SMS_BACKEND": ""}, "SMS_BACKEND"),
    ],
)
def test_start_up_stops_with_one_line_naming_the_variable(env, variable):
    result = manage("check", env=env)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Configuration error:")
    assert variable in lines[0]


def test_production_mode_passes_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_mode_hashes_passwords_with_argon2():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])", env=PRODUCTION_ENV
    )

    assert result.stdout.strip().splitlines()[-1] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_celery_worker_with_a_bad_url_stops_with_one_line():
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "celery"), "-A", "portal", "worker"],
        cwd=ROOT,
        env={**clean, "REDIS_URL": "localhost:6379"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr.strip() == "Configuration error: REDIS_URL is not a URL; expected redis://host:6379/0."


def test_the_development_login_provider_is_installed_for_tests_only():
    """`make run` (development defaults) shows no "Dummy" provider on sign-in, sign-up or connections."""
    code = "from django.conf import settings; print('dummy' in ' '.join(settings.INSTALLED_APPS))"

    development = manage("shell", "-c", code, env={"DJANGO_DEBUG": "1"})

    assert development.stdout.strip().splitlines()[-1] == "False", development.stderr
