"""Cookie banner and choice (PERM-07..10) and the Global Privacy Control signal."""

import pytest
from django.urls import reverse

from privacy import consent, cookies
from privacy.models import ConsentEvent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db
NON_ESSENTIAL = {"pp_interests", "pp_ad_id"}


def set_cookie_names(response) -> set[str]:
    return {name for name, morsel in response.cookies.items() if morsel["max-age"] != 0}


def test_a_visitor_sees_the_banner_and_gets_no_non_essential_cookie_before_choosing(client):
    # clause: PERM-07, PERM-09
    response = client.get("/")

    html = response.content.decode()
    assert 'data-testid="cookie-banner"' in html
    assert 'value="reject_all"' in html and 'value="accept_all"' in html
    assert not set_cookie_names(response) & NON_ESSENTIAL


def test_accepting_all_sets_the_non_essential_cookies_and_hides_the_banner(client):
    # clause: PERM-09
    response = client.post(reverse("privacy:cookies"), {"choice": "accept_all", "next": "/contact/"})

    assert response["Location"] == "/contact/"
    assert cookies.CONSENT_COOKIE in response.cookies
    assert set_cookie_names(response) >= NON_ESSENTIAL
    assert 'data-testid="cookie-banner"' not in client.get("/").content.decode()


def test_rejecting_all_is_one_click_and_removes_non_essential_cookies(client):
    # clause: PERM-10
    client.post(reverse("privacy:cookies"), {"choice": "accept_all"})

    response = client.post(reverse("privacy:cookies"), {"choice": "reject_all"})

    assert {name for name in NON_ESSENTIAL if response.cookies[name]["max-age"] == 0} == NON_ESSENTIAL
    later = client.get("/")
    assert not set_cookie_names(later) & NON_ESSENTIAL
    assert 'data-testid="cookie-banner"' not in later.content.decode()


def test_a_custom_choice_sets_only_the_chosen_category(client):
    # clause: PERM-09
    response = client.post(reverse("privacy:cookies"), {"choice": "custom", "personalisation": "on"})

    assert set_cookie_names(response) & NON_ESSENTIAL == {"pp_interests"}


def test_a_forged_consent_cookie_counts_as_no_choice(client):
    client.cookies[cookies.CONSENT_COOKIE] = "personalisation=1,advertising=1"

    response = client.get("/")

    assert 'data-testid="cookie-banner"' in response.content.decode()
    assert not set_cookie_names(response) & NON_ESSENTIAL


def test_a_bad_choice_is_refused_and_sets_nothing(client):
    response = client.post(reverse("privacy:cookies"), {"choice": "maybe"})

    assert response.status_code == 400
    assert cookies.CONSENT_COOKIE not in response.cookies


def test_the_cookie_page_lists_every_cookie_with_purpose_category_and_lifetime(client):
    # clause: PERM-07
    html = client.get(reverse("privacy:cookies")).content.decode()

    for cookie in cookies.COOKIES:
        assert f'data-cookie="{cookie.name}"' in html


def test_a_members_choice_is_recorded_in_the_ledger_and_follows_them_to_a_new_browser(client, member):
    # clause: PERM-10
    client.force_login(member)
    client.post(reverse("privacy:cookies"), {"choice": "custom", "advertising": "on"})

    assert not consent.has_consent(member, Purpose.COOKIES_PERSONALISATION)
    assert consent.has_consent(member, Purpose.COOKIES_ADVERTISING)
    assert ConsentEvent.objects.filter(member=member).count() == 2

    client.logout()
    client.cookies.clear()
    client.force_login(member)
    response = client.get("/")
    assert 'data-testid="cookie-banner"' not in response.content.decode()
    assert set_cookie_names(response) & NON_ESSENTIAL == {"pp_ad_id"}


def test_the_privacy_centre_toggle_changes_the_cookies_on_the_next_request(client, member, web):
    consent.grant(member, Purpose.COOKIES_PERSONALISATION, context=web)
    client.force_login(member)
    client.cookies["pp_interests"] = "abc"
    event = ConsentEvent.objects.get()

    client.post(
        reverse("centre:toggle"),
        {"purpose": Purpose.COOKIES_PERSONALISATION, "is_granted": "0", "expected_event_id": event.pk},
    )
    response = client.get("/")

    assert response.cookies["pp_interests"]["max-age"] == 0


def test_gpc_withdraws_personalised_ads_for_a_visitor_request_and_sets_no_ad_cookie(client):
    client.post(reverse("privacy:cookies"), {"choice": "accept_all"})
    client.cookies.pop("pp_ad_id", None)

    response = client.get("/", HTTP_SEC_GPC="1")

    assert "pp_ad_id" not in set_cookie_names(response)
    assert "pp_ad_id" in set_cookie_names(client.get("/"))


def test_gpc_is_recorded_once_as_a_withdrawal_for_a_member(client, member, web):
    consent.grant(member, Purpose.PERSONALISED_ADS, context=web)
    client.force_login(member)

    client.get("/", HTTP_SEC_GPC="1")
    client.get("/contact/", HTTP_SEC_GPC="1")

    assert not consent.has_consent(member, Purpose.PERSONALISED_ADS)
    gpc = ConsentEvent.objects.filter(member=member, channel="gpc")
    assert [(e.purpose, e.is_granted) for e in gpc] == [("personalised_ads", False)]


def test_without_gpc_nothing_is_recorded(client, member):
    client.force_login(member)

    client.get("/")

    assert not ConsentEvent.objects.exists()


def test_every_cookie_the_site_sets_is_in_the_cookie_register(client, member):
    # clause: PERM-08
    registered = {cookie.name for cookie in cookies.COOKIES}
    seen: set[str] = set()
    for url in [
        "/",
        "/contact/",
        "/privacy/policy/",
        "/privacy/policy/versions/",
        "/privacy/cookies/",
        "/accounts/login/",
    ]:
        seen |= set(client.get(url).cookies)
    seen |= set(client.post(reverse("privacy:cookies"), {"choice": "accept_all"}).cookies)
    seen |= set(client.get("/").cookies)
    client.force_login(member)
    seen |= set(client.cookies)
    seen |= set(client.get("/me/settings/privacy/").cookies)

    assert seen - registered == set()
    assert {"cookie_consent", "pp_interests", "pp_ad_id", "messages"} <= seen
