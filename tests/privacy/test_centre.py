"""The privacy centre /me/settings/privacy/: every section, toggles, history, stale forms and the receipt."""

import json

import pytest
from django.urls import reverse

from privacy import consent
from privacy.models import ConsentEvent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db
CENTRE = "/me/settings/privacy/"


def toggle(client, purpose, *, on, expected=0, scope=""):
    return client.post(
        reverse("centre:toggle"),
        {"purpose": purpose, "scope": scope, "is_granted": "1" if on else "0", "expected_event_id": expected},
    )


def test_the_centre_shows_every_section_with_state_and_toggle(client, member):
    # clause: BRW-09, BRW-10, PERM-06, INT-02, PERM-10, MEM-06, STO-04, RGT-08
    client.force_login(member)
    response = client.get(CENTRE)

    html = response.content.decode()
    assert response.status_code == 200
    for section in ["recommendations", "ads", "marketing", "permissions", "cookies", "third-party-login", "retention"]:
        assert f'data-section="{section}"' in html
    for purpose in [
        Purpose.PERSONALISED_RECOMMENDATIONS,
        Purpose.PERSONALISED_ADS,
        Purpose.MARKETING_SMS,
        Purpose.MARKETING_PHONE,
        Purpose.MARKETING_EMAIL,
        Purpose.MARKETING_POPUP,
        Purpose.PERMISSION_CAMERA,
        Purpose.PERMISSION_PHOTOS,
        Purpose.PERMISSION_MICROPHONE,
        Purpose.PERMISSION_LOCATION,
        Purpose.PERMISSION_CLIPBOARD,
        Purpose.COOKIES_PERSONALISATION,
        Purpose.COOKIES_ADVERTISING,
        Purpose.EXTENDED_RETENTION,
    ]:
        assert f'data-purpose="{purpose}" data-scope="" data-granted="false"' in html
    assert "close my account" in html


def test_a_visitor_is_sent_to_sign_in(client):
    for url in [CENTRE, reverse("centre:receipt"), reverse("interactions:alerts")]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert toggle(client, Purpose.MARKETING_SMS, on=True).status_code == 302
    assert not ConsentEvent.objects.exists()


def test_turning_a_toggle_on_and_off_records_each_change_with_its_history(client, member):
    # clause: BRW-10, PERM-02
    client.force_login(member)

    response = toggle(client, Purpose.PERSONALISED_RECOMMENDATIONS, on=True)
    assert response.status_code == 302
    assert consent.has_consent(member, Purpose.PERSONALISED_RECOMMENDATIONS)
    first = ConsentEvent.objects.get()
    assert (first.channel, first.ip_address) == ("web", "127.0.0.1")

    toggle(client, Purpose.PERSONALISED_RECOMMENDATIONS, on=False, expected=first.pk)
    # The very next check sees the withdrawal (BRW rows: the next request is non-personalised).
    assert not consent.has_consent(member, Purpose.PERSONALISED_RECOMMENDATIONS)

    html = client.get(CENTRE).content.decode()
    assert 'data-purpose="personalised_recommendations" data-scope="" data-granted="false"' in html
    assert "2 changes" in html


def test_a_stale_form_from_another_tab_changes_nothing(client, member):
    client.force_login(member)
    toggle(client, Purpose.MARKETING_EMAIL, on=True)  # tab 1

    response = toggle(client, Purpose.MARKETING_EMAIL, on=True, expected=0)  # tab 2 still shows "none yet"

    assert response.status_code == 400
    assert "changed somewhere else" in response.content.decode()
    assert ConsentEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("purpose", "message"),
    [("no_such_purpose", "Unknown purpose"), (Purpose.ACCOUNT, "cannot be switched off")],
)
def test_unknown_or_necessary_purposes_get_a_clear_error_and_change_nothing(client, member, purpose, message):
    # clause: RGT-10
    client.force_login(member)

    response = toggle(client, purpose, on=False)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsentEvent.objects.exists()


def test_a_scope_on_an_unscoped_purpose_is_refused(client, member):
    client.force_login(member)

    response = toggle(client, Purpose.MARKETING_SMS, on=True, scope="elsewhere")

    assert response.status_code == 400
    assert not ConsentEvent.objects.exists()


def test_each_member_sees_only_their_own_consents(client, member, other_member, web):
    consent.grant(other_member, Purpose.THIRD_PARTY_LOGIN, scope="alipay", context=web)
    client.force_login(member)

    html = client.get(CENTRE).content.decode()
    assert 'data-scope="alipay"' not in html
    # Withdrawing a scope only another member granted writes an event for the requester only.
    toggle(client, Purpose.THIRD_PARTY_LOGIN, on=False, scope="alipay")
    assert consent.has_consent(other_member, Purpose.THIRD_PARTY_LOGIN, scope="alipay")


def test_third_party_login_links_appear_per_provider(client, member, web):
    # clause: MEM-06
    consent.grant(member, Purpose.THIRD_PARTY_LOGIN, scope="alipay", context=web)
    client.force_login(member)

    html = client.get(CENTRE).content.decode()

    assert 'data-purpose="third_party_login" data-scope="alipay" data-granted="true"' in html


def test_the_centre_page_needs_a_bounded_number_of_queries(client, member, web, django_assert_max_num_queries):
    client.force_login(member)
    for purpose in [Purpose.MARKETING_SMS, Purpose.PERSONALISED_ADS, Purpose.PERMISSION_CAMERA]:
        for _ in range(5):
            consent.grant(member, purpose, context=web)
    client.get(CENTRE)

    # The member and the events (the session and consent state come from the cache): the same however
    # long the history is.
    with django_assert_max_num_queries(2):
        response = client.get(CENTRE)
    assert response.status_code == 200


def test_the_consent_receipt_is_a_json_download_of_the_whole_history(client, member, other_member, web):
    # clause: RGT-08
    consent.grant(member, Purpose.MARKETING_SMS, context=web)
    consent.withdraw(member, Purpose.MARKETING_SMS, context=web)
    consent.grant(other_member, Purpose.MARKETING_EMAIL, context=web)
    client.force_login(member)

    response = client.get(reverse("centre:receipt"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="consent-receipt.json"'
    receipt = json.loads(response.content)
    assert receipt["receipt_for"] == "alice"
    assert [(e["purpose"], e["decision"]) for e in receipt["events"]] == [
        ("marketing_sms", "granted"),
        ("marketing_sms", "withdrawn"),
    ]
    assert receipt["events"][0]["policy_version"] == "2023 V1"
    assert receipt["current_state"] == {"marketing_sms:": False}


@pytest.mark.parametrize(
    ("path", "section"),
    [("ads", "ads"), ("recommendations", "recommendations"), ("permissions", "permissions"), ("consents", "separate")],
)
def test_the_menu_paths_of_the_policy_open_their_section(client, member, path, section):
    # clause: BRW-09, BRW-10, PERM-06
    client.force_login(member)

    response = client.get(f"{CENTRE}{path}/", follow=True)

    assert response.redirect_chain[-1][0] == f"{CENTRE}#section-{section}"
    assert f'id="section-{section}"' in response.content.decode()


def test_a_change_shows_on_the_next_centre_page_though_its_parts_are_kept(client, member):
    """The centre's parts are kept per worker under the member's consent events: a toggle is a new key."""
    client.force_login(member)
    before = client.get(reverse("centre:privacy")).content.decode()
    assert 'data-purpose="personalised_ads" data-scope="" data-granted="false"' in before

    consent.grant(member, Purpose.PERSONALISED_ADS, context=consent.RequestContext(channel="web"))

    after = client.get(reverse("centre:privacy")).content.decode()
    assert 'data-purpose="personalised_ads" data-scope="" data-granted="true"' in after
