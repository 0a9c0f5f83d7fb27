"""A store's own membership programme under its own notified rules (POL-05)."""

import datetime

import pytest
from django.db import InternalError, ProgrammingError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog import loyalty
from catalog.models import StoreLoyaltyMembership, StoreMembership, StoreMembershipRules
from members.models import Member
from tests.catalog.factories import StoreFactory

pytestmark = pytest.mark.django_db


def rules_for(
    store, *, label="2026 V1", data_seen=("nickname",), days_ago=1, publish=True, text="Members earn points."
):
    rules = StoreMembershipRules.objects.create(
        store=store,
        label=label,
        text=text,
        data_seen=list(data_seen),
        effective_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )
    return loyalty.publish_rules(rules) if publish else rules


@pytest.fixture
def store(db):
    return StoreFactory(name="Ningbo Tools Direct", slug="ningbo-tools")


def join_url(store):
    return reverse("catalog:store-membership", args=[store.slug])


def test_the_join_page_links_the_stores_rules_before_the_confirm_button(client, member, store):
    # clause: POL-05
    rules = rules_for(store)
    client.force_login(member)

    html = client.get(join_url(store)).content.decode()

    link = html.index(f'href="{reverse("catalog:store-rules", args=[store.slug])}"')
    assert link < html.index('data-testid="confirm-join"')
    notice = html.split('data-testid="rules-notice"', 1)[1].split("</p>", 1)[0]
    assert "own rules, not the 1688 privacy policy" in notice and rules.label in notice
    rules_page = client.get(reverse("catalog:store-rules", args=[store.slug])).content.decode()
    assert "Members earn points." in rules_page and "not the 1688 privacy policy" in rules_page


def test_joining_records_the_rules_version_read_and_leaving_is_one_click(client, member, store):
    # clause: POL-05
    rules = rules_for(store)
    client.force_login(member)

    assert client.post(join_url(store), {"rules": rules.pk}).status_code == 302
    membership = StoreLoyaltyMembership.objects.get()
    assert (membership.member, membership.rules) == (member, rules)

    response = client.post(reverse("catalog:store-membership-leave", args=[membership.pk]))
    assert response.status_code == 302 and not StoreLoyaltyMembership.objects.exists()


def test_joining_under_rules_that_changed_since_they_were_read_writes_nothing(client, member, store):
    # clause: POL-05
    old = rules_for(store, label="2026 V1", days_ago=10)
    rules_for(store, label="2026 V2", days_ago=0)
    client.force_login(member)

    response = client.post(join_url(store), {"rules": old.pk})

    assert response.status_code == 400 and "have changed" in response.content.decode()
    assert not StoreLoyaltyMembership.objects.exists()


def test_a_store_without_published_rules_has_no_programme(client, member, store):
    rules_for(store, publish=False)
    client.force_login(member)

    assert client.get(join_url(store)).status_code == 404
    assert (
        'data-testid="store-programme"' not in client.get(reverse("catalog:store", args=[store.slug])).content.decode()
    )


def test_published_rules_cannot_be_changed(store):
    rules = rules_for(store)

    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        StoreMembershipRules.objects.filter(pk=rules.pk).update(text="Changed quietly.")


def test_the_store_sees_only_what_the_rules_name(client, member, other_member, store):
    # clause: POL-05
    member.nickname, member.level = "Alice W.", 3
    member.save(update_fields=["nickname", "level"])
    rules = rules_for(store, data_seen=["account_level"])
    loyalty.join_programme(member=member, store=store, rules_id=rules.pk)
    StoreMembership.objects.create(store=store, member=other_member)
    client.force_login(other_member)

    html = client.get(reverse("catalog:seller-programme-members", args=[store.slug])).content.decode()

    table = html.split('data-testid="programme-members"', 1)[1].split("</table>", 1)[0]
    assert "Account level: 3" in table
    assert "Alice W." not in html and "alice" not in html and member.phone not in html


def test_only_the_stores_staff_see_its_members(client, member, other_member, store):
    rules_for(store)
    client.force_login(member)

    assert client.get(reverse("catalog:seller-programme-members", args=[store.slug])).status_code == 404


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "1\x00", "9" * 500, ""])
def test_bad_join_input_gets_a_4xx_and_writes_nothing(client, member, store, value):
    rules_for(store)
    client.force_login(member)

    response = client.post(join_url(store), {"rules": value})

    assert response.status_code == 400 and "<script>alert(1)</script>" not in response.content.decode()
    assert not StoreLoyaltyMembership.objects.exists()


def test_another_members_membership_is_404_and_csrf_is_required(client, member, other_member, store):
    rules = rules_for(store)
    membership = loyalty.join_programme(member=member, store=store, rules_id=rules.pk)
    client.force_login(other_member)

    assert client.post(reverse("catalog:store-membership-leave", args=[membership.pk])).status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(other_member)
    assert strict.post(join_url(store), {"rules": rules.pk}).status_code == 403
    assert list(StoreLoyaltyMembership.objects.values_list("member", flat=True)) == [member.pk]


def test_the_membership_pages_need_a_bounded_number_of_queries(
    client, member, other_member, django_assert_max_num_queries
):
    for n in range(6):
        shop = StoreFactory(name=f"Shop {n}", slug=f"shop-{n}")
        loyalty.join_programme(member=member, store=shop, rules_id=rules_for(shop).pk)
        StoreMembership.objects.get_or_create(store=shop, member=other_member)
    shop = StoreFactory(name="Big shop", slug="big-shop")
    rules = rules_for(shop, data_seen=["nickname", "account_level", "member_since"])
    for n in range(8):
        buyer = Member.objects.create_user(f"buyer{n}", "a long enough secret", phone=f"+861390013900{n}")
        loyalty.join_programme(member=buyer, store=shop, rules_id=rules.pk)
    StoreMembership.objects.create(store=shop, member=other_member)
    client.force_login(member)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("catalog:store-memberships"))
    assert response.content.decode().count(">Leave<") == 6
    client.force_login(other_member)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("catalog:seller-programme-members", args=[shop.slug]))
    assert response.content.decode().count("Account level:") == 8
