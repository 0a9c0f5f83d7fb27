"""In Chromium: a member opens a ticket about an order, customer service answers, the member reads the answer."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from members.models import Member
from orders.models import Order
from support import services
from support.models import Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_opens_a_ticket_and_reads_the_answer(page, live_server):
    member = Member.objects.create_user("asker", "correct horse battery", phone="+8613800138061", nickname="Asker")
    Order.objects.create(
        number="20261130000777",
        buyer=member,
        total_amount=Decimal("9.90"),
        consignee_name="Asker Li",
        consignee_phone="+8613800138061",
        delivery_address="1 Test Road, Hangzhou",
    )
    agent = Member.objects.create_superuser("agentwu", "staff password 1234")
    client = Client()
    client.force_login(member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    page.goto("/me/orders/20261130000777/")
    page.get_by_role("link", name="Ask customer service about this order").click()
    expect(page.get_by_text("never ask for your password")).to_be_visible()
    page.get_by_label("Subject").fill("Missing screws")
    page.get_by_label("Message").fill("The box came without its screws.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("The box came without its screws.")).to_be_visible()

    ticket = Ticket.objects.get(member=member)
    assert ticket.order.number == "20261130000777"
    services.answer_ticket(ticket=ticket, staff=agent, body="We are sending the screws today.")

    page.goto("/me/support/")
    page.get_by_role("link", name="Missing screws").click()
    expect(page.locator('[data-message="staff"]')).to_contain_text("We are sending the screws today.")
    assert page.console_errors == []
