"""The checks behind /healthz: can the portal reach its database, Redis and a Celery worker, and are its runs
moving?

A worker ping waits up to its timeout when no worker answers, so its result is shared through the
cache for a few seconds and only one request at a time pings (issue 15, item 11).
"""

import ipaddress
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest

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


CELERY_RESULT_KEY = "healthz:celery"
CELERY_LAST_KEY = "healthz:celery:last"
CELERY_LOCK_KEY = "healthz:celery:lock"


def cached_check_celery(*, timeout: float) -> Check:
    """The last ping's result if it is fresh; else ping, unless another request is pinging right now."""
    fresh = cache.get(CELERY_RESULT_KEY)
    if fresh is not None:
        return Check(*fresh)
    if not cache.add(CELERY_LOCK_KEY, True, timeout=int(timeout) + 5):
        # Someone else is waiting on the workers: answer with what was last known instead of waiting too.
        last = cache.get(CELERY_LAST_KEY)
        return Check(*last) if last is not None else Check(None, "being checked")
    try:
        check = check_celery(timeout=timeout)
        cache.set(CELERY_RESULT_KEY, (check.ok, check.detail), timeout=settings.HEALTHZ_CACHE_SECONDS)
        cache.set(CELERY_LAST_KEY, (check.ok, check.detail), timeout=10 * settings.HEALTHZ_CACHE_SECONDS)
    finally:
        cache.delete(CELERY_LOCK_KEY)
    return check


def may_see_details(request: HttpRequest) -> bool:
    """Staff, or a probe on this machine that did not come through the reverse proxy."""
    if request.user.is_authenticated and request.user.is_staff:
        return True
    # The reverse proxy may run on this machine: anything it forwarded (it sets X-Forwarded-Proto) is public.
    forwarded = any(
        header in request.META for header in ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_FORWARDED")
    )
    try:
        return not forwarded and ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


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
