"""The Messages inbox (INT-04): categories, unread count, mark read, delete; what the notice service sends is here."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interactions import selectors, services
from interactions.models import AlertCategory, Message
from orders import services as orders
from orders.models import Order, OrderItem
from orders.tasks import tracking_sync
from tests.catalog.conftest import shelf  # noqa: F401 - commodities for an order

pytestmark = pytest.mark.django_db


def _notice(member, category=AlertCategory.SERVICE, title="Service notice") -> Message:
    delivery = services.notify(member, category, title=title, body="Body")
    assert delivery.inbox is not None
    return delivery.inbox


def test_a_logistics_update_from_the_tracking_job_is_in_messages_under_logistics(client, member, shelf):  # noqa: F811
    # clause: INT-04
    order = Order.objects.create(
        number="M1",
        buyer=member,
        total_amount=199,
        consignee_name="A",
        consignee_phone="+8613800138001",
        delivery_address="B",
    )
    OrderItem.objects.create(order=order, commodity=shelf["drill"], title="Cordless drill", unit_price=199, quantity=1)
    orders.pay_order(member=member, order=order, partner_code="alipay")
    orders.ship_order(order=order)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert tracking_sync() == 1

    entry = Message.objects.get(member=member)
    assert entry.kind == AlertCategory.LOGISTICS and entry.title == "Order M1: Picked up by the carrier"
    client.force_login(member)
    page = client.get(reverse("interactions:messages"), {"category": "logistics"}).content.decode()
    assert "Order M1: Picked up by the carrier" in page and 'data-category="logistics"' in page
    assert "1 unread message" in page


def test_the_category_filter_shows_only_that_category(client, member):
    _notice(member, AlertCategory.SERVICE, "A service notice")
    _notice(member, AlertCategory.INTERACTIONS, "An interaction notice")
    client.force_login(member)

    page = client.get(reverse("interactions:messages"), {"category": "interactions"}).content.decode()

    assert "An interaction notice" in page and "A service notice" not in page
    everything = client.get(reverse("interactions:messages"), {"category": "<script>"}).content.decode()
    assert "An interaction notice" in everything and "A service notice" in everything


def test_messages_for_is_newest_first_and_only_the_members(member, other_member):
    first = _notice(member, title="first")
    second = _notice(member, title="second")
    _notice(other_member, title="not hers")

    assert list(selectors.messages_for(member)) == [second, first]


def test_marking_one_and_all_read_updates_the_header_count(client, member):
    one, _two, _three = (_notice(member, title=f"n{i}") for i in range(3))
    client.force_login(member)
    assert "3 unread messages" in client.get(reverse("interactions:messages")).content.decode()

    response = client.post(reverse("interactions:messages-read"), {"message": [one.pk]})

    assert response.status_code == 302
    assert "2 unread messages" in client.get(reverse("interactions:messages")).content.decode()
    client.post(reverse("interactions:messages-read"), {"scope": "all"})
    assert 'data-testid="unread-messages"' not in client.get(reverse("interactions:messages")).content.decode()
    assert not Message.objects.filter(member=member, read_at__isnull=True).exists()


def test_the_services_ignore_other_members_ids(member, other_member):
    mine, theirs = _notice(member), _notice(other_member)

    assert services.mark_messages_read(member=member, message_ids=[mine.pk, theirs.pk]) == 1
    assert services.delete_messages(member=member, message_ids=[theirs.pk]) == 0
    assert Message.objects.get(pk=theirs.pk).read_at is None
    assert services.mark_messages_read(member=member) == 0
    assert services.delete_messages(member=member, message_ids=[mine.pk]) == 1


def test_deleting_a_message_removes_it_and_drops_it_from_the_count(client, member):
    message = _notice(member, title="Delete me")
    client.force_login(member)
    assert "1 unread message" in client.get(reverse("interactions:messages")).content.decode()

    client.post(reverse("interactions:messages-delete"), {"message": [message.pk]})

    assert not Message.objects.filter(pk=message.pk).exists()
    page = client.get(reverse("interactions:messages")).content.decode()
    assert "Delete me" not in page and 'data-testid="unread-messages"' not in page


def test_another_members_message_is_a_404_and_nothing_changes(client, member, other_member):
    theirs = _notice(other_member)
    mine = _notice(member)
    client.force_login(member)

    assert client.post(reverse("interactions:messages-delete"), {"message": [mine.pk, theirs.pk]}).status_code == 404
    assert client.post(reverse("interactions:messages-read"), {"message": [theirs.pk]}).status_code == 404
    assert Message.objects.filter(pk__in=[mine.pk, theirs.pk], read_at__isnull=True).count() == 2


@pytest.mark.parametrize("value", ["\x00", "9" * 40, "abc", "-1", ""])
def test_bad_ids_are_a_400_and_nothing_changes(client, member, value):
    message = _notice(member)
    client.force_login(member)

    assert client.post(reverse("interactions:messages-delete"), {"message": [value]}).status_code == 400
    assert client.post(reverse("interactions:messages-read"), {"message": [value]}).status_code == 400
    assert Message.objects.filter(pk=message.pk, read_at__isnull=True).exists()


def test_a_post_without_csrf_is_refused(member):
    message = _notice(member)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert client.post(reverse("interactions:messages-delete"), {"message": [message.pk]}).status_code == 403
    assert client.post(reverse("interactions:messages-read"), {"scope": "all"}).status_code == 403
    assert Message.objects.filter(pk=message.pk, read_at__isnull=True).exists()


def test_a_script_in_a_notice_is_shown_as_text(client, member):
    _notice(member, title="<script>alert(1)</script>")
    client.force_login(member)

    page = client.get(reverse("interactions:messages")).content.decode()

    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("interactions:messages"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_messages_page_needs_the_same_queries_for_many_messages(client, member, django_assert_max_num_queries):
    client.force_login(member)
    _notice(member)
    client.get(reverse("interactions:messages"))  # warm the page state cache
    with django_assert_max_num_queries(6):
        client.get(reverse("interactions:messages"))
    for i in range(30):
        _notice(member, title=f"n{i}")
    client.get(reverse("interactions:messages"))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("interactions:messages")).status_code == 200
