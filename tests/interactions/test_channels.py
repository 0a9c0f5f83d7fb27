"""Channel (applet) services: members use channels, and each developer receives its own channel's activity only."""

import logging

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from interactions import applets
from interactions.models import AppletChannel, ChannelActivity, ChannelSubscription
from interactions.tasks import channel_developer_feed
from members.models import Member
from privacy import sharing
from privacy.models import Partner, SharingRecord
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


def make_developer(code: str, name: str) -> Partner:
    partner = Partner.objects.create(
        code=code,
        name=name,
        kind=Partner.Kind.CHANNEL,
        role=Partner.Role.INDEPENDENT,
        categories=["service_log"],
        allowed_fields=["channel", "account_id", "action", "occurred_at"],
        contract_reference="Channel developer agreement 2026-03",
        assessed_on=timezone.localdate(),
    )
    return sharing.activate_partner(partner)


@pytest.fixture
def developer_a():
    return make_developer("dev-a", "Developer A Ltd.")


@pytest.fixture
def developer_b():
    return make_developer("dev-b", "Developer B Ltd.")


@pytest.fixture
def channel_a(developer_a):
    return AppletChannel.objects.create(code="coupons", name="Coupons", developer=developer_a)


@pytest.fixture
def channel_b(developer_b):
    return AppletChannel.objects.create(code="freight", name="Freight quotes", developer=developer_b)


def test_a_developers_feed_contains_only_its_own_channels_activity(member, other_member, channel_a, channel_b):
    """SHR-06: a channel developer's data feed contains only activity for its own channel."""
    for who in (member, other_member):
        applets.record_activity(member=who, channel=channel_a, action=ChannelActivity.Action.VIEW)
        applets.record_activity(member=who, channel=channel_b, action=ChannelActivity.Action.LOGIN)
    applets.subscribe(member=member, channel=channel_b)

    feed_a = applets.feed_developer(partner=channel_a.developer)

    assert [row["channel"] for row in feed_a] == ["coupons", "coupons"]
    assert {row["action"] for row in feed_a} == {"view"}
    assert all(set(row) == {"channel", "account_id", "action", "occurred_at"} for row in feed_a)
    # Each hand-off is recorded against developer A, and only A's rows are marked sent.
    assert set(SharingRecord.objects.values_list("partner__code", flat=True)) == {"dev-a"}
    assert not ChannelActivity.objects.filter(channel=channel_b, fed_at__isnull=False).exists()
    feed_b = applets.feed_developer(partner=channel_b.developer)
    assert {row["channel"] for row in feed_b} == {"freight"}
    assert len(feed_b) == 3
    # Developers cannot link one member across channels: each sees its own id for the member.
    assert {r["account_id"] for r in feed_a} & {r["account_id"] for r in feed_b} == set()


def test_the_feed_sends_nothing_twice_and_records_one_hand_off_per_member(member, other_member, channel_a):
    for who in (member, member, other_member):
        applets.record_activity(member=who, channel=channel_a, action=ChannelActivity.Action.VIEW)
    assert len(applets.feed_developer(partner=channel_a.developer)) == 3
    assert applets.feed_developer(partner=channel_a.developer) == []
    records = SharingRecord.objects.order_by("member_id")
    assert [r.member_id for r in records] == [member.pk, other_member.pk]
    assert records[0].fields == ["channel", "account_id", "action", "occurred_at"]


def test_only_the_fields_registered_for_the_developer_leave(member, channel_a):
    Partner.objects.filter(pk=channel_a.developer_id).update(allowed_fields=["channel", "action"])
    applets.record_activity(member=member, channel=channel_a, action=ChannelActivity.Action.VIEW)
    assert applets.feed_developer(partner=channel_a.developer) == [{"channel": "coupons", "action": "view"}]


def test_an_inactive_developer_gets_nothing_and_its_rows_wait(member, channel_a):
    applets.record_activity(member=member, channel=channel_a, action=ChannelActivity.Action.VIEW)
    sharing.deactivate_partner(channel_a.developer)

    assert applets.feed_developer(partner=channel_a.developer) == []
    assert applets.feed_developers() == {}
    assert not SharingRecord.objects.exists()
    assert ChannelActivity.objects.get().fed_at is None


def test_the_seeded_channel_developers_entry_is_inactive_and_gets_nothing(member):
    seeded = Partner.objects.get(code="channel-developers")
    channel = AppletChannel.objects.create(code="seeded", name="Seeded", developer=seeded)
    ChannelActivity.objects.create(member=member, channel=channel, action=ChannelActivity.Action.VIEW)
    assert not seeded.is_active
    assert applets.feed_developer(partner=seeded) == []


def test_a_developer_not_registered_for_service_logs_is_refused_and_the_others_still_get_theirs(
    member, channel_a, channel_b, caplog
):
    Partner.objects.filter(pk=channel_b.developer_id).update(categories=["account"])
    applets.record_activity(member=member, channel=channel_a, action=ChannelActivity.Action.VIEW)
    applets.record_activity(member=member, channel=channel_b, action=ChannelActivity.Action.VIEW)
    with caplog.at_level(logging.WARNING):
        assert applets.feed_developers() == {"dev-a": 1, "dev-b": 0}
    assert "refused" in caplog.text
    assert ChannelActivity.objects.get(channel=channel_b).fed_at is None


def test_the_command_and_the_daily_task_run_the_feed(member, channel_a, channel_b, capsys):
    applets.record_activity(member=member, channel=channel_a, action=ChannelActivity.Action.VIEW)
    call_command("channel_feed", "--partner", "dev-a")
    assert "dev-a: 1 activity rows sent" in capsys.readouterr().out
    applets.record_activity(member=member, channel=channel_b, action=ChannelActivity.Action.VIEW)
    assert channel_developer_feed() == {"dev-a": 0, "dev-b": 1}
    task = PeriodicTask.objects.get(task="interactions.channel_developer_feed")
    assert task.crontab is not None and task.enabled


# -- member pages ---------------------------------------------------------------------------------


def test_opening_a_channel_records_sign_in_once_and_each_view(client, member, channel_a):
    client.force_login(member)
    url = reverse("interactions:channel", args=[channel_a.pk])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    actions = list(ChannelActivity.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["login", "view", "view"]


def test_a_visitor_sees_channels_without_anything_recorded(client, channel_a):
    response = client.get(reverse("interactions:channel", args=[channel_a.pk]))
    assert response.status_code == 200
    assert b"Sign in to subscribe" in response.content
    assert not ChannelActivity.objects.exists()
    assert client.post(reverse("interactions:channel-subscribe", args=[channel_a.pk])).status_code == 302
    assert not ChannelSubscription.objects.exists()


def test_subscribe_and_cancel_from_the_pages(client, member, channel_a):
    client.force_login(member)
    response = client.post(reverse("interactions:channel-subscribe", args=[channel_a.pk]), follow=True)
    assert response.status_code == 200
    subscription = ChannelSubscription.objects.get(member=member)
    listing = client.get(reverse("interactions:channels"))
    assert reverse("interactions:channel-cancel", args=[subscription.pk]).encode() in listing.content
    client.post(reverse("interactions:channel-cancel", args=[subscription.pk]))
    assert not ChannelSubscription.objects.exists()
    actions = list(ChannelActivity.objects.order_by("id").values_list("action", flat=True))
    # Following the redirect opened the channel page: sign-in and view, between subscribe and cancel.
    assert actions == ["subscribe", "login", "view", "cancel"]


def test_subscribing_twice_records_one_subscription(client, member, channel_a):
    client.force_login(member)
    for _ in range(2):
        client.post(reverse("interactions:channel-subscribe", args=[channel_a.pk]))
    assert ChannelSubscription.objects.count() == 1
    assert ChannelActivity.objects.filter(action="subscribe").count() == 1


def test_another_members_subscription_is_404(client, member, other_member, channel_a):
    theirs = applets.subscribe(member=other_member, channel=channel_a)
    client.force_login(member)
    assert client.post(reverse("interactions:channel-cancel", args=[theirs.pk])).status_code == 404
    assert ChannelSubscription.objects.filter(pk=theirs.pk).exists()


def test_a_channel_of_an_inactive_developer_is_hidden_and_404(client, member, channel_a):
    sharing.deactivate_partner(channel_a.developer)
    client.force_login(member)
    assert b"Coupons" not in client.get(reverse("interactions:channels")).content
    assert client.get(reverse("interactions:channel", args=[channel_a.pk])).status_code == 404
    assert client.post(reverse("interactions:channel-subscribe", args=[channel_a.pk])).status_code == 404
    assert not ChannelActivity.objects.exists()


def test_hostile_input_is_refused_without_writing(client, member, channel_a):
    client.force_login(member)
    for path in ("/channels/%00/", "/channels/99999999999999999999/", "/channels/<script>/subscribe/"):
        assert 400 <= client.get(path).status_code < 500
    assert 400 <= client.post("/me/channels/1%00/cancel/").status_code < 500
    assert client.post("/me/channels/99999999999999999999/cancel/").status_code == 404
    assert client.get(reverse("interactions:channel-subscribe", args=[channel_a.pk])).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(reverse("interactions:channel-subscribe", args=[channel_a.pk])).status_code == 403
    assert not ChannelSubscription.objects.exists()


def test_a_script_in_a_channel_name_is_shown_escaped(client, member, developer_a):
    channel = AppletChannel.objects.create(code="x", name="<script>alert(1)</script>", developer=developer_a)
    client.force_login(member)
    for url in (reverse("interactions:channels"), reverse("interactions:channel", args=[channel.pk])):
        content = client.get(url).content
        assert b"<script>alert(1)</script>" not in content
        assert b"&lt;script&gt;" in content


def test_the_channel_list_costs_a_fixed_number_of_queries(client, member, developer_a, django_assert_max_num_queries):
    for n in range(15):
        channel = AppletChannel.objects.create(code=f"c{n}", name=f"Channel {n}", developer=developer_a)
        applets.subscribe(member=member, channel=channel)
    client.force_login(member)
    client.get(reverse("interactions:channels"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("interactions:channels"))
    assert response.content.count(b'data-testid="subscribed"') == 15


def test_the_events_page_links_to_the_channels(client):
    assert reverse("interactions:channels").encode() in client.get(reverse("interactions:events")).content


def test_staff_can_register_a_channel_for_a_channel_developer(client, developer_a):
    staff = Member.objects.create_user(
        "staffer", "a long enough secret", phone="+8613900139999", is_staff=True, is_superuser=True
    )
    sign_in_staff(client, staff)
    admin_client = client
    response = admin_client.post(
        reverse("admin:interactions_appletchannel_add"),
        {
            "code": "deals",
            "name": "Deals",
            "description": "",
            "developer": developer_a.pk,
            "is_listed": "on",
            "created_at_0": "2026-01-01",
            "created_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert AppletChannel.objects.get(code="deals").developer == developer_a
    assert admin_client.get(reverse("admin:interactions_channelactivity_changelist")).status_code == 200
