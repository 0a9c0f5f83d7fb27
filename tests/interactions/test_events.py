"""Marketing events: the event's own consent for the data it lists (INT-08), the separate joint-event
sharing consent and the partner sync (INT-09), prize claims, and aggregate statistics (INT-10)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interactions import events
from interactions.models import EventEnrolment, MarketingEvent, Message, PrizeClaim, new_event_share_code
from interactions.tasks import joint_event_partner_sync
from members.models import Member
from privacy import consent, sharing
from privacy.models import ConsentEvent, SharingRecord
from privacy.purposes import Purpose
from tests.interactions.partners import make_partner
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


def make_event(*, data=("nickname", "account_level"), partner=None, has_prizes=False, title="Spring draw"):
    now = timezone.now()
    return MarketingEvent.objects.create(
        title=title,
        description="Win a drill.",
        data_used=list(data),
        partner=partner,
        has_prizes=has_prizes,
        share_code=new_event_share_code(),
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=7),
    )


def join(client, event, **extra):
    data = {"agree": "on", "data_shown": ",".join(event.data_used), **extra}
    return client.post(reverse("interactions:event", args=[event.pk]), data)


def test_the_join_page_lists_the_declared_data(client, member):
    event = make_event(data=("nickname", "delivery", "browsing"))
    client.force_login(member)

    html = client.get(reverse("interactions:event", args=[event.pk])).content.decode()

    listed = html.split('data-testid="event-data"', 1)[1].split("</ul>", 1)[0]
    assert "Nickname" in listed and "Delivery information" in listed and "Browsing history" in listed
    assert "Purchase orders" not in listed


def test_enrolment_is_refused_without_the_events_consent_listing_its_data(client, member, web):
    # clause: INT-08
    event = make_event()
    client.force_login(member)

    refused = client.post(reverse("interactions:event", args=[event.pk]), {"data_shown": "nickname,account_level"})
    assert refused.status_code == 400 and not EventEnrolment.objects.exists()
    # A consent for another event, or for a different list of data, does not count.
    consent.grant(member, Purpose.EVENT_PARTICIPATION, scope=f"event:{event.pk}:nickname", context=web)
    with pytest.raises(Exception, match="Agree to the data"):
        events._enrol(member=member, event=event)
    assert not EventEnrolment.objects.exists()

    assert join(client, event).status_code == 302

    enrolment = EventEnrolment.objects.get()
    assert enrolment.data_consented == ["nickname", "account_level"]
    granted = ConsentEvent.objects.filter(purpose=Purpose.EVENT_PARTICIPATION, is_granted=True).latest("id")
    assert granted.scope == f"event:{event.pk}:nickname,account_level"


def test_a_changed_data_list_needs_a_new_agreement(client, member):
    # clause: INT-08
    event = make_event()
    client.force_login(member)

    response = join(client, event, data_shown="nickname")

    assert response.status_code == 400 and "has changed" in response.content.decode()
    assert (
        not EventEnrolment.objects.exists() and not ConsentEvent.objects.filter(purpose="event_participation").exists()
    )


def test_joining_sends_an_event_notice_through_the_notice_service(client, member):
    event = make_event()
    client.force_login(member)

    join(client, event)

    assert Message.objects.filter(member=member, kind="events", title__contains="Spring draw").exists()


def test_no_disclosure_to_a_joint_event_partner_without_that_events_sharing_consent(client, member, other_member, web):
    # clause: INT-09
    partner = make_partner()
    event = make_event(partner=partner)
    client.force_login(member)
    join(client, event)  # joins, does not tick sharing
    client.force_login(other_member)
    join(client, event, share_with_partner="on")
    # A sharing consent for another event does not count.
    consent.grant(member, Purpose.JOINT_EVENT_SHARING, scope="event:999:1", context=web)

    assert joint_event_partner_sync() == 1
    assert joint_event_partner_sync() == 0  # safe to run twice

    records = SharingRecord.objects.filter(partner=partner)
    assert list(records.values_list("member__member_name", flat=True)) == ["bob"]
    record = records.get()
    assert record.legal_basis == "consent" and record.reference == event.sharing_scope
    assert "nickname" in record.fields and not SharingRecord.objects.filter(member=member).exists()


def test_a_withdrawn_sharing_consent_stops_the_next_sync(client, member):
    # clause: INT-09
    event = make_event(partner=make_partner())
    client.force_login(member)
    join(client, event, share_with_partner="on")
    enrolment = EventEnrolment.objects.get()

    client.post(reverse("interactions:event-sharing", args=[enrolment.pk]), {"allow": "no"})
    events.sync_partners()

    assert not SharingRecord.objects.exists()
    assert not consent.has_consent(member, Purpose.JOINT_EVENT_SHARING, scope=event.sharing_scope)
    assert consent.has_consent(member, Purpose.EVENT_PARTICIPATION, scope=event.consent_scope)


def test_the_sharing_consent_is_asked_separately_and_only_for_joint_events(client, member):
    # clause: INT-09
    plain = make_event(title="Plain")
    joint = make_event(partner=make_partner(), title="Joint")
    client.force_login(member)

    assert (
        'name="share_with_partner"' not in client.get(reverse("interactions:event", args=[plain.pk])).content.decode()
    )
    html = client.get(reverse("interactions:event", args=[joint.pk])).content.decode()
    assert 'name="share_with_partner"' in html and 'name="agree"' in html and "Taobao Events Co." in html


def test_leaving_removes_the_enrolment_and_withdraws_both_consents(client, member):
    event = make_event(partner=make_partner())
    client.force_login(member)
    join(client, event, share_with_partner="on")

    client.post(reverse("interactions:event-leave", args=[EventEnrolment.objects.get().pk]))

    assert not EventEnrolment.objects.exists()
    assert not consent.has_consent(member, Purpose.EVENT_PARTICIPATION, scope=event.consent_scope)
    assert not consent.has_consent(member, Purpose.JOINT_EVENT_SHARING, scope=event.sharing_scope)


def test_a_winner_claims_the_prize_with_delivery_data(client, member):
    # clause: INT-08
    event = make_event(data=("nickname", "delivery"), has_prizes=True)
    client.force_login(member)
    join(client, event)
    enrolment = EventEnrolment.objects.get()
    claim = reverse("interactions:prize-claim", args=[enrolment.pk])
    assert client.get(claim).status_code == 404  # not a winner yet

    assert events.mark_winners(enrolments=EventEnrolment.objects.all()) == 1
    response = client.post(claim, {"consignee_name": "Alice Wang", "phone": "13800138001", "address": "12 Wensan Road"})

    assert response.status_code == 302
    prize = PrizeClaim.objects.get()
    assert (prize.consignee_name, prize.phone, prize.address) == ("Alice Wang", "+8613800138001", "12 Wensan Road")
    assert client.post(claim, {"consignee_name": "X", "phone": "13800138001", "address": "Y"}).status_code == 400
    assert PrizeClaim.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"consignee_name": "<script>alert(1)</script>", "phone": "not a phone", "address": "x"},
        {"consignee_name": "Alice\x00", "phone": "13800138001", "address": "12 Road"},
        {"consignee_name": "A" * 61, "phone": "13800138001", "address": "12 Road"},
        {"consignee_name": "Alice", "phone": "13800138001", "address": "x" * 301},
    ],
)
def test_bad_prize_claims_get_a_field_error_and_write_nothing(client, member, data):
    event = make_event(data=("delivery",), has_prizes=True)
    client.force_login(member)
    join(client, event)
    events.mark_winners(enrolments=EventEnrolment.objects.all())

    response = client.post(reverse("interactions:prize-claim", args=[EventEnrolment.objects.get().pk]), data)

    assert response.status_code == 400 and "<script>alert(1)</script>" not in response.content.decode()
    assert not PrizeClaim.objects.exists()


def test_another_members_enrolment_is_404(client, member, other_member):
    event = make_event(partner=make_partner(), data=("delivery",), has_prizes=True)
    client.force_login(member)
    join(client, event)
    enrolment = EventEnrolment.objects.get()
    events.mark_winners(enrolments=EventEnrolment.objects.all())
    client.force_login(other_member)

    assert client.post(reverse("interactions:event-leave", args=[enrolment.pk])).status_code == 404
    assert client.post(reverse("interactions:event-sharing", args=[enrolment.pk]), {"allow": "yes"}).status_code == 404
    assert client.get(reverse("interactions:prize-claim", args=[enrolment.pk])).status_code == 404
    assert EventEnrolment.objects.count() == 1


def test_joining_without_a_csrf_token_is_refused(member):
    event = make_event()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)

    assert join(strict, event).status_code == 403
    assert not EventEnrolment.objects.exists()


def test_an_event_with_prizes_must_declare_delivery_data(db):
    from interactions.forms import EventAdminForm

    now = timezone.now()
    form = EventAdminForm(
        {
            "title": "Draw",
            "description": "d",
            "data_used": ["nickname"],
            "has_prizes": "on",
            "starts_at": now.strftime("%Y-%m-%d %H:%M"),
            "ends_at": (now + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        }
    )

    assert not form.is_valid() and "data_used" in form.errors


def test_the_statistics_report_has_counts_and_rates_but_no_member_identifiers(client, member):
    # clause: INT-10
    event = make_event(data=("nickname", "delivery"), has_prizes=True, partner=make_partner())
    members = [
        Member.objects.create_user(
            f"player{n}", "a long enough secret", phone=f"+86139001390{n:02d}", nickname=f"Nick{n}"
        )
        for n in range(7)
    ]
    for player in members:
        events.join_event(
            member=player,
            event=event,
            data_shown=event.data_used,
            share_with_partner=True,
            context=consent.RequestContext(channel="web"),
        )
    events.mark_winners(enrolments=EventEnrolment.objects.filter(member__in=members[:2]))
    staff = Member.objects.create_user(
        "staffer", "a long enough secret", phone="+8613900139999", is_staff=True, is_superuser=True
    )
    sign_in_staff(client, staff)

    response = client.get(reverse("admin:interactions_marketingevent_statistics", args=[event.pk]))

    html = response.content.decode()
    table = html.split('data-testid="event-statistics"', 1)[1].split("</table>", 1)[0]
    assert response.status_code == 200
    assert "Participants" in table and "<td>7</td>" in table and "100.0%" in table
    # Two winners are fewer than the threshold: withheld.
    assert "fewer than 5" in table
    for player in members:
        assert player.member_name not in html and player.nickname not in html and player.phone not in html


def test_the_event_pages_need_a_bounded_number_of_queries(client, member, django_assert_max_num_queries):
    partner = make_partner()
    for n in range(6):
        event = make_event(title=f"Event {n}", partner=partner if n % 2 else None)
        events.join_event(
            member=member,
            event=event,
            data_shown=event.data_used,
            share_with_partner=bool(n % 2),
            context=consent.RequestContext(channel="web"),
        )
    client.force_login(member)

    with django_assert_max_num_queries(10):
        assert client.get(reverse("interactions:events")).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(reverse("interactions:my-events"))
    assert response.content.decode().count("Leave event") == 6


@pytest.mark.parametrize(
    "data_shown", ["<script>alert(1)</script>", "nickname\x00", "nickname," * 100, "orders,browsing"]
)
def test_hostile_join_input_gets_a_4xx_and_writes_nothing(client, member, data_shown):
    event = make_event()
    client.force_login(member)

    response = join(client, event, data_shown=data_shown)

    assert response.status_code == 400 and "<script>alert(1)</script>" not in response.content.decode()
    assert not EventEnrolment.objects.exists() and not ConsentEvent.objects.exists()


def test_an_event_that_is_not_open_is_404(client, member):
    event = make_event()
    MarketingEvent.objects.filter(pk=event.pk).update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(member)

    assert join(client, event).status_code == 404
    assert not EventEnrolment.objects.exists()


def test_nothing_is_shared_with_a_deactivated_partner(client, member):
    """At the joint-event caller: once the register deactivates the partner, the sync sends nothing."""
    partner = make_partner()
    event = make_event(partner=partner)
    client.force_login(member)
    join(client, event, share_with_partner="on")
    sharing.deactivate_partner(partner)

    assert joint_event_partner_sync() == 0
    assert not SharingRecord.objects.exists()
    assert EventEnrolment.objects.get().shared_with_partner_at is None
