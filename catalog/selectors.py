"""How the catalog is read."""

from django.db.models import QuerySet

from catalog.models import Commodity


def best_sellers(*, limit: int = 12) -> QuerySet[Commodity]:
    """Listed commodities by sales: the non-personalised order everyone sees (BRW-07)."""
    return (
        Commodity.objects.filter(is_listed=True)
        .select_related("store", "category")
        .order_by("-sales_count", "id")[:limit]
    )
