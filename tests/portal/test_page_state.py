"""Member pages read without writing (issue 14): no INSERT, UPDATE or DELETE on a GET, the session and the
member loaded once, and what every page needs read from the cache in one round trip."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interactions import inbox
from interactions.models import AlertCategory, Message
from members.models import Member
from orders.models import CartItem, Order
from orders.services import alert_price_drops
from portal.cache import request_memo
from portal.demo import seed_demo
from rights.cessation import notify_members
from tests.catalog.factories import CommodityFactory

pytestmark = pytest.mark.django_db

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Every page a signed-in member only reads. Search and a commodity's page are left out:
# keeping a member's searches and views (BRW-03) is what those pages are for.
MEMBER_PAGES = [
    ("home", ()),
    ("contact", ()),
    ("members:dashboard", ()),
    ("members:profile", ()),
    ("members:real-name", ()),
    ("centre:privacy", ()),
    ("interactions:alerts", ()),
    ("orders:list", ()),
    ("orders:cart", ()),
    ("orders:addresses", ()),
    ("orders:my-alipay", ()),
    ("catalog:favorites", ()),
    ("catalog:following", ()),
    ("catalog:history", ()),
    ("usersessions_list", ()),
    ("privacy:policy", ()),
]


def writes_in(queries) -> list[str]:
    return [query["sql"] for query in queries if WRITES.match(query["sql"])]


def test_a_signed_in_get_of_each_member_page_writes_nothing(client):
    seed_demo()
    alice = Member.objects.get(member_name="alice")
    order = Order.objects.filter(buyer=alice).first()
    client.force_login(alice)
    pages = [reverse(name, args=args) for name, args in MEMBER_PAGES] + [reverse("orders:detail", args=[order.number])]
    client.get(reverse("home"))  # the session's first request records it in Devices and sessions

    written = {}
    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if writes_in(queries.captured_queries):
            written[url] = writes_in(queries.captured_queries)

    assert written == {}


def test_a_signed_in_page_loads_the_member_once_and_nothing_else(client, member, django_assert_num_queries):
    client.force_login(member)
    client.get(reverse("contact"))

    with django_assert_num_queries(1) as queries:
        assert client.get(reverse("contact")).status_code == 200

    assert "members_member" in queries.captured_queries[0]["sql"]


def test_a_signed_in_page_reads_the_cache_twice_the_session_and_then_the_page_state(client, member, monkeypatch):
    client.force_login(member)
    client.get(reverse("contact"))
    redis = cache._cache
    calls = []
    for name in ("get", "get_many", "has_key"):
        original = getattr(redis, name)
        monkeypatch.setattr(
            redis,
            name,
            lambda *args, _name=name, _original=original, **kw: (calls.append(_name), _original(*args, **kw))[1],
        )

    assert client.get(reverse("contact")).status_code == 200

    assert calls == ["get", "get_many"]


def test_a_prefetched_key_is_answered_from_memory_until_the_request_changes_it():
    cache.set("page-state-test", "cached")
    redis = cache._cache.get_client(write=True)

    with request_memo():
        cache.prefetch(["page-state-test", "page-state-missing"])
        redis.set(cache.make_and_validate_key("page-state-test"), cache._cache._serializer.dumps("elsewhere"))
        assert cache.get("page-state-test") == "cached"
        assert cache.get("page-state-missing", "default") == "default"
        cache.set("page-state-test", "changed here")
        assert cache.get("page-state-test") == "changed here"
        cache.delete("page-state-test")
        assert cache.get("page-state-test") is None

    cache.set("page-state-test", "after")
    assert cache.get("page-state-test") == "after"


def test_the_header_shows_the_unread_count_and_it_follows_new_messages(client, member):
    Message.objects.create(member=member, kind=AlertCategory.SERVICE, title="One")
    client.force_login(member)

    assert "1 unread message" in client.get(reverse("contact")).content.decode()

    Message.objects.create(member=member, kind=AlertCategory.SERVICE, title="Two")
    assert "2 unread messages" in client.get(reverse("contact")).content.decode()

    Message.objects.filter(member=member).update(read_at=timezone.now())
    inbox.forget_unread_count(member.pk)
    page = client.get(reverse("contact")).content.decode()
    assert 'data-testid="unread-messages"' not in page


def test_notices_written_in_bulk_show_in_the_count_at_once(client, member):
    drill = CommodityFactory(title="Cordless drill", price=Decimal("150.00"))
    CartItem.objects.create(member=member, commodity=drill, quantity=1, price_snapshot=Decimal("199.00"))
    client.force_login(member)
    assert 'data-testid="unread-messages"' not in client.get(reverse("contact")).content.decode()

    assert alert_price_drops() == 1

    assert "1 unread message" in client.get(reverse("contact")).content.decode()


def test_a_service_closing_tells_every_member_and_their_counts_follow(client, member):
    client.force_login(member)
    client.get(reverse("contact"))

    notify_members("publishing", now=timezone.now())

    assert "1 unread message" in client.get(reverse("contact")).content.decode()


@pytest.mark.parametrize("page", ["home", "members:dashboard"])
def test_the_home_page_and_dashboard_read_the_cache_twice_too(client, member, monkeypatch, page):
    """Blocks, the seller centre entry, level rules and the kept data's generations ride in the one MGET."""
    client.force_login(member)
    client.get(reverse(page))
    redis = cache._cache
    calls = []
    for name in ("get", "get_many", "has_key", "set", "add"):
        original = getattr(redis, name)
        monkeypatch.setattr(
            redis,
            name,
            lambda *args, _name=name, _original=original, **kw: (calls.append(_name), _original(*args, **kw))[1],
        )

    assert client.get(reverse(page)).status_code == 200

    assert calls == ["get", "get_many"]
