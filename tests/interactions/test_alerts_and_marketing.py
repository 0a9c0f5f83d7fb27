"""Alert settings per category and channel (INT-01, INT-04, INT-05) and marketing with one-click unsubscribe (INT-02)."""

import pytest
from django.core import mail
from django.urls import reverse

from interactions import marketing, services
from interactions.models import AlertCategory, AlertChannel, AlertSetting, MarketingMessage, Message
from privacy import consent
from privacy.models import ConsentEvent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db
ALERTS = "/me/settings/alerts/"


def test_every_category_and_channel_is_on_until_switched_off(member):
    # clause: INT-05
    assert all(services.alert_settings(member).values())
    assert len(services.alert_settings(member)) == len(AlertCategory) * len(AlertChannel)


def test_turning_off_event_offers_stops_them_while_logistics_still_arrive(client, member):
    # clause: INT-05, INT-04
    client.force_login(member)
    data = {f"{c}__{ch}": "on" for c in AlertCategory.values for ch in AlertChannel.values}
    del data["events__inbox"]

    response = client.post(ALERTS, data)

    assert response.status_code == 302
    assert services.notify(member, category="events", title="Sale!").inbox is None
    logistics = services.notify(member, category="logistics", title="Parcel shipped").inbox
    assert logistics.kind == "logistics"
    assert list(Message.objects.values_list("title", flat=True)) == ["Parcel shipped"]
    assert services.alert_settings(member)[("events", "email")]


def test_security_and_service_notices_stay_on_whatever_is_posted(client, member):
    # clause: INT-01
    client.force_login(member)

    client.post(ALERTS, {})  # every box unticked

    switches = services.alert_settings(member)
    assert not switches[("logistics", "inbox")]
    assert switches[("security", "inbox")]
    assert switches[("service", "sms")]
    assert services.notify(member, category="security", title="New sign-in").inbox is not None
    html = client.get(ALERTS).content.decode()
    assert 'name="security__inbox" disabled' in html
    assert not AlertSetting.objects.filter(category__in=["security", "service"]).exists()


def test_the_service_refuses_to_switch_off_a_mandatory_category(member):
    # clause: INT-01
    with pytest.raises(consent.ValidationError, match="cannot be switched off"):
        services.save_alert_settings(member, {("security", "email"): False})
    with pytest.raises(consent.ValidationError, match="Unknown"):
        services.save_alert_settings(member, {("gossip", "email"): False})
    assert not AlertSetting.objects.exists()


def test_alert_settings_need_sign_in_and_a_bounded_number_of_queries(client, member, django_assert_max_num_queries):
    assert client.get(ALERTS).status_code == 302
    client.force_login(member)
    client.get(ALERTS)
    with django_assert_max_num_queries(2):  # the member and the settings; the session comes from the cache
        assert client.get(ALERTS).status_code == 200


def test_marketing_goes_only_to_members_who_agreed_on_that_channel(member, web, django_capture_on_commit_callbacks):
    # clause: INT-02
    with django_capture_on_commit_callbacks(execute=True):
        assert marketing.send_marketing_email(member, address="a@example.com", subject="Offer", body="Hi") is None
    assert mail.outbox == []

    consent.grant(member, Purpose.MARKETING_EMAIL, context=web)
    with django_capture_on_commit_callbacks(execute=True):
        sent = marketing.send_marketing_email(member, address="a@example.com", subject="Offer", body="Hi")

    assert sent is not None
    (email,) = mail.outbox
    assert email.to == ["a@example.com"]
    assert marketing.unsubscribe_url(sent) in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_one_click_unsubscribe_works_without_signing_in_and_stops_the_next_send(
    client, member, web, django_capture_on_commit_callbacks
):
    # clause: INT-02
    consent.grant(member, Purpose.MARKETING_EMAIL, context=web)
    with django_capture_on_commit_callbacks(execute=True):
        sent = marketing.send_marketing_email(member, address="a@example.com", subject="Offer", body="Hi")
    url = reverse("interactions:unsubscribe", args=[marketing.unsubscribe_token(sent)])

    assert client.get(url).status_code == 200
    assert consent.has_consent(member, Purpose.MARKETING_EMAIL)  # a link scanner's GET changes nothing
    response = client.post(url)

    assert response.status_code == 200
    assert 'data-testid="unsubscribed"' in response.content.decode()
    assert not consent.has_consent(member, Purpose.MARKETING_EMAIL)
    assert ConsentEvent.objects.filter(member=member).first().channel == "unsubscribe"
    with django_capture_on_commit_callbacks(execute=True):
        assert marketing.send_marketing_email(member, address="a@example.com", subject="Next", body="Hi") is None
    assert len(mail.outbox) == 1


def test_a_replayed_unsubscribe_link_is_refused_and_records_nothing(client, member, web):
    consent.grant(member, Purpose.MARKETING_EMAIL, context=web)
    sent = marketing.send_marketing_email(member, address="a@example.com", subject="Offer", body="Hi")
    url = reverse("interactions:unsubscribe", args=[marketing.unsubscribe_token(sent)])
    client.post(url)
    consent.grant(member, Purpose.MARKETING_EMAIL, context=web)  # the member opts in again later
    events = ConsentEvent.objects.count()

    response = client.post(url)

    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    assert ConsentEvent.objects.count() == events
    assert consent.has_consent(member, Purpose.MARKETING_EMAIL)


@pytest.mark.parametrize("token", ["garbage", "eyJtZXNzYWdlIjoxLCJtZW1iZXIiOjF9:1abc:forged"])
def test_a_forged_unsubscribe_link_is_refused(client, member, web, token):
    consent.grant(member, Purpose.MARKETING_EMAIL, context=web)
    MarketingMessage.objects.create(member=member, channel="email", address="a@example.com", subject="Offer")

    response = client.post(reverse("interactions:unsubscribe", args=[token]))

    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert consent.has_consent(member, Purpose.MARKETING_EMAIL)


def test_after_an_unsubscribe_the_next_campaign_run_leaves_that_member_out(
    client, member, other_member, web, django_capture_on_commit_callbacks
):
    # clause: INT-02
    for someone in (member, other_member):
        consent.grant(someone, Purpose.MARKETING_EMAIL, context=web)
    recipients = [(member, "alice@example.com"), (other_member, "bob@example.com")]
    with django_capture_on_commit_callbacks(execute=True):
        first = marketing.send_email_campaign(recipients, subject="Spring sale", body="Hi")
    client.post(reverse("interactions:unsubscribe", args=[marketing.unsubscribe_token(first[0])]))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        second = marketing.send_email_campaign(recipients, subject="Summer sale", body="Hi")

    assert [m.member for m in second] == [other_member]
    assert [e.to for e in mail.outbox] == [["bob@example.com"]]
