"""Search over commodities: full-text on PostgreSQL, three sort orders, history only for members (II(II)2-3)."""

import pytest
from django.db import connection
from django.urls import reverse

from catalog import selectors
from catalog.models import SearchHistory, SearchTermStat
from privacy.consent import RequestContext, grant, withdraw
from privacy.purposes import Purpose
from tests.catalog.factories import CommodityFactory

pytestmark = pytest.mark.django_db

WEB = RequestContext(channel="web")


def titles(response) -> list[str]:
    return [c.title for c in response.context["page"].object_list]


def test_a_visitor_can_search_and_nothing_is_kept(client, shelf):
    # clause: MEM-02, BRW-03
    response = client.get(reverse("catalog:search"), {"q": "drill"})

    assert response.status_code == 200
    assert titles(response) == ["Cordless drill"]
    assert SearchHistory.objects.count() == 0


def test_search_matches_words_in_the_description_and_their_other_forms(client, shelf):
    # "glove" finds "Work gloves" by stemming; "cotton" is only in descriptions.
    assert titles(client.get(reverse("catalog:search"), {"q": "glove"})) == ["Work gloves"]
    assert titles(client.get(reverse("catalog:search"), {"q": "cotton"})) == ["Work gloves", "Kite"]


def test_the_search_uses_the_full_text_index_on_postgresql(shelf):
    from catalog.selectors import search_commodities

    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = search_commodities(query="drill").explain()
        cursor.execute("SET enable_seqscan = on")
    assert "commodity_search" in plan


def test_the_search_page_offers_sales_price_and_general_sorting(client, shelf):
    # clause: BRW-07
    page = client.get(reverse("catalog:search")).content.decode()

    for label in ("General sorting", "Sales", "Price: low to high"):
        assert label in page
    assert titles(client.get(reverse("catalog:search"), {"q": "cotton", "sort": "sales"})) == ["Work gloves", "Kite"]
    assert titles(client.get(reverse("catalog:search"), {"sort": "price"})) == ["Work gloves", "Kite", "Cordless drill"]
    assert titles(client.get(reverse("catalog:search"), {"sort": "price_desc"}))[0] == "Cordless drill"


def test_two_members_with_different_histories_get_the_same_order_sorted_by_price(client, member, other_member, shelf):
    # clause: BRW-07
    grant(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)
    grant(other_member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)
    client.force_login(member)
    client.get(reverse("catalog:commodity", args=[shelf["kite"].pk]))
    first = titles(client.get(reverse("catalog:search"), {"sort": "price"}))
    client.force_login(other_member)
    client.get(reverse("catalog:commodity", args=[shelf["drill"].pk]))
    second = titles(client.get(reverse("catalog:search"), {"sort": "price"}))

    assert first == second == ["Work gloves", "Kite", "Cordless drill"]


def test_general_sorting_uses_history_only_while_the_consent_is_granted(client, member, shelf):
    # clause: BRW-06, BRW-10
    client.force_login(member)
    client.get(reverse("catalog:commodity", args=[shelf["kite"].pk]))
    anonymous_order = ["Work gloves", "Cordless drill", "Kite"]

    assert titles(client.get(reverse("catalog:search"))) == anonymous_order

    grant(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)
    response = client.get(reverse("catalog:search"))
    assert titles(response) == ["Kite", "Work gloves", "Cordless drill"]
    assert response.context["is_personalised"]

    withdraw(member, Purpose.PERSONALISED_RECOMMENDATIONS, context=WEB)
    assert titles(client.get(reverse("catalog:search"))) == anonymous_order


def test_a_members_searches_are_kept_and_shown_back(client, member, shelf):
    # clause: BRW-03, BRW-04
    client.force_login(member)
    client.get(reverse("catalog:search"), {"q": "kite"})
    client.get(reverse("catalog:search"), {"q": "  cordless   drill "})
    response = client.get(reverse("catalog:search"), {"q": "kite"})

    entries = list(SearchHistory.objects.filter(member=member).values_list("query", flat=True))
    assert sorted(entries) == ["cordless drill", "kite", "kite"]
    assert response.context["recent_searches"] == ["kite", "cordless drill"]
    assert 'data-testid="recent-searches"' in response.content.decode()


def test_clear_search_history_deletes_every_entry_of_the_member_only(client, member, other_member, shelf):
    # clause: BRW-04, RGT-04
    SearchHistory.objects.create(member=member, query="drill")
    SearchHistory.objects.create(member=member, query="kite")
    kept = SearchHistory.objects.create(member=other_member, query="gloves")
    client.force_login(member)

    response = client.post(reverse("catalog:delete-all", args=["searches"]))

    assert response.status_code == 302
    assert list(SearchHistory.objects.all()) == [kept]
    assert client.get(reverse("catalog:search")).context["recent_searches"] == []


def test_one_search_entry_can_be_deleted_but_not_another_members(client, member, other_member):
    # clause: BRW-04, RGT-04
    mine = SearchHistory.objects.create(member=member, query="drill")
    theirs = SearchHistory.objects.create(member=other_member, query="kite")
    client.force_login(member)

    assert client.post(reverse("catalog:delete-one", args=["searches", theirs.pk])).status_code == 404
    assert client.post(reverse("catalog:delete-one", args=["searches", mine.pk])).status_code == 302
    assert list(SearchHistory.objects.all()) == [theirs]


def test_an_unknown_kind_of_history_is_a_404(client, member):
    client.force_login(member)

    assert client.post(reverse("catalog:delete-all", args=["members"])).status_code == 404


def test_the_search_page_needs_a_bounded_number_of_queries(client, member, shelf, django_assert_max_num_queries):
    CommodityFactory.create_batch(40, description="More cotton goods.")
    client.force_login(member)
    client.get(reverse("catalog:search"), {"q": "cotton"})

    # The member (session and page state come from the cache), then count, the term's statistic,
    # search-history insert and list, and one page of results: independent of the number of results.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("catalog:search"), {"q": "cotton"})
    assert response.context["page"].paginator.count == 42


def test_search_terms_are_counted_without_anything_that_identifies_the_searcher(client, member, shelf):
    # clause: BRW-05
    client.get(reverse("catalog:search"), {"q": "Drill"})
    client.force_login(member)
    client.get(reverse("catalog:search"), {"q": "drill"})

    stat = SearchTermStat.objects.get()
    assert (stat.term, stat.count) == ("drill", 2)
    columns = {f.name for f in SearchTermStat._meta.concrete_fields}
    assert columns == {"id", "term", "count", "last_searched_on"}
    assert not any(f.is_relation for f in SearchTermStat._meta.get_fields())


def test_general_sorting_ranks_the_best_selling_matches_by_relevance_and_the_rest_by_sales(monkeypatch):
    monkeypatch.setattr(selectors, "RANKED_CANDIDATES", 2)
    weak = CommodityFactory(title="Bulk socket set", description="Fits a drill.", sales_count=900)
    strong = CommodityFactory(title="Drill bits for a drill", description="Drill, drill, drill.", sales_count=800)
    strongest = CommodityFactory(title="Drill drill drill", description="Drill drill drill drill.", sales_count=10)

    results = list(selectors.search_commodities(query="drill", sort="general"))

    # The two best sellers are ranked by how well they match; the third follows by sales.
    assert results == [strong, weak, strongest]


def test_general_sorting_of_a_narrow_search_ranks_every_match():
    weak = CommodityFactory(title="Bulk socket set", description="Fits a drill.", sales_count=900)
    strongest = CommodityFactory(title="Drill drill drill", description="Drill drill drill drill.", sales_count=10)

    assert list(selectors.search_commodities(query="drill", sort="general")) == [strongest, weak]
