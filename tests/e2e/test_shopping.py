"""A member shops in a real browser: search → add to cart → checkout → pay → My Orders (II(II), II(III))."""

import re

import pytest
from playwright.sync_api import expect

from catalog.models import Commodity, CommodityCategory, SearchHistory, Store
from orders.models import Order
from privacy.models import SharingRecord

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listed(transactional_db):
    store = Store.objects.create(name="Ningbo Tools Direct", slug="ningbo-tools")
    tools = CommodityCategory.objects.create(name="Tools", slug="tools")
    Commodity.objects.create(
        store=store,
        category=tools,
        title="Cordless drill",
        description="For wood and metal.",
        price=199,
        sales_count=500,
    )
    Commodity.objects.create(store=store, category=tools, title="Tape measure", price=9, sales_count=20)


def sign_in(page, name: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(name)
    page.locator("input[name=password]").fill(password)
    page.locator("form").filter(has=page.locator("input[name=password]")).get_by_role("button").first.click()
    expect(page.get_by_test_id("account-state")).to_contain_text("Signed in as")


def test_a_member_searches_buys_pays_and_finds_the_order_in_my_orders(page, listed, member):
    # clause: MEM-02, POL-06, PERM-01, BRW-07, TRX-02, TRX-05, TRX-07, TRX-09 (no optional consent granted)
    sign_in(page, "alice", "correct horse battery")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_role("combobox", name="Search").fill("drill")
    page.get_by_label("Sort by").select_option("price")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_test_id("results").get_by_role("listitem")
    expect(results).to_have_count(1)
    expect(page.get_by_test_id("recent-searches")).to_contain_text("drill")

    results.first.get_by_role("link", name="Cordless drill").click()
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_test_id("cart-total")).to_have_text("¥398.00")

    page.get_by_role("link", name="Check out").click()
    page.get_by_label("Consignee name").fill("Alice Wang")
    page.get_by_label("Consignee phone").fill("13800138001")
    page.get_by_label("Delivery address").fill("12 Wensan Road, Hangzhou")
    # The invoice fields appear only when an invoice is asked for (static/js/checkout.js).
    expect(page.get_by_label("Taxpayer ID number")).to_be_hidden()
    page.get_by_label("I need an invoice").check()
    expect(page.get_by_label("Taxpayer ID number")).to_be_visible()
    page.get_by_label("I need an invoice").uncheck()
    page.get_by_role("button", name="Place order").click()

    order = Order.objects.get()
    expect(page).to_have_url(re.compile(f"/me/orders/{order.number}/$"))
    expect(page.get_by_test_id("order-status")).to_contain_text("Placed")
    page.get_by_role("radio", name="Alipay").check()
    page.get_by_role("button", name="Pay now").click()
    expect(page.get_by_test_id("order-status")).to_contain_text("Paid")
    expect(page.get_by_test_id("sharing")).to_contain_text("Alipay")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My Orders").click()
    row = page.get_by_test_id("orders").get_by_role("row", name=re.compile(order.number))
    expect(row).to_contain_text("¥398.00")
    expect(row).to_contain_text("Paid")
    assert SharingRecord.objects.filter(partner__code="alipay", reference=order.number).exists()
    assert page.console_errors == []


def test_clear_search_history_wipes_the_device_copy_and_the_servers(page, listed, member):
    # clause: BRW-04
    sign_in(page, "alice", "correct horse battery")
    page.goto("/search/")
    page.get_by_role("combobox", name="Search").fill("tape")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("recent-searches")).to_contain_text("tape")
    assert page.evaluate("JSON.parse(localStorage.getItem('recentSearches'))") == ["tape"]

    page.get_by_role("button", name="Clear search history").click()

    expect(page.get_by_test_id("recent-searches")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('recentSearches')") is None
    assert not SearchHistory.objects.filter(member=member).exists()
    assert page.console_errors == []


def test_block_similar_on_a_home_card_submits_the_pages_form_and_hides_the_category(page, listed, member):
    # clause: BRW-08
    Commodity.objects.create(
        store=Store.objects.get(),
        category=CommodityCategory.objects.create(name="Toys", slug="toys"),
        title="Kite",
        price=5,
    )
    sign_in(page, "alice", "correct horse battery")
    page.goto("/")
    cards = page.get_by_test_id("commodity-list").get_by_role("listitem")
    expect(cards).to_have_count(3)

    cards.filter(has_text="Cordless drill").get_by_role("button", name="Block similar (Tools)").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_test_id("commodity-list").get_by_role("listitem")).to_have_count(1)
    expect(page.get_by_test_id("commodity-list")).to_contain_text("Kite")
    assert page.console_errors == []
