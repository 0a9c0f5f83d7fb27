"""/healthz reports the database, Redis and a Celery worker; pages survive Redis being down."""

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_healthz_reports_each_dependency_and_a_missing_worker(client, settings):
    settings.HEALTHZ_CELERY_PING_TIMEOUT = 0.2

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["celery"]["ok"] is False
    assert "no worker answered" in body["checks"]["celery"]["detail"]
    assert body["status"] == "degraded"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_healthz_is_ok_when_a_worker_answers(client, celery_worker):
    body = client.get(reverse("healthz")).json()

    assert body["checks"]["celery"]["ok"] is True
    assert body["status"] == "ok"


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from portal import health

    class DownCursor:
        def __enter__(self):
            raise OperationalError("connection refused")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(health.connection, "cursor", lambda: DownCursor())

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["checks"]["database"]["ok"] is False


def test_healthz_names_redis_when_it_is_down(client, settings):
    settings.REDIS_URL = DEAD_REDIS
    settings.CELERY_BROKER_URL = DEAD_REDIS

    response = client.get(reverse("healthz"))

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is False
    assert body["checks"]["celery"]["ok"] is False


def test_pages_render_with_the_cache_server_down(client, settings, member):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    client.force_login(member)

    for name in ("home", "privacy:collected-information", "privacy:policy", "contact"):
        assert client.get(reverse(name)).status_code == 200


def test_the_resilient_cache_answers_as_a_miss_when_down(settings):
    from django.core.cache import caches

    settings.CACHES = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": DEAD_REDIS}}
    cache = caches["default"]

    assert cache.set("key", "value") is False
    assert cache.get("key", "fallback") == "fallback"
    assert cache.add("key", "value") is False
    assert cache.get_many(["key"]) == {}
    assert cache.is_available() is False
