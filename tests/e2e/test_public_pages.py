"""What a visitor sees in a real browser: the home page and the list of information collected."""

import re

import pytest
from playwright.sync_api import expect

from catalog.models import Commodity, CommodityCategory, Store

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listed(transactional_db):
    store = Store.objects.create(name="Ningbo Tools Direct", slug="ningbo-tools")
    category = CommodityCategory.objects.create(name="Tools", slug="tools")
    Commodity.objects.create(store=store, category=category, title="Cordless drill", price=199, sales_count=500)
    Commodity.objects.create(store=store, category=category, title="Tape measure", price=9, sales_count=20)


def test_a_visitor_browses_from_home_to_the_collected_information_page(page, listed):
    # clause: MEM-02, POL-10
    page.goto("/")

    expect(page).to_have_title(re.compile("Home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your information, under your control")
    cards = page.get_by_test_id("commodity-list").get_by_role("listitem")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("Cordless drill")
    expect(cards.first).to_contain_text("¥199.00")
    expect(page.get_by_test_id("account-state").get_by_role("link", name="Sign in")).to_be_visible()
    # The stylesheet came from the app itself and applied.
    assert page.evaluate("getComputedStyle(document.querySelector('.brand')).fontWeight") == "700"

    page.get_by_role("contentinfo").get_by_role("link", name="Personal information we collect").click()

    expect(page).to_have_url(re.compile("/privacy/collected-information/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Personal information we collect")
    account = page.locator("section[data-category='account']")
    expect(account.get_by_role("heading", level=2)).to_have_text("Account and registration")
    expect(account.get_by_role("row", name=re.compile("Mobile number"))).to_contain_text("Necessary")
    delivery = page.locator("section[data-category='delivery']")
    expect(delivery.get_by_role("row", name=re.compile("Consignee phone"))).to_contain_text(
        "Kept 3 years after completed at"
    )
    profile = page.locator("section[data-category='profile']")
    expect(profile.get_by_role("row", name=re.compile("Nickname"))).to_contain_text("Optional")
    assert page.console_errors == []
