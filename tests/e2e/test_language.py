"""Switching the interface to Simplified Chinese in a real browser, and the choice being remembered."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_switches_to_chinese_and_the_next_pages_stay_chinese(page):
    page.goto("/privacy/policy/")
    switch = page.get_by_test_id("language-switch")
    switch.locator("select").select_option("zh-hans")
    switch.get_by_role("button").click()

    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page).to_have_url(re.compile(r"/privacy/policy/$"))
    expect(page.get_by_role("navigation", name="主导航")).to_contain_text("隐私政策")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("由您掌控")
    expect(page.get_by_test_id("account-state")).to_contain_text("登录")
    assert page.console_errors == []
