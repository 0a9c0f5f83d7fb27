"""Scheduled jobs of orders: price-drop alerts (TRX-01) and delivery progress (TRX-14)."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from interactions.models import AlertCategory, Message
from orders import services
from orders.models import CartItem, Order, OrderItem, TrackingEvent
from orders.tasks import price_drop_alerts, tracking_sync

pytestmark = pytest.mark.django_db


def test_a_price_below_the_snapshot_creates_one_alert_for_that_member(cart, other_member, shelf):
    # clause: TRX-01
    drill = shelf["drill"]
    CartItem.objects.create(
        member=other_member, commodity=shelf["kite"], quantity=1, price_snapshot=shelf["kite"].price
    )
    drill.price = Decimal("150.00")
    drill.save(update_fields=["price"])

    assert price_drop_alerts() == 1
    assert price_drop_alerts() == 0  # the same drop is reported once

    message = Message.objects.get()
    assert message.member == cart
    assert "Cordless drill" in message.title and "¥150.00" in message.body
    assert CartItem.objects.get(member=cart, commodity=drill).price_snapshot == Decimal("150.00")


def test_both_jobs_are_scheduled_where_staff_can_edit_them():
    scheduled = set(PeriodicTask.objects.filter(enabled=True).values_list("task", flat=True))
    assert {"orders.price_drop_alerts", "orders.tracking_sync"} <= scheduled


def test_carrier_progress_appears_on_the_order_page_and_in_messages(client, member, shelf):
    # clause: TRX-14
    order = Order.objects.create(
        number="T1",
        buyer=member,
        total_amount=199,
        consignee_name="A",
        consignee_phone="+8613800138001",
        delivery_address="B",
    )
    OrderItem.objects.create(order=order, commodity=shelf["drill"], title="Cordless drill", unit_price=199, quantity=1)
    services.pay_order(member=member, order=order, partner_code="alipay")
    services.ship_order(order=order)

    with time_machine.travel(timezone.now() + timedelta(hours=13)):
        assert tracking_sync() == 2
        assert tracking_sync() == 0

    assert list(TrackingEvent.objects.values_list("description", flat=True)) == [
        "Picked up by the carrier",
        "In transit",
    ]
    logistics = Message.objects.filter(member=member, kind=AlertCategory.LOGISTICS)
    assert sorted(m.title for m in logistics) == ["Order T1: In transit", "Order T1: Picked up by the carrier"]
    client.force_login(member)
    assert "In transit" in client.get(reverse("orders:detail", args=["T1"])).content.decode()
