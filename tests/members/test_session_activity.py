"""Devices and sessions (MEM-08): activity is recorded at most every five minutes, or at once on a new IP
address or browser; and sessions keep working, and stay ended, through a Redis outage."""

from datetime import timedelta

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

import portal.cache
from members.session_activity import ACTIVITY_INTERVAL

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def verified(member):
    member.phone_verified_at = timezone.now()
    member.save(update_fields=["phone_verified_at"])
    return member


def sign_in(client: Client, login: str = "alice") -> Client:
    response = client.post(reverse("account_login"), {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    return client


def last_seen(member):
    return UserSession.objects.get(user=member).last_seen_at


def test_page_views_within_five_minutes_write_nothing(verified):
    client = sign_in(Client())
    client.get(reverse("contact"))
    seen = last_seen(verified)

    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            client.get(reverse("contact"))

    assert last_seen(verified) == seen
    assert not [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]


def test_activity_is_recorded_again_after_five_minutes(verified):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = sign_in(Client())
        client.get(reverse("contact"))
        seen = last_seen(verified)
        # Redis forgets the record by its own clock, five minutes on; drop it as that would.
        keys = _activity_keys()
        redis = cache._cache.get_client(write=True)
        assert 0 < redis.ttl(cache.make_and_validate_key(keys[0])) <= ACTIVITY_INTERVAL.total_seconds()
        traveller.shift(ACTIVITY_INTERVAL + timedelta(seconds=1))
        cache.delete_many(keys)

        client.get(reverse("contact"))

    assert last_seen(verified) - seen > ACTIVITY_INTERVAL


def _activity_keys():
    from members.session_activity import activity_cache_key

    return [activity_cache_key(session.session_key) for session in UserSession.objects.all()]


def test_a_new_ip_address_or_browser_is_recorded_at_once(verified):
    client = sign_in(Client())
    client.get(reverse("contact"))

    client.get(reverse("contact"), REMOTE_ADDR="10.0.0.7")
    assert UserSession.objects.get(user=verified).ip == "10.0.0.7"

    client.get(reverse("contact"), REMOTE_ADDR="10.0.0.7", HTTP_USER_AGENT="Phone browser 2.0")
    assert UserSession.objects.get(user=verified).user_agent == "Phone browser 2.0"


def test_the_sessions_page_says_how_often_activity_is_recorded(verified):
    client = sign_in(Client())

    page = client.get(reverse("usersessions_list")).content.decode()

    assert "updated at most every 5 minutes" in page
    assert "IP address or browser changes" in page


@pytest.fixture
def dead_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


def test_with_redis_down_members_sign_in_browse_and_sign_out(verified, dead_redis):
    laptop, phone = sign_in(Client()), sign_in(Client(), login="13800138001")

    for client in (laptop, phone):
        assert client.get(reverse("members:dashboard")).status_code == 200
        assert client.get(reverse("centre:privacy")).status_code == 200

    laptop.post(reverse("account_logout"))
    assert laptop.get(reverse("members:dashboard")).status_code == 302
    assert phone.get(reverse("members:dashboard")).status_code == 200


def test_with_redis_down_a_password_change_still_signs_out_the_other_client(verified, dead_redis):
    """MEM-08."""
    laptop, phone = sign_in(Client()), sign_in(Client(), login="13800138001")

    laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a brand new secret 42", "password2": "a brand new secret 42"},
    )

    assert laptop.get(reverse("members:dashboard")).status_code == 200
    assert phone.get(reverse("members:dashboard")).status_code == 302


def test_a_session_ended_while_redis_was_down_stays_ended_when_it_is_back(verified, monkeypatch):
    client = sign_in(Client())
    assert client.get(reverse("members:dashboard")).status_code == 200
    session_cookie = client.cookies["sessionid"].value
    monkeypatch.setattr(portal.cache, "RETRY_AFTER_SECONDS", 0.0)
    redis = cache._cache

    with monkeypatch.context() as outage:
        outage.setattr(redis, "get_client", _refuse)
        client.post(reverse("account_logout"))  # the database forgets the session; Redis cannot be told

    replay = Client()
    replay.cookies["sessionid"] = session_cookie
    assert replay.get(reverse("members:dashboard")).status_code == 302


def test_a_value_changed_while_redis_was_down_is_dropped_when_it_is_back(monkeypatch):
    monkeypatch.setattr(portal.cache, "RETRY_AFTER_SECONDS", 0.0)
    cache.set("consent-like", "granted")
    redis = cache._cache

    with monkeypatch.context() as outage:
        outage.setattr(redis, "get_client", _refuse)
        assert cache.set("consent-like", "withdrawn") is False
        assert cache.get("consent-like", "ask the database") == "ask the database"

    assert cache.get("consent-like") is None
    cache.set("consent-like", "withdrawn")
    assert cache.get("consent-like") == "withdrawn"


def _refuse(*args, **kwargs):
    raise RedisConnectionError("Redis is down (test)")
