"""Reading the portal's configuration from the environment.

Every value has a safe development default; a value that is set but malformed
(or missing where production needs it) raises ConfigurationError with one line
that names the variable, which the entry points print instead of a traceback.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigurationError(ImproperlyConfigured):
    """A setting from the environment is missing or malformed."""


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def flag(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigurationError(f"{name} must be 1 or 0 (true/false), not {raw!r}.")


def integer(name: str, *, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}.") from None


RATE_PERIODS = ("s", "m", "h", "d")


def rate(name: str, default: str) -> str:
    """A request rate as the API's throttles read it: a whole number, "/", and second, minute, hour or day."""
    value = text(name, default)
    count, _slash, period = value.partition("/")
    if not count.isdigit() or not period or period[0] not in RATE_PERIODS:
        raise ConfigurationError(f"{name} must look like 600/minute (per second, minute, hour or day), not {value!r}.")
    return value


def word_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database(name: str, *, sqlite_path: Path, required: bool) -> dict:
    """Django DATABASES["default"] from a URL: postgres://user:pass@host:port/db or sqlite:///path."""
    raw = text(name)
    if not raw:
        if required:
            raise ConfigurationError(
                f"{name} is not set; production needs a PostgreSQL URL such as postgres://user:password@host:5432/portal."
            )
        return sqlite(sqlite_path)
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise ConfigurationError(
            f"{name} is malformed ({exc}); expected postgres://user:password@host:5432/portal."
        ) from None
    if not parts.scheme:
        raise ConfigurationError(
            f"{name} is not a URL; expected postgres://user:password@host:5432/portal or sqlite:///path."
        )
    if parts.scheme == "sqlite":
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise ConfigurationError(f"{name} names no SQLite file; expected sqlite:///path/to/file.sqlite3.")
        return sqlite(Path(path))
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ConfigurationError(f"{name} has scheme {parts.scheme!r}; expected postgres:// or sqlite://.")
    db_name = unquote(parts.path.lstrip("/"))
    if not parts.hostname and "host" not in parse_qs(parts.query):
        raise ConfigurationError(f"{name} names no host; expected postgres://user:password@host:5432/portal.")
    if not db_name:
        raise ConfigurationError(f"{name} names no database; expected postgres://user:password@host:5432/portal.")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    host = options.pop("host", parts.hostname or "")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": db_name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(port or ""),
        "CONN_MAX_AGE": integer("DATABASE_CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"connect_timeout": 3, **options},
    }


def sqlite(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        # WAL and IMMEDIATE transactions let the web server, worker and beat of
        # `make run` share one file without "database is locked" errors.
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def redis_url(name: str, *, required: bool) -> str:
    """A validated redis:// URL, or "" when unset and not required."""
    raw = text(name)
    if not raw:
        if required:
            raise ConfigurationError(f"{name} is not set; production needs a Redis URL such as redis://host:6379/0.")
        return ""
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - parsing the port validates it
    except ValueError as exc:
        raise ConfigurationError(f"{name} is malformed ({exc}); expected redis://host:6379/0.") from None
    if not parts.scheme or not parts.netloc:
        raise ConfigurationError(f"{name} is not a URL; expected redis://host:6379/0.")
    if parts.scheme not in {"redis", "rediss"}:
        raise ConfigurationError(f"{name} has scheme {parts.scheme!r}; expected redis:// or rediss://.")
    if not parts.hostname:
        raise ConfigurationError(f"{name} names no host; expected redis://host:6379/0.")
    db = parts.path.lstrip("/")
    if db and not db.isdigit():
        raise ConfigurationError(
            f"{name} names database {db!r}; a Redis database is a number, as in redis://host:6379/0."
        )
    return raw


def base_url(name: str, *, required: bool, default: str) -> str:
    """The site's public address (scheme and host, no path), without a trailing slash; https where required."""
    raw = text(name)
    if not raw:
        if required:
            raise ConfigurationError(
                f"{name} is not set; production needs the site's public address, such as https://portal.example.com."
            )
        return default
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - parsing the port validates it
    except ValueError as exc:
        raise ConfigurationError(f"{name} is malformed ({exc}); expected https://portal.example.com.") from None
    expected = {"https"} if required else {"http", "https"}
    if parts.scheme not in expected or not parts.hostname:
        raise ConfigurationError(
            f"{name} must be an {'/'.join(sorted(expected))} address such as https://portal.example.com."
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ConfigurationError(f"{name} must name only scheme and host, such as https://portal.example.com.")
    return f"{parts.scheme}://{parts.netloc}"
