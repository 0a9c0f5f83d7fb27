"""What members do while browsing (section II(II)): save, follow, like, share, and manage their history."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from catalog.models import (
    BrowsingHistory,
    Commodity,
    CommodityCategory,
    Favorite,
    Follow,
    OperationHistory,
    RecommendationBlock,
    SearchHistory,
    SearchTermStat,
    Store,
)

Action = OperationHistory.Action
SEARCH_QUERY_MAX = 200


def record_operation(*, member, action: str, commodity=None, store=None, creator=None) -> OperationHistory:
    """One OperationHistory row per favourite, cart, follow, share or like (BRW-01)."""
    return OperationHistory.objects.create(
        member=member, action=Action(action), commodity=commodity, store=store, creator=creator
    )


def record_view(*, member, commodity: Commodity) -> None:
    """Add the commodity to the member's History, unless it is already the latest entry."""
    latest = (
        BrowsingHistory.objects.filter(member=member)
        .order_by("-viewed_at", "-id")
        .values_list("commodity_id", flat=True)
        .first()
    )
    if latest != commodity.pk:
        BrowsingHistory.objects.create(member=member, commodity=commodity)


def record_search(*, member, query: str) -> None:
    """Keep a signed-in member's search terms (BRW-03); visitors' searches are never stored.

    Every search, a visitor's too, also counts towards its term's statistic, which
    holds no trace of who searched (BRW-05).
    """
    query = " ".join(query.split())[:SEARCH_QUERY_MAX]
    if not query:
        return
    count_search_term(query.lower())
    if member.is_authenticated:
        SearchHistory.objects.create(member=member, query=query)


def count_search_term(term: str) -> None:
    today = timezone.localdate()
    updated = SearchTermStat.objects.filter(term=term).update(count=F("count") + 1, last_searched_on=today)
    if not updated:
        try:
            with transaction.atomic():
                SearchTermStat.objects.create(term=term, count=1, last_searched_on=today)
        except IntegrityError:
            # Another request created it first.
            SearchTermStat.objects.filter(term=term).update(count=F("count") + 1, last_searched_on=today)


@transaction.atomic
def add_favorite(*, member, commodity: Commodity) -> bool:
    """Save the commodity to Favorites; False when it already was."""
    _, created = Favorite.objects.get_or_create(member=member, commodity=commodity)
    if created:
        record_operation(member=member, action=Action.FAVORITE, commodity=commodity)
    return created


@transaction.atomic
def follow_store(*, member, store: Store) -> bool:
    _, created = Follow.objects.get_or_create(member=member, store=store)
    if created:
        record_operation(member=member, action=Action.FOLLOW, store=store)
    return created


@transaction.atomic
def follow_creator(*, member, creator) -> bool:
    """Follow another member who publishes; following oneself is refused by a constraint."""
    if creator.pk == member.pk:
        return False
    try:
        with transaction.atomic():
            _, created = Follow.objects.get_or_create(member=member, creator=creator)
    except IntegrityError:
        return False
    if created:
        record_operation(member=member, action=Action.FOLLOW, creator=creator)
    return created


@transaction.atomic
def block_category(*, member, category: CommodityCategory) -> bool:
    """Never recommend this category to the member again (BRW-08)."""
    _, created = RecommendationBlock.objects.get_or_create(member=member, category=category)
    return created


# Deleting: each takes the member, so another member's row is never touched (RGT-04).
Managed = type[Favorite | Follow | BrowsingHistory | SearchHistory | OperationHistory | RecommendationBlock]
MANAGED: dict[str, Managed] = {
    "favorites": Favorite,
    "follows": Follow,
    "history": BrowsingHistory,
    "searches": SearchHistory,
    "operations": OperationHistory,
    "blocks": RecommendationBlock,
}


def delete_one(*, member, kind: str, pk: int) -> int:
    """Delete one of the member's own rows of `kind`; the number deleted (0 when it is not theirs)."""
    deleted, _ = MANAGED[kind].objects.filter(member=member, pk=pk).delete()
    return deleted


def delete_all(*, member, kind: str) -> int:
    """Delete every row of `kind` the member has, in one statement."""
    deleted, _ = MANAGED[kind].objects.filter(member=member).delete()
    return deleted
