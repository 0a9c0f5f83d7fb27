"""Scheduled jobs of orders: price-drop alerts (TRX-01) and delivery progress (TRX-14), sent as notices."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from interactions.models import AlertCategory, AlertChannel, Message, PushNotification, SmsMessage
from interactions.services import save_alert_settings
from members.services import post_security_notice
from orders import services
from orders.models import CartItem, Order, OrderItem, TrackingEvent
from orders.tasks import price_drop_alerts, tracking_sync
from privacy import consent
from privacy.purposes import Purpose

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


# -- both jobs send through the one notice service --------------------------------------------


@pytest.fixture
def reachable(cart, web):
    """A member every channel could reach: confirmed phone, push and SMS-marketing consent."""
    cart.phone_verified_at = timezone.now()
    cart.save(update_fields=["phone_verified_at"])
    consent.grant(cart, Purpose.PUSH_NOTIFICATIONS, context=web)
    consent.grant(cart, Purpose.MARKETING_SMS, context=web)
    return cart


def _drop_price(commodity) -> None:
    commodity.price = Decimal("150.00")
    commodity.save(update_fields=["price"])


def test_with_event_offers_off_a_price_drop_writes_and_sends_nothing_but_a_security_notice_arrives(
    reachable, shelf, web, django_capture_on_commit_callbacks
):
    """clause: INT-01 — a security notice still reaches a member who opted out of all marketing."""
    save_alert_settings(reachable, {("events", channel): False for channel in AlertChannel.values})
    for purpose in (Purpose.MARKETING_SMS, Purpose.MARKETING_EMAIL, Purpose.MARKETING_PHONE, Purpose.MARKETING_POPUP):
        consent.withdraw(reachable, purpose, context=web)
    _drop_price(shelf["drill"])

    with django_capture_on_commit_callbacks(execute=True):
        assert price_drop_alerts() == 1

    assert not Message.objects.exists()
    assert not SmsMessage.objects.exists()
    assert not PushNotification.objects.exists()
    assert CartItem.objects.get(member=reachable, commodity=shelf["drill"]).price_snapshot == Decimal("150.00")
    with django_capture_on_commit_callbacks(execute=True):
        post_security_notice(member=reachable, title="New sign-in")
    assert list(Message.objects.values_list("kind", flat=True)) == [AlertCategory.SECURITY]
    assert "New sign-in" in SmsMessage.objects.get().body  # texted to the phone despite every marketing opt-out


def test_a_price_drop_reaches_the_channels_left_on_and_needs_marketing_consent_for_sms(
    reachable, shelf, web, django_capture_on_commit_callbacks
):
    """clause: INT-05"""
    _drop_price(shelf["drill"])
    with django_capture_on_commit_callbacks(execute=True):
        price_drop_alerts()
    assert Message.objects.filter(kind=AlertCategory.EVENTS).count() == 1
    assert PushNotification.objects.filter(kind=AlertCategory.EVENTS).count() == 1
    assert "Cordless drill" in SmsMessage.objects.get().body

    consent.withdraw(reachable, Purpose.MARKETING_SMS, context=web)
    shelf["gloves"].price = Decimal("1.00")
    shelf["gloves"].save(update_fields=["price"])
    with django_capture_on_commit_callbacks(execute=True):
        price_drop_alerts()
    assert Message.objects.filter(kind=AlertCategory.EVENTS).count() == 2
    assert SmsMessage.objects.count() == 1  # no marketing consent for SMS now: the next drop is not texted


def test_a_tracking_update_respects_a_switched_off_logistics_sms_channel(
    reachable, shelf, django_capture_on_commit_callbacks
):
    """clause: INT-05"""
    save_alert_settings(reachable, {("logistics", "sms"): False})
    order = Order.objects.create(
        number="T2",
        buyer=reachable,
        total_amount=199,
        consignee_name="A",
        consignee_phone="+86138",
        delivery_address="B",
    )
    services.pay_order(member=reachable, order=order, partner_code="alipay")
    services.ship_order(order=order)

    with time_machine.travel(timezone.now() + timedelta(hours=13)), django_capture_on_commit_callbacks(execute=True):
        assert tracking_sync() == 2

    assert Message.objects.filter(member=reachable, kind=AlertCategory.LOGISTICS).count() == 2
    assert PushNotification.objects.filter(member=reachable, kind=AlertCategory.LOGISTICS).count() == 2
    assert not SmsMessage.objects.exists()
