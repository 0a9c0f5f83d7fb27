"""In Chromium: a published security-incident announcement shows a banner on the homepage that opens the notice."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from members.models import Member
from rights.incidents import announce_incident
from tests.rights.test_incidents import SECTIONS, make_incident

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_announcement_banner_leads_to_the_public_notice(page):
    """STO-11: publishing an announcement shows a homepage banner linking the notice."""
    officer = Member.objects.create_user("officer", "pw-officer-123", is_staff=True)
    incident = make_incident()
    page.goto("/")
    expect(page.get_by_test_id("incident-banner")).to_have_count(0)

    announce_incident(incident_id=incident.pk, staff=officer)
    page.goto("/")
    banner = page.get_by_test_id("incident-banner")
    expect(banner).to_contain_text("Address export")
    banner.get_by_role("link").click()

    expect(page).to_have_url(re.compile(rf"/privacy/incidents/{incident.pk}/$"))
    notice = page.get_by_test_id("incident-announcement")
    expect(notice).to_contain_text("How to protect yourself", ignore_case=True)
    expect(notice).to_contain_text(SECTIONS["self_protection"])
    assert page.console_errors == []
