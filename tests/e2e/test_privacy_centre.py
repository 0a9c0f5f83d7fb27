"""In Chromium: the cookie banner sets no non-essential cookie before consent, and the blocking re-acceptance page."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from members.models import Member
from privacy import consent
from privacy.models import ConsentEvent, PolicyVersion
from privacy.policy_versions import REQUIRED_CACHE_KEY
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db(transaction=True)
NON_ESSENTIAL = {"pp_interests", "pp_ad_id"}


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()
    # Leave the cache as the rolled-back database has it (no material version), so that the
    # next test's first request costs no extra query.
    cache.set(REQUIRED_CACHE_KEY, (None, "", None), None)


def cookie_names(page) -> set[str]:
    return {cookie["name"] for cookie in page.context.cookies()}


def sign_in(page, member: Member, base_url: str) -> None:
    """Give the browser a session of the member, as signing in would."""
    client = Client()
    client.force_login(member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def test_no_non_essential_cookie_is_set_before_consent_and_reject_is_one_click(page):
    # clause: PERM-07, PERM-09, PERM-10
    page.goto("/")
    banner = page.get_by_test_id("cookie-banner")
    expect(banner).to_be_visible()
    assert not cookie_names(page) & NON_ESSENTIAL

    page.goto("/privacy/collected-information/")
    assert not cookie_names(page) & NON_ESSENTIAL
    reject = banner.get_by_role("button", name="Reject all")
    accept = banner.get_by_role("button", name="Accept all")
    assert reject.bounding_box()["height"] == accept.bounding_box()["height"]

    reject.click()

    expect(page).to_have_url(re.compile("/privacy/collected-information/$"))
    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    names = cookie_names(page)
    assert "cookie_consent" in names
    assert not names & NON_ESSENTIAL
    page.goto("/")
    assert not cookie_names(page) & NON_ESSENTIAL
    assert page.console_errors == []


def test_accepting_all_sets_the_non_essential_cookies(page):
    # clause: PERM-09
    page.goto("/")
    page.get_by_test_id("cookie-banner").get_by_role("button", name="Accept all").click()

    expect(page.get_by_test_id("cookie-banner")).to_have_count(0)
    assert cookie_names(page) >= NON_ESSENTIAL

    page.goto("/privacy/cookies/")
    page.get_by_role("main").get_by_role("button", name="Reject all").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cookies")
    assert not cookie_names(page) & NON_ESSENTIAL


def test_a_member_meets_the_reacceptance_page_until_accepting(page, live_server):
    # clause: POL-12
    member = Member.objects.create_user("carol", "a long enough password", phone="+8613800138003")
    version = PolicyVersion.objects.create(
        label="2026 V2",
        effective_on=timezone.localdate() - datetime.timedelta(days=1),
        text="[Introduction]\nWe now share order data with a new logistics partner.\n",
        changes_recipients=True,
        is_material=True,
        published_at=timezone.now(),
    )
    sign_in(page, member, live_server.url)

    page.goto("/me/settings/privacy/")

    expect(page).to_have_url(re.compile(r"/privacy/policy/accept/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Our privacy policy has changed")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/privacy/policy/accept/"))

    page.get_by_role("button", name="I have read and accept this policy").click()

    expect(page).to_have_url(re.compile("/$"))
    event = ConsentEvent.objects.get(member=member, purpose=Purpose.PRIVACY_POLICY)
    assert event.policy_version == version
    assert consent.current_state(member)[f"privacy_policy:{version.label}"] is True
    page.goto("/me/settings/privacy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy centre")
    assert page.console_errors == []
