"""Home-page recommendations: personalised only with consent, and never from a blocked category (II(II)3)."""

import pytest
from django.urls import reverse

from catalog.models import BrowsingHistory, RecommendationBlock
from orders.models import Order
from privacy.consent import RequestContext, grant, withdraw
from privacy.purposes import Purpose

pytestmark = pytest.mark.django_db

WEB = RequestContext(channel="web")


def feed(client) -> list[str]:
    return [c.title for c in client.get(reverse("home")).context["commodities"]]


def test_with_the_toggle_off_the_members_feed_matches_a_visitors(client, member, shelf):
    # clause: BRW-10
    anonymous = feed(client)
    BrowsingHistory.objects.create(member=member, commodity=shelf["kite"])
    client.force_login(member)

    assert feed(client) == anonymous == ["Work gloves", "Cordless drill", "Kite"]


def test_with_the_consent_the_feed_starts_with_the_members_categories_until_withdrawn(client, member, shelf):
    # clause: BRW-06, BRW-10
    BrowsingHistory.objects.create(member=member, commodity=shelf["kite"])
    client.force_login(member)
    grant(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)

    response = client.get(reverse("home"))
    assert [c.title for c in response.context["commodities"]] == ["Kite", "Work gloves", "Cordless drill"]
    assert response.context["is_personalised"]

    withdraw(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)
    assert feed(client) == ["Work gloves", "Cordless drill", "Kite"]


@pytest.mark.parametrize("personalised", [False, True])
def test_block_similar_hides_the_category_from_the_members_recommendations(client, member, shelf, personalised):
    # clause: BRW-08
    if personalised:
        grant(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)
        BrowsingHistory.objects.create(member=member, commodity=shelf["drill"])
    client.force_login(member)
    tools = shelf["drill"].category

    response = client.post(reverse("catalog:block-category", args=[tools.pk]), {"next": reverse("home")})

    assert response["Location"] == reverse("home")
    assert RecommendationBlock.objects.filter(member=member, category=tools).exists()
    assert feed(client) == ["Kite"]


def test_a_blocked_category_is_listed_on_the_history_page_and_can_be_unblocked(client, member, shelf):
    # clause: BRW-08, RGT-04
    block = RecommendationBlock.objects.create(member=member, category=shelf["kite"].category)
    client.force_login(member)

    assert "Toys" in client.get(reverse("catalog:history")).content.decode()
    client.post(reverse("catalog:delete-one", args=["blocks", block.pk]))

    assert "Kite" in feed(client)


def test_a_visitor_cannot_block_a_category(client, shelf):
    response = client.post(reverse("catalog:block-category", args=[shelf["kite"].category_id]))

    assert response.status_code == 302
    assert not RecommendationBlock.objects.exists()


def test_the_block_redirect_never_leaves_the_site(client, member, shelf):
    client.force_login(member)

    response = client.post(
        reverse("catalog:block-category", args=[shelf["kite"].category_id]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("home")


def test_a_blocked_category_is_missing_from_the_favorites_and_order_page_slots(client, member, shelf):
    # clause: BRW-08
    order = Order.objects.create(
        number="T1",
        buyer=member,
        total_amount=5,
        consignee_name="A",
        consignee_phone="+8613800138001",
        delivery_address="B",
    )
    RecommendationBlock.objects.create(member=member, category=shelf["drill"].category)
    client.force_login(member)

    for url in (reverse("catalog:favorites"), reverse("orders:detail", args=[order.number])):
        slot = [c.title for c in client.get(url).context["recommendations"]]
        assert slot == ["Kite"]


def test_the_personalised_home_page_needs_a_bounded_number_of_queries(
    client, member, shelf, django_assert_max_num_queries
):
    grant(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)
    for _ in range(20):
        BrowsingHistory.objects.create(member=member, commodity=shelf["kite"])
    client.force_login(member)
    client.get(reverse("home"))

    # The member (session, consent state, blocks and the featured posts come from the cache or the
    # worker), then recent views, favourites and two commodity queries.
    with django_assert_max_num_queries(5):
        client.get(reverse("home"))


def test_each_card_offers_block_similar_through_the_pages_one_form(client, member, shelf):
    """The cards are kept per worker: the CSRF token and the current path sit in one form after the list."""
    client.force_login(member)

    page = client.get(reverse("home")).content.decode()

    tools = shelf["drill"].category
    assert f'form="block-similar" formaction="{reverse("catalog:block-category", args=[tools.pk])}"' in page
    form = page[page.index('<form id="block-similar"') :]
    form = form[: form.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in form and f'name="next" value="{reverse("home")}"' in form
    client.logout()
    assert 'id="block-similar"' not in client.get(reverse("home")).content.decode()
    assert "formaction" not in client.get(reverse("home")).content.decode()
