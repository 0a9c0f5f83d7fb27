"""/healthz tells the public only the overall status and does not hold a web worker per call (issue 15, item 11)."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal import health
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

HEALTHZ = reverse("healthz")


@pytest.fixture
def pings(monkeypatch, settings):
    """Count worker pings; none answers, and each waits out the timeout as a real one does."""
    settings.HEALTHZ_CELERY_PING_TIMEOUT = 0.3
    calls = []

    def ping(timeout, limit):
        calls.append(timeout)
        time.sleep(timeout)
        return []

    monkeypatch.setattr(health.celery_app.control, "ping", ping)
    return calls


def test_a_public_caller_gets_only_the_overall_status(client, pings):
    response = client.get(HEALTHZ, REMOTE_ADDR="203.0.113.7")

    assert response.json() == {"status": "degraded"}


@pytest.mark.parametrize("header", ["HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_FORWARDED"])
def test_a_request_through_the_proxy_is_public_even_from_loopback(client, pings, header):
    response = client.get(HEALTHZ, REMOTE_ADDR="127.0.0.1", **{header: "https"})

    assert set(response.json()) == {"status"}


def test_staff_and_local_probes_see_each_check(client, pings, django_user_model):
    local = client.get(HEALTHZ, REMOTE_ADDR="::1").json()
    staff = django_user_model.objects.create_user("opsagent", "staff password 1234", is_staff=True)
    sign_in_staff(client, staff)
    remote_staff = client.get(HEALTHZ, REMOTE_ADDR="203.0.113.7").json()

    for body in (local, remote_staff):
        assert set(body["checks"]) == {"database", "redis", "celery", "stalled_runs"}
        assert body["checks"]["celery"]["ok"] is False


def test_the_worker_ping_is_reused_for_a_few_seconds(client, pings):
    started = time.monotonic()
    answers = [client.get(HEALTHZ, REMOTE_ADDR="203.0.113.7").json() for _ in range(10)]
    elapsed = time.monotonic() - started

    assert pings == [0.3]
    assert elapsed < 0.3 * 3
    assert all(answer == {"status": "degraded"} for answer in answers)


def test_a_call_during_someone_elses_ping_does_not_wait_for_it(client, pings):
    cache.add(health.CELERY_LOCK_KEY, True, timeout=30)

    started = time.monotonic()
    body = client.get(HEALTHZ).json()

    assert time.monotonic() - started < 0.3
    assert pings == []
    assert body["checks"]["celery"] == {"ok": None, "detail": "being checked"}
