"""In Chromium with JavaScript off: a marketing pop-up's Skip (INT-02) and the material policy banner's Dismiss
(POL-12) are plain forms that work without any script."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from interactions.models import MarketingPopup, PopupDismissal
from privacy import consent
from privacy.models import PolicyVersion
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_script_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, member, base_url: str) -> None:
    client = Client()
    client.force_login(member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def test_skip_hides_the_pop_up_without_javascript(no_script_page, live_server, member):
    # clause: INT-02
    web = consent.RequestContext(channel=consent.Channel.WEB, ip_address="203.0.113.9", user_agent="e2e")
    consent.grant(member, Purpose.MARKETING_POPUP, context=web)
    popup = MarketingPopup.objects.create(
        title="Spring sale", body="Everything 20% off.", ends_at=timezone.now() + datetime.timedelta(days=1)
    )
    page = no_script_page
    sign_in(page, member, live_server.url)
    page.goto("/search/")
    dialog = page.get_by_test_id("marketing-popup")
    expect(dialog).to_contain_text("Everything 20% off.")

    dialog.get_by_role("button", name="Skip").click()

    expect(page.get_by_test_id("marketing-popup")).to_have_count(0)
    assert page.url.endswith("/search/")
    assert PopupDismissal.objects.filter(member=member, popup=popup).exists()
    page.goto("/")
    expect(page.get_by_test_id("marketing-popup")).to_have_count(0)


def test_the_policy_banner_is_dismissed_for_the_session_without_javascript(no_script_page, live_server):
    # clause: POL-12
    PolicyVersion.objects.create(
        label="2026 V2",
        effective_on=timezone.localdate(),
        text="[Introduction]\nA new logistics partner.\n",
        changes_recipients=True,
        is_material=True,
        published_at=timezone.now(),
    )
    page = no_script_page
    page.goto("/privacy/collected-information/")
    banner = page.get_by_test_id("policy-banner")
    expect(banner).to_contain_text("2026 V2")
    expect(banner.get_by_role("link", name="Read what changed")).to_be_visible()

    banner.get_by_role("button", name="Dismiss").click()

    expect(page.get_by_test_id("policy-banner")).to_have_count(0)
    assert page.url.endswith("/privacy/collected-information/")
    page.goto("/")
    expect(page.get_by_test_id("policy-banner")).to_have_count(0)
