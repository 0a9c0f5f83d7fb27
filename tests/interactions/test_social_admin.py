"""Staff create marketing events declaring their data, pick winners, and publish store membership rules in admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import StoreMembershipRules
from interactions import events
from interactions.models import EventEnrolment, MarketingEvent, Message
from members.models import Member
from privacy import consent
from tests.catalog.factories import StoreFactory
from tests.interactions.partners import make_partner
from tests.interactions.test_events import make_event
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = Member.objects.create_user(
        "staffer", "a long enough secret", phone="+8613900139999", is_staff=True, is_superuser=True
    )
    sign_in_staff(client, staff)
    return client


def test_staff_create_an_event_listing_exactly_the_data_it_uses(staff_client):
    # clause: INT-08
    partner = make_partner()
    now = timezone.now()

    response = staff_client.post(
        reverse("admin:interactions_marketingevent_add"),
        {
            "title": "Autumn draw",
            "description": "Win tools.",
            "data_used": ["delivery", "nickname"],
            "partner": partner.pk,
            "has_prizes": "on",
            "starts_at_0": now.strftime("%Y-%m-%d"),
            "starts_at_1": now.strftime("%H:%M:%S"),
            "ends_at_0": (now + datetime.timedelta(days=5)).strftime("%Y-%m-%d"),
            "ends_at_1": now.strftime("%H:%M:%S"),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = MarketingEvent.objects.get()
    assert event.data_used == ["nickname", "delivery"] and event.partner == partner
    assert events.EVENT_CODE.match(event.share_code)
    assert staff_client.get(reverse("admin:interactions_marketingevent_change", args=[event.pk])).status_code == 200


def test_staff_mark_winners_who_are_told(staff_client, member):
    event = make_event(data=("delivery",), has_prizes=True)
    events.join_event(
        member=member,
        event=event,
        data_shown=event.data_used,
        share_with_partner=False,
        context=consent.RequestContext(channel="web"),
    )
    enrolment = EventEnrolment.objects.get()

    staff_client.post(
        reverse("admin:interactions_eventenrolment_changelist"),
        {"action": "mark_as_winners", "_selected_action": [enrolment.pk]},
    )

    enrolment.refresh_from_db()
    assert enrolment.won_at is not None
    assert Message.objects.filter(member=member, title__contains="won a prize").exists()


def test_staff_publish_store_rules_which_then_cannot_be_edited(staff_client):
    store = StoreFactory()
    rules = StoreMembershipRules.objects.create(
        store=store, label="V1", text="Points.", data_seen=["nickname"], effective_on=timezone.localdate()
    )

    staff_client.post(
        reverse("admin:catalog_storemembershiprules_changelist"),
        {"action": "publish", "_selected_action": [rules.pk]},
    )

    rules.refresh_from_db()
    assert rules.published_at is not None
    page = staff_client.get(reverse("admin:catalog_storemembershiprules_change", args=[rules.pk])).content.decode()
    assert 'name="_save"' not in page


def test_the_admin_lists_of_the_social_models_open(staff_client, member):
    for name in [
        "interactions_friendinvitation",
        "interactions_friendrequest",
        "interactions_friendship",
        "interactions_marketingevent",
        "interactions_eventenrolment",
        "interactions_prizeclaim",
        "catalog_storemembershiprules",
        "catalog_storeloyaltymembership",
    ]:
        assert staff_client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
