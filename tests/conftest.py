"""Fixtures shared by the whole suite: fast hashing, members, a real Celery worker."""

import time
from collections.abc import Callable

import pytest
from django.db import connection

from members.models import Member


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache: ids restart with each test database, cached answers must not."""
    from django.core.cache import cache

    client = getattr(cache, "_cache", None)
    if client is None:  # local-memory cache
        cache.clear()
        return
    # Only the cache's own keys: the Celery broker shares this Redis database.
    redis = client.get_client(write=True)
    keys = list(redis.scan_iter(match=f"{cache.key_prefix}:*", count=1000)) if cache.key_prefix else []
    if keys:
        redis.delete(*keys)


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    from tests import sms

    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Every test starts in the site's default language, whatever the last request of the one before chose."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher; tests need only a correct one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def member(db) -> Member:
    return Member.objects.create_user("alice", "correct horse battery", phone="+8613800138001", nickname="Alice W.")


@pytest.fixture
def web():
    """Where a consent change came from, for tests that grant or withdraw one."""
    from privacy import consent

    return consent.RequestContext(channel=consent.Channel.WEB, ip_address="203.0.113.9", user_agent="pytest")


@pytest.fixture
def other_member(db) -> Member:
    return Member.objects.create_user("bob", "another good password", phone="+8613800138002")


@pytest.fixture(scope="session")
def celery_app_under_test():
    from portal.celery import app

    return app


@pytest.fixture
def celery_worker(transactional_db, celery_app_under_test):
    """A real Celery worker, in a thread of this process, consuming from the real Redis broker."""
    from celery.contrib.testing.worker import start_worker

    app = celery_app_under_test
    # Drop messages a previous, interrupted run may have left on the queue.
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
    # The worker thread opened its own database connection; close it so the
    # test database can be flushed and dropped.
    connection.close()


def wait_until(predicate: Callable[[], object], *, timeout: float = 15.0, interval: float = 0.05):
    """Poll predicate until it returns something truthy or the deadline passes; return its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)
