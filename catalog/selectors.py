"""How the catalog is read: listings, search, recommendations and each member's own history."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.db.models.lookups import LessThanOrEqual

from catalog.models import (
    BrowsingHistory,
    Commodity,
    Favorite,
    Follow,
    OperationHistory,
    RecommendationBlock,
    SearchHistory,
    StoreMembership,
)
from privacy import generations
from privacy.consent import has_consent
from privacy.purposes import Purpose

SORTS = ("general", "sales", "price", "price_desc")
# How much of the member's recent activity the personalised ranking looks at.
RECENT_SIGNALS = 50
# General sorting computes relevance for this many of the best-selling matches only (ten pages
# of results): ranking parses each row's text again, which for a broad query (thousands of
# matches) cost several times the search itself. The other matches follow them by sales.
RANKED_CANDIDATES = 240
# A page view that read a member's rows just before a change may write them back just after: kept briefly.
MEMBER_CACHE_SECONDS = 600
# Generations (privacy.generations) of what workers keep: listed goods with their stores and categories,
# and the blocked categories of every member (which the erasure engine may delete without model signals).
LISTING_GENERATION = "catalog-listing"
BLOCKS_GENERATION = "catalog-blocks"
STORE_STAFF_GENERATION = "catalog-store-staff"
_kept_best_sellers: generations.Kept[tuple[Commodity, ...]] = generations.Kept(LISTING_GENERATION)


def blocked_cache_key(member_id: int) -> str:
    return f"catalog:blocked:{member_id}"


def store_staff_cache_key(member_id: int) -> str:
    return f"catalog:store-staff:{member_id}"


def page_state_cache_keys(member_id: int | None) -> list[str]:
    """Keys the recommendation slots read, for the page state's one MGET (portal.request_context)."""
    keys = [generations.cache_key(LISTING_GENERATION)]
    if member_id is not None:
        keys += [generations.cache_key(BLOCKS_GENERATION), blocked_cache_key(member_id)]
        keys += [generations.cache_key(STORE_STAFF_GENERATION), store_staff_cache_key(member_id)]
    return keys


def listed() -> QuerySet[Commodity]:
    return Commodity.objects.filter(is_listed=True).select_related("store", "category")


def best_sellers(*, limit: int = 12, exclude_categories=()) -> QuerySet[Commodity]:
    """Listed commodities by sales: the non-personalised order everyone sees (BRW-07)."""
    commodities = listed()
    if exclude_categories:
        commodities = commodities.exclude(category_id__in=exclude_categories)
    return commodities.order_by("-sales_count", "id")[:limit]


def is_personalised_for(member) -> bool:
    """Personalisation only while the member's consent is granted (BRW-10); visitors never."""
    return bool(member and member.is_authenticated) and has_consent(member, Purpose.PERSONALISED_RECOMMENDATIONS)


def search_vector() -> SearchVector:
    # The GIN index of migration catalog.0003 is built on exactly this expression.
    return SearchVector("title", "description", config="english")


def search_commodities(*, query: str, sort: str = "general", member=None) -> QuerySet[Commodity]:
    """Listed commodities matching `query`, in the chosen order.

    Sales and Price orders ignore who is asking (BRW-07). General sorting ranks by
    relevance and sales, and puts the member's own categories first only while
    the personalised-recommendation consent is granted (BRW-10).
    """
    commodities = listed()
    query = query.strip()
    search = None
    if query:
        if connection.vendor == "postgresql":
            search = SearchQuery(query, config="english", search_type="websearch")
            commodities = commodities.annotate(document=search_vector()).filter(document=search)
        else:
            for term in query.split():
                commodities = commodities.filter(Q(title__icontains=term) | Q(description__icontains=term))
    if sort == "sales":
        return commodities.order_by("-sales_count", "id")
    if sort == "price":
        return commodities.order_by("price", "id")
    if sort == "price_desc":
        return commodities.order_by("-price", "id")
    order = ["-sales_count", "id"]
    if search is not None:
        commodities = commodities.annotate(rank=_rank_of_top_sellers(search))
        order = ["-rank", *order]
    if is_personalised_for(member):
        preferred = list(preferred_category_ids(member))
        if preferred:
            commodities = commodities.annotate(
                is_preferred=Case(
                    When(category_id__in=preferred, then=Value(1)), default=Value(0), output_field=IntegerField()
                )
            )
            order = ["-is_preferred", *order]
    return commodities.order_by(*order)


def _rank_of_top_sellers(search: SearchQuery) -> Case:
    """Relevance of each of the RANKED_CANDIDATES best-selling matches; 0 for the others.

    PostgreSQL evaluates the CASE after numbering the matches by sales, so the
    costly rank is computed for the candidates alone.
    """
    by_sales = Window(RowNumber(), order_by=[F("sales_count").desc(), F("id").asc()])
    return Case(
        When(LessThanOrEqual(by_sales, RANKED_CANDIDATES), then=SearchRank(search_vector(), search)),
        default=Value(0.0),
        output_field=FloatField(),
    )


def preferred_category_ids(member) -> set[int]:
    """Categories of the member's recent views and favourites: the recommender's only inputs (BRW-06)."""
    viewed = (
        BrowsingHistory.objects.filter(member=member)
        .order_by("-viewed_at")
        .values_list("commodity__category_id", flat=True)[:RECENT_SIGNALS]
    )
    saved = (
        Favorite.objects.filter(member=member)
        .order_by("-created_at")
        .values_list("commodity__category_id", flat=True)[:RECENT_SIGNALS]
    )
    return set(viewed) | set(saved)


def blocked_category_ids(member) -> list[int]:
    """The categories the member blocked (BRW-08), cached per member (catalog.signals drops it on a change)."""
    if not (member and member.is_authenticated):
        return []
    blocked = generations.cached(
        BLOCKS_GENERATION,
        blocked_cache_key(member.pk),
        lambda: tuple(RecommendationBlock.objects.filter(member=member).values_list("category_id", flat=True)),
        timeout=MEMBER_CACHE_SECONDS,
    )
    return list(blocked)


def is_store_staff(member) -> bool:
    """Whether the member is staff of any store, read from the database: what the seller pages check."""
    return bool(member and member.is_authenticated) and StoreMembership.objects.filter(member=member).exists()


def works_for_a_store(member) -> bool:
    """`is_store_staff`, cached per member: only for showing the dashboard's seller centre entry."""
    if not (member and member.is_authenticated):
        return False
    return generations.cached(
        STORE_STAFF_GENERATION,
        store_staff_cache_key(member.pk),
        lambda: is_store_staff(member),
        timeout=MEMBER_CACHE_SECONDS,
    )


def recommendations_for(member, *, limit: int = 12) -> tuple[list[Commodity], bool]:
    """(commodities, is_personalised) for a recommendation slot.

    Without the consent, and for visitors, everyone gets best sellers (BRW-10).
    Categories the member blocked never appear either way (BRW-08): blocking is
    the member's own instruction, not a use of their history.
    """
    blocked = blocked_category_ids(member)
    if not is_personalised_for(member):
        # The same for everyone who blocked the same categories: kept per worker for the listing's generation.
        key = (limit, tuple(sorted(blocked)))
        kept = _kept_best_sellers.get(key, lambda: tuple(best_sellers(limit=limit, exclude_categories=blocked)))
        return list(kept), False
    preferred = preferred_category_ids(member) - set(blocked)
    picks: list[Commodity] = []
    if preferred:
        picks = list(
            listed()
            .filter(category_id__in=preferred)
            .exclude(category_id__in=blocked)
            .order_by("-sales_count", "id")[:limit]
        )
    if len(picks) < limit:
        seen = [c.id for c in picks]
        picks += list(
            listed()
            .exclude(category_id__in=blocked)
            .exclude(id__in=seen)
            .order_by("-sales_count", "id")[: limit - len(picks)]
        )
    return picks, True


def favorites_for(member) -> QuerySet[Favorite]:
    return Favorite.objects.filter(member=member).select_related("commodity__store", "commodity__category")


def follows_for(member) -> QuerySet[Follow]:
    return Follow.objects.filter(member=member).select_related("store", "creator")


def browsing_history_for(member) -> QuerySet[BrowsingHistory]:
    return BrowsingHistory.objects.filter(member=member).select_related("commodity__store", "commodity__category")


def search_history_for(member) -> QuerySet[SearchHistory]:
    return SearchHistory.objects.filter(member=member)


def recent_searches_for(member, *, limit: int = 8) -> list[str]:
    """The member's latest distinct search terms, newest first, as shown under the search box."""
    terms: list[str] = []
    for query in search_history_for(member).order_by("-searched_at", "-id").values_list("query", flat=True)[:50]:
        if query not in terms:
            terms.append(query)
    return terms[:limit]


def operations_for(member) -> QuerySet[OperationHistory]:
    return OperationHistory.objects.filter(member=member).select_related("commodity", "store", "creator")


def blocks_for(member) -> QuerySet[RecommendationBlock]:
    return RecommendationBlock.objects.filter(member=member).select_related("category")


def commodity_state_for(member, commodity: Commodity) -> dict[str, bool]:
    """Whether the member already saved this commodity and follows its store (two small queries)."""
    if not (member and member.is_authenticated):
        return {"is_favorite": False, "follows_store": False}
    return {
        "is_favorite": Favorite.objects.filter(member=member, commodity=commodity).exists(),
        "follows_store": Follow.objects.filter(member=member, store_id=commodity.store_id).exists(),
    }
