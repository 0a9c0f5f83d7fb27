"""In a real browser: My Alipay (TRX-08) and an in-app payment settled by Alipay's signed notice (TRX-12)."""

import json
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from catalog.models import Commodity, CommodityCategory, Store
from orders.models import AlipayChangeRequest, Order, OrderEvent, OrderItem
from orders.payment_status import sign
from tests.e2e.test_shopping import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def placed(transactional_db, member):
    store = Store.objects.create(name="Ningbo Tools Direct", slug="ningbo-tools")
    drill = Commodity.objects.create(
        store=store,
        category=CommodityCategory.objects.create(name="Tools", slug="tools"),
        title="Cordless drill",
        price=199,
    )
    order = Order.objects.create(
        number="E2E1",
        buyer=member,
        total_amount=199,
        consignee_name="Alice Wang",
        consignee_phone="+8613800138001",
        delivery_address="12 Wensan Road, Hangzhou",
    )
    OrderItem.objects.create(order=order, commodity=drill, title="Cordless drill", unit_price=199, quantity=1)
    OrderEvent.objects.create(order=order, status="placed", source="member")
    return order


def test_a_member_asks_to_link_an_alipay_account_and_sees_the_request_waiting(page, member):
    # clause: TRX-08
    sign_in(page, "alice", "correct horse battery")
    page.goto("/me/orders/")
    page.get_by_role("link", name="My Alipay").click()
    expect(page.get_by_test_id("linked-account")).to_contain_text("No Alipay account is linked to you.")

    page.get_by_label("Alipay account (mobile number or e-mail)").fill("not an account")
    page.check("[name=account_consent]")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert not AlipayChangeRequest.objects.exists()

    page.get_by_label("Alipay account (mobile number or e-mail)").fill("13800135678")
    page.check("[name=account_consent]")
    page.get_by_role("button", name="Send the request").click()

    requests = page.get_by_test_id("alipay-requests")
    expect(requests).to_contain_text("Waiting for customer service")
    expect(requests).to_contain_text("••••5678")
    expect(requests).not_to_contain_text("13800135678")
    assert AlipayChangeRequest.objects.get().new_account == "+8613800135678"
    # The only console entry is the browser noting the rejected form's 400 answer.
    assert all("status of 400" in error for error in page.console_errors)


def test_an_in_app_payment_waits_until_alipays_signed_notice_arrives(page, placed):
    # clause: TRX-12
    sign_in(page, "alice", "correct horse battery")
    page.goto(f"/me/orders/{placed.number}/")
    page.get_by_role("radio", name="Alipay").check()
    page.get_by_label("Confirm the payment in the Alipay or MYbank app").check()
    page.get_by_role("button", name="Pay now").click()
    expect(page.get_by_test_id("payment-pending")).to_be_visible()
    expect(page.get_by_test_id("order-status")).to_contain_text("Placed")

    placed.refresh_from_db()
    body = json.dumps(
        {
            "notify_id": "E2E-N1",
            "out_trade_no": placed.number,
            "trade_no": placed.payment.reference,
            "trade_status": "TRADE_SUCCESS",
            "timestamp": int(timezone.now().timestamp()),
        }
    )
    forged = page.request.post(
        "/partners/alipay/notify/", data=body, headers={"Content-Type": "application/json", "X-Alipay-Signature": "0"}
    )
    assert forged.status == 400
    answer = page.request.post(
        "/partners/alipay/notify/",
        data=body,
        headers={"Content-Type": "application/json", "X-Alipay-Signature": sign(body.encode())},
    )
    assert answer.status == 200 and answer.text() == "success"

    page.reload()
    expect(page.get_by_test_id("order-status")).to_contain_text("Paid")
    expect(page.get_by_test_id("timeline")).to_contain_text(re.compile(r"Paid · .*Alipay"))
    assert page.console_errors == []
