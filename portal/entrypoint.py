"""Start-up guard shared by manage.py, WSGI and Celery: a configuration error is one line, not a traceback."""

import sys


def load_settings_or_exit() -> None:
    from django.conf import settings

    from portal.config import ConfigurationError

    try:
        settings.INSTALLED_APPS  # noqa: B018 - touching settings imports and validates them
    except ConfigurationError as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        raise SystemExit(2) from None
