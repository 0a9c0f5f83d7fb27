"""Messages in a real browser: a logistics notice from the tracking job is read there (INT-04), and a store chat
message with a phone number warns the sender (SEC-11)."""

import importlib
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from catalog.models import Commodity, CommodityCategory, Store
from interactions.models import ChatMessage, Message
from orders import services
from orders.models import Order, OrderItem
from orders.tasks import tracking_sync
from tests.e2e.test_shopping import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def drill(transactional_db):
    store = Store.objects.create(name="Ningbo Tools Direct", slug="ningbo-tools")
    tools = CommodityCategory.objects.create(name="Tools", slug="tools")
    return Commodity.objects.create(store=store, category=tools, title="Cordless drill", price=199, sales_count=5)


def test_a_logistics_notice_from_the_tracking_job_is_read_in_messages(page, member, drill):
    # clause: INT-04
    order = Order.objects.create(
        number="E1",
        buyer=member,
        total_amount=199,
        consignee_name="Alice Wang",
        consignee_phone="+8613800138001",
        delivery_address="12 Wensan Road, Hangzhou",
    )
    OrderItem.objects.create(order=order, commodity=drill, title="Cordless drill", unit_price=199, quantity=1)
    services.pay_order(member=member, order=order, partner_code="alipay")
    services.ship_order(order=order)
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=True):
        assert tracking_sync() == 1

    sign_in(page, "alice", "correct horse battery")
    page.get_by_test_id("unread-messages").click()
    page.get_by_test_id("message-categories").get_by_role("link", name="Logistics").click()

    notice = page.get_by_test_id("message").filter(has_text="Order E1: Picked up by the carrier")
    expect(notice).to_have_attribute("data-category", "logistics")
    expect(notice).to_contain_text("Tracking number")
    notice.get_by_role("button", name="Mark read").click()
    expect(page.get_by_test_id("unread-messages")).to_have_count(0)
    assert Message.objects.get(member=member).read_at is not None
    assert page.console_errors == []


def test_a_member_contacts_a_store_and_is_warned_about_a_phone_number(page, member, drill):
    # Transactional tests flush the patterns the data migration seeded.
    importlib.import_module("interactions.migrations.0007_default_fraud_patterns").add_patterns(apps, None)
    sign_in(page, "alice", "correct horse battery")
    page.goto(f"/commodities/{drill.pk}/")
    page.get_by_test_id("contact-store").click()
    expect(page.get_by_test_id("anti-fraud-tip")).to_be_visible()
    page.get_by_label("Message").fill("Please call me on 13800138001")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("status")).to_contain_text("A mobile number is in this text")
    expect(page.get_by_test_id("chat-messages")).to_contain_text("Please call me on 13800138001")
    assert ChatMessage.objects.get().fraud_warning
    page.get_by_role("link", name="Messages", exact=True).click()
    expect(page.get_by_test_id("recent-chats")).to_contain_text("Cordless drill")
