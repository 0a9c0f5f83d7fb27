"""The checks behind /healthz: can the portal reach its database, Redis and a Celery worker, and are its runs moving?"""

from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import DatabaseError, connection

from portal.celery import app as celery_app
from rights.selectors import count_stalled_runs, stalled_cutoff


@dataclass(frozen=True)
class Check:
    ok: bool | None  # None: not configured here, so neither healthy nor failing
    detail: str

    def as_json(self) -> dict:
        return {"ok": self.ok, "detail": self.detail}


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return Check(False, f"{connection.vendor}: {type(exc).__name__}")
    return Check(True, connection.vendor)


def check_redis() -> Check:
    if not settings.REDIS_URL:
        return Check(None, "not configured (development defaults)")
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        client.ping()
    except (redis.RedisError, OSError) as exc:
        return Check(False, type(exc).__name__)
    finally:
        client.close()
    return Check(True, "PONG")


def check_celery(*, timeout: float) -> Check:
    try:
        # limit=1: answer as soon as one worker replies instead of waiting out the timeout.
        replies = celery_app.control.ping(timeout=timeout, limit=1)
    except Exception as exc:
        return Check(False, f"broker unreachable: {type(exc).__name__}")
    if not replies:
        return Check(False, f"no worker answered within {timeout:g} s")
    return Check(True, f"{len(replies)} worker(s) answered")


def check_stalled_runs() -> Check:
    """Sweeps and erasures with no progress past RIGHTS_STALLED_AFTER: one query over unfinished runs."""
    try:
        stalled = count_stalled_runs(cutoff=stalled_cutoff())
    except DatabaseError as exc:
        return Check(None, f"not read: {type(exc).__name__}")  # the database check reports the outage
    if not any(stalled.values()):
        return Check(True, "no stalled retention or erasure run")
    return Check(
        False,
        f"{stalled['retention']} retention run(s) and {stalled['erasure']} erasure run(s) "
        f"without progress for more than {settings.RIGHTS_STALLED_AFTER} s",
    )
