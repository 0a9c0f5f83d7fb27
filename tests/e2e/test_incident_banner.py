"""In Chromium: a published security-incident announcement shows a banner on the homepage that opens the notice."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from members.models import Member
from rights.incidents import announce_incident
from rights.models import SecurityIncident

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_announcement_banner_leads_to_the_public_notice(page):
    """STO-11: publishing an announcement shows a homepage banner linking the notice."""
    officer = Member.objects.create_user("officer", "pw-officer-123", is_staff=True)
    incident = SecurityIncident.objects.create(
        title="Address export",
        scope="Delivery addresses",
        what_happened="A misconfigured export exposed delivery addresses.",
        likely_impact="Addresses may have been seen by one partner.",
        measures_taken="The export was stopped.",
        self_protection="Watch for unexpected calls.",
        remedies="Contact the working group.",
    )
    page.goto("/")
    expect(page.get_by_test_id("incident-banner")).to_have_count(0)

    announce_incident(incident_id=incident.pk, staff=officer)
    page.goto("/")
    banner = page.get_by_test_id("incident-banner")
    expect(banner).to_contain_text("Address export")
    banner.get_by_role("link").click()

    expect(page).to_have_url(f"{page.url.split('/privacy/')[0]}/privacy/incidents/{incident.pk}/")
    notice = page.get_by_test_id("incident-announcement")
    expect(notice).to_contain_text("How to protect yourself", ignore_case=True)
    expect(notice).to_contain_text("Watch for unexpected calls.")
    assert page.console_errors == []
