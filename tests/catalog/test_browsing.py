"""Commodity and store pages, favourites, follows, likes, shares and history (II(II)1, RGT-04)."""

import pytest
from django.urls import reverse

from catalog.models import BrowsingHistory, Favorite, Follow, OperationHistory
from members.models import Member
from publishing.models import Review

pytestmark = pytest.mark.django_db

MEMBER_PAGES = ["catalog:favorites", "catalog:following", "catalog:history"]


def test_a_visitor_opens_commodity_and_store_pages_and_nothing_is_recorded(client, shelf):
    # clause: MEM-02
    drill = shelf["drill"]

    assert client.get(reverse("catalog:commodity", args=[drill.pk])).status_code == 200
    store_page = client.get(reverse("catalog:store", args=[drill.store.slug]))
    assert store_page.status_code == 200
    assert "Cordless drill" in store_page.content.decode()
    assert BrowsingHistory.objects.count() == 0


def test_an_unlisted_commodity_is_not_found(client, shelf):
    drill = shelf["drill"]
    drill.is_listed = False
    drill.save(update_fields=["is_listed"])

    assert client.get(reverse("catalog:commodity", args=[drill.pk])).status_code == 404


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_a_visitor_is_sent_to_sign_in_from_the_members_lists(client, name):
    # clause: MEM-02
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_visitor_cannot_favourite_like_or_follow(client, shelf):
    # clause: MEM-02
    drill = shelf["drill"]
    for url in (
        reverse("catalog:favorite", args=[drill.pk]),
        reverse("catalog:like", args=[drill.pk]),
        reverse("catalog:follow-store", args=[drill.store.slug]),
    ):
        assert client.post(url).status_code == 302
    assert OperationHistory.objects.count() == Favorite.objects.count() == Follow.objects.count() == 0


def test_liking_a_commodity_records_the_action_the_target_and_the_time(client, member, shelf):
    # clause: BRW-01
    client.force_login(member)

    client.post(reverse("catalog:like", args=[shelf["kite"].pk]))

    operation = OperationHistory.objects.get()
    assert (operation.member, operation.action, operation.commodity) == (member, "like", shelf["kite"])
    assert operation.occurred_at is not None


def test_favourite_share_follow_and_cart_each_write_one_operation_row(client, member, shelf):
    # clause: BRW-01
    client.force_login(member)
    drill = shelf["drill"]

    client.post(reverse("catalog:favorite", args=[drill.pk]))
    client.post(reverse("catalog:favorite", args=[drill.pk]))  # already saved: no second row
    client.post(reverse("catalog:share", args=[drill.pk]))
    client.post(reverse("catalog:follow-store", args=[drill.store.slug]))
    client.post(reverse("orders:cart-add", args=[drill.pk]), {"quantity": 1})

    actions = sorted(OperationHistory.objects.filter(member=member).values_list("action", flat=True))
    assert actions == ["cart", "favorite", "follow", "share"]
    assert Favorite.objects.filter(member=member, commodity=drill).count() == 1


def test_following_a_creator_and_never_oneself(client, member, other_member, shelf):
    # clause: BRW-01
    client.force_login(member)

    client.post(reverse("catalog:follow-creator", args=[other_member.pk]))
    client.post(reverse("catalog:follow-creator", args=[member.pk]))

    assert list(Follow.objects.filter(member=member).values_list("creator", flat=True)) == [other_member.pk]


def test_the_favorites_page_lists_and_deletes_one_or_all(client, member, other_member, shelf):
    # clause: BRW-02, RGT-04
    favorite = Favorite.objects.create(member=member, commodity=shelf["drill"])
    Favorite.objects.create(member=member, commodity=shelf["kite"])
    theirs = Favorite.objects.create(member=other_member, commodity=shelf["kite"])
    client.force_login(member)

    page = client.get(reverse("catalog:favorites")).content.decode()
    assert "Cordless drill" in page and "Kite" in page

    assert client.post(reverse("catalog:delete-one", args=["favorites", theirs.pk])).status_code == 404
    client.post(reverse("catalog:delete-one", args=["favorites", favorite.pk]))
    assert list(Favorite.objects.filter(member=member).values_list("commodity__title", flat=True)) == ["Kite"]

    client.post(reverse("catalog:delete-all", args=["favorites"]))
    assert list(Favorite.objects.all()) == [theirs]


def test_the_following_page_lists_and_unfollows(client, member, shelf):
    # clause: BRW-02
    follow = Follow.objects.create(member=member, store=shelf["drill"].store)
    client.force_login(member)

    assert "Ningbo Tools Direct" in client.get(reverse("catalog:following")).content.decode()
    client.post(reverse("catalog:delete-one", args=["follows", follow.pk]))

    assert not Follow.objects.exists()


def test_opening_a_commodity_adds_it_to_the_members_history(client, member, shelf):
    # clause: BRW-02
    client.force_login(member)

    client.get(reverse("catalog:commodity", args=[shelf["drill"].pk]))
    client.get(reverse("catalog:commodity", args=[shelf["drill"].pk]))  # reload: still one entry
    client.get(reverse("catalog:commodity", args=[shelf["kite"].pk]))

    page = client.get(reverse("catalog:history"))
    assert [e.commodity.title for e in page.context["views"]] == ["Kite", "Cordless drill"]


def test_deleting_a_history_entry_removes_it_from_the_page_and_the_recommender(client, member, shelf):
    # clause: BRW-02
    from catalog.selectors import preferred_category_ids

    entry = BrowsingHistory.objects.create(member=member, commodity=shelf["kite"])
    client.force_login(member)
    assert preferred_category_ids(member) == {shelf["kite"].category_id}

    client.post(reverse("catalog:delete-one", args=["history", entry.pk]))

    assert "Kite" not in client.get(reverse("catalog:history")).content.decode()
    assert preferred_category_ids(member) == set()


def test_clear_history_deletes_only_the_members_entries(client, member, other_member, shelf):
    # clause: BRW-02, RGT-04
    BrowsingHistory.objects.create(member=member, commodity=shelf["kite"])
    kept = BrowsingHistory.objects.create(member=other_member, commodity=shelf["kite"])
    client.force_login(member)

    client.post(reverse("catalog:delete-all", args=["history"]))

    assert list(BrowsingHistory.objects.all()) == [kept]


def test_the_history_page_needs_a_bounded_number_of_queries(client, member, shelf, django_assert_max_num_queries):
    for _ in range(10):
        for commodity in shelf.values():
            BrowsingHistory.objects.create(member=member, commodity=commodity)
            OperationHistory.objects.create(member=member, action="like", commodity=commodity)
    client.force_login(member)
    client.get(reverse("catalog:history"))  # the first request after sign-in also records the session

    # The member (the session comes from the cache), then count, searches, actions, blocks and
    # one page of views: not one per row.
    with django_assert_max_num_queries(6):
        client.get(reverse("catalog:history"))


def test_the_commodity_page_shows_reviews_with_a_follow_button_for_their_authors(client, member, shelf):
    author = Member.objects.create_user("carol", "pw-carol-123", nickname="Carol")
    Review.objects.create(author=author, commodity=shelf["drill"], rating=5, text="Solid drill.")
    client.force_login(member)

    page = client.get(reverse("catalog:commodity", args=[shelf["drill"].pk])).content.decode()

    assert "Solid drill." in page
    assert reverse("catalog:follow-creator", args=[author.pk]) in page
