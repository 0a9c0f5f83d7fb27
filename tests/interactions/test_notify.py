"""Notices reach the member on every channel Alert Settings leave on: inbox, email, SMS and push (INT-01, INT-04,
INT-05, PERM-11). Security and service notices always reach the inbox and ignore marketing opt-outs."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interactions import services
from interactions.models import AlertCategory, AlertChannel, Message, PushNotification, SmsMessage
from members.models import Member
from privacy import consent
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db
PUSH = "/api/privacy/push/"


@pytest.fixture
def confirmed(member):
    member.phone_verified_at = timezone.now()
    member.save(update_fields=["phone_verified_at"])
    return member


def notify(member, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.notify(member, **kwargs)


def test_a_logistics_notice_goes_to_every_channel_left_on(confirmed, web, django_capture_on_commit_callbacks):
    # clause: INT-04, INT-05
    consent.grant(confirmed, Purpose.PUSH_NOTIFICATIONS, context=web)

    delivery = notify(
        confirmed,
        django_capture_on_commit_callbacks,
        category="logistics",
        title="Parcel shipped",
        body="Order 42 is on its way.",
        email="alice@example.com",
    )

    assert delivery.channels == ["inbox", "email", "sms", "push"]
    assert Message.objects.get().kind == "logistics"
    (email,) = mail.outbox
    assert (email.to, email.subject) == (["alice@example.com"], "Parcel shipped")
    (sms,) = SmsMessage.objects.all()
    assert (sms.member, sms.phone, sms.body) == (confirmed, "+8613800138001", "Parcel shipped\nOrder 42 is on its way.")
    assert PushNotification.objects.get().title == "Parcel shipped"


def test_each_channel_switch_of_a_category_stops_only_that_channel(
    client, confirmed, web, django_capture_on_commit_callbacks
):
    # clause: INT-05
    consent.grant(confirmed, Purpose.PUSH_NOTIFICATIONS, context=web)
    client.force_login(confirmed)
    data = {f"{c}__{ch}": "on" for c in AlertCategory.values for ch in AlertChannel.values}
    del data["logistics__sms"], data["logistics__push"]
    client.post("/me/settings/alerts/", data)

    delivery = notify(
        confirmed, django_capture_on_commit_callbacks, category="logistics", title="Parcel", email="a@example.com"
    )

    assert delivery.channels == ["inbox", "email"]
    assert delivery.skipped == {"sms": "switched_off", "push": "switched_off"}
    assert not SmsMessage.objects.exists()
    assert not PushNotification.objects.exists()
    interactions = notify(confirmed, django_capture_on_commit_callbacks, category="interactions", title="A reply")
    assert interactions.channels == ["inbox", "sms", "push"]


def test_without_an_address_or_a_confirmed_phone_those_channels_are_skipped_and_say_why(
    member, django_capture_on_commit_callbacks
):
    # clause: INT-05 (members have no email address on their account; callers pass one when they have it)
    delivery = notify(member, django_capture_on_commit_callbacks, category="logistics", title="Parcel")

    assert delivery.channels == ["inbox"]
    assert delivery.skipped == {"email": "no_address", "sms": "no_confirmed_phone", "push": "no_push_permission"}
    assert mail.outbox == []
    assert not SmsMessage.objects.exists()


def test_push_is_recorded_only_while_push_notifications_are_granted(confirmed, web, django_capture_on_commit_callbacks):
    # clause: PERM-11, INT-05
    notify(confirmed, django_capture_on_commit_callbacks, category="logistics", title="Before")
    consent.grant(confirmed, Purpose.PUSH_NOTIFICATIONS, context=web)
    notify(confirmed, django_capture_on_commit_callbacks, category="logistics", title="While granted")
    consent.withdraw(confirmed, Purpose.PUSH_NOTIFICATIONS, context=web)
    notify(confirmed, django_capture_on_commit_callbacks, category="security", title="After")

    assert list(PushNotification.objects.values_list("title", flat=True)) == ["While granted"]


def test_a_security_notice_reaches_a_member_who_refused_all_marketing_and_switched_everything_off(
    client, confirmed, web, django_capture_on_commit_callbacks
):
    # clause: INT-01
    for purpose in (Purpose.MARKETING_SMS, Purpose.MARKETING_EMAIL, Purpose.MARKETING_PHONE, Purpose.MARKETING_POPUP):
        consent.withdraw(confirmed, purpose, context=web)
    client.force_login(confirmed)
    client.post("/me/settings/alerts/", {})  # every box unticked

    delivery = notify(
        confirmed, django_capture_on_commit_callbacks, category="security", title="New sign-in", email="a@example.com"
    )

    assert delivery.channels == ["inbox", "email", "sms"]
    assert Message.objects.get().kind == "security"
    assert [e.subject for e in mail.outbox] == ["New sign-in"]
    assert SmsMessage.objects.get().body == "New sign-in"
    service = notify(confirmed, django_capture_on_commit_callbacks, category="service", title="Terms of sale")
    assert service.inbox is not None


def test_event_offers_beyond_the_inbox_also_need_that_channels_marketing_consent(
    confirmed, web, django_capture_on_commit_callbacks
):
    # clause: INT-01 (event offers are marketing), INT-02
    delivery = notify(
        confirmed, django_capture_on_commit_callbacks, category="events", title="Sale", email="a@example.com"
    )
    assert delivery.channels == ["inbox"]
    assert delivery.skipped["sms"] == delivery.skipped["email"] == "no_marketing_consent"

    consent.grant(confirmed, Purpose.MARKETING_SMS, context=web)
    delivery = notify(confirmed, django_capture_on_commit_callbacks, category="events", title="Sale 2")
    assert delivery.sms == "+8613800138001"


def test_an_unknown_category_is_refused_and_nothing_is_delivered(member):
    with pytest.raises(consent.ValidationError, match="Unknown"):
        services.notify(member, category="gossip", title="Hi")
    assert not Message.objects.exists()


def test_a_notice_returns_the_inbox_message_it_wrote(member):
    # clause: INT-04
    message = services.notify(member, category="logistics", title="Parcel shipped").inbox
    assert (message.kind, message.title) == ("logistics", "Parcel shipped")


# -- the app fetches push notifications through the API -------------------------------------


def test_the_app_fetches_pending_push_notifications_and_confirms_them(
    client, member, other_member, web, django_assert_max_num_queries
):
    # clause: INT-05, PERM-11
    consent.grant(member, Purpose.PUSH_NOTIFICATIONS, context=web)
    consent.grant(other_member, Purpose.PUSH_NOTIFICATIONS, context=web)
    for title in ("One", "Two", "Three"):
        services.notify(member, category="logistics", title=title)
    theirs = services.notify(other_member, category="logistics", title="Not yours").push
    client.force_login(member)
    client.get(PUSH)

    with django_assert_max_num_queries(2):  # the member and the pending notifications
        response = client.get(PUSH)

    assert [row["title"] for row in response.json()] == ["Three", "Two", "One"]
    assert response.json()[0]["category"] == "logistics"
    first = response.json()[0]["id"]
    confirmed = client.post(PUSH + "fetched/", {"ids": [first, theirs.pk]}, content_type="application/json")
    assert confirmed.json() == {"marked": 1}
    assert [row["title"] for row in client.get(PUSH).json()] == ["Two", "One"]
    theirs.refresh_from_db()
    assert theirs.fetched_at is None


def test_push_api_needs_sign_in_and_a_list_of_ids(client, member):
    assert client.get(PUSH).status_code == 401  # not signed in: 401, WWW-Authenticate: Bearer
    client.force_login(member)
    response = client.post(PUSH + "fetched/", {"ids": "all"}, content_type="application/json")
    assert response.status_code == 400
    assert "ids" in response.json()


def test_the_push_endpoints_are_in_the_openapi_schema(client):
    schema = client.get(reverse("api-schema")).content.decode()
    assert "/api/v1/push/" in schema
    assert "/api/v1/push/fetched/" in schema


def test_the_alert_settings_page_explains_how_each_channel_reaches_the_member(client, member):
    # clause: INT-05, INT-01
    client.force_login(member)
    html = client.get("/me/settings/alerts/").content.decode()
    assert 'data-testid="channel-notes"' in html
    assert "Your account holds no email address." in html
    assert "only while you allow push notifications" in html


# -- a notice to many members -----------------------------------------------------------------


def test_a_notice_to_many_applies_each_members_switches_and_marketing_consent(
    confirmed, other_member, web, django_capture_on_commit_callbacks
):
    # clause: INT-05
    services.save_alert_settings(other_member, {("events", "inbox"): False})
    consent.grant(other_member, Purpose.PUSH_NOTIFICATIONS, context=web)
    everyone = Member.objects.filter(is_active=True)

    with django_capture_on_commit_callbacks(execute=True):
        told = services.notify_all(everyone, "events", title="Spring sale", body="Half price")

    assert told == 1
    assert list(Message.objects.values_list("member__member_name", flat=True)) == ["alice"]
    assert list(PushNotification.objects.values_list("member__member_name", flat=True)) == ["bob"]
    assert not SmsMessage.objects.exists()  # alice has a confirmed number but no SMS-marketing consent

    consent.grant(confirmed, Purpose.MARKETING_SMS, context=web)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_all(everyone, "events", title="Summer sale")
    assert SmsMessage.objects.get().phone == confirmed.phone

    assert services.notify_all(everyone, "logistics", title="Shipped") == 2  # bob's event switch leaves logistics on
    assert Message.objects.filter(member=other_member).get().title == "Shipped"


def test_a_notice_to_many_in_an_unknown_category_writes_nothing(member):
    with pytest.raises(consent.ValidationError, match="Unknown"):
        services.notify_all(Member.objects.all(), "gossip", title="Hi")
    assert not Message.objects.exists()


def test_a_notice_to_many_picks_its_texted_members_in_a_fixed_number_of_queries(
    web, django_capture_on_commit_callbacks
):
    def texted_members(prefix, count):
        for i in range(count):
            member = Member.objects.create_user(f"{prefix}{i}", "correct horse battery", phone=f"+8613{prefix}{i:06d}")
            member.phone_verified_at = timezone.now()
            member.save(update_fields=["phone_verified_at"])
            consent.grant(member, Purpose.MARKETING_SMS, context=web)
        with django_capture_on_commit_callbacks() as callbacks, CaptureQueriesContext(connection) as queries:
            services.notify_all(Member.objects.filter(member_name__startswith=prefix), "events", title="Sale")
        for callback in callbacks:
            callback()
        return SmsMessage.objects.filter(member__member_name__startswith=prefix).count(), len(queries)

    few, many = texted_members("81", 2), texted_members("82", 8)

    assert (few[0], many[0]) == (2, 8)  # one text per member with a confirmed phone and SMS-marketing consent
    assert few[1] == many[1]
