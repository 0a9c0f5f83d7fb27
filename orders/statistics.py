"""Section II(III) and POL-09: the analytics export of order statistics: set-based, and always through `deidentify()`."""

from __future__ import annotations

import csv
import datetime
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncDate

from orders.models import Order
from privacy.deidentify import deidentify

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

ORDER_STATISTICS_COLUMNS = ("number", "buyer_id", "status", "placed_on", "total_amount", "lines", "units")


def order_rows(*, since: datetime.date | None = None) -> QuerySet[Order, dict[str, Any]]:
    """One row per order, NOT yet de-identified: only for deidentify() or privacy.sharing.release_for_research()."""
    orders = Order.objects.order_by("id")
    if since is not None:
        orders = orders.filter(created_at__date__gte=since)
    return orders.annotate(
        placed_on=TruncDate("created_at"), lines=Count("items"), units=Sum("items__quantity", default=0)
    ).values(*ORDER_STATISTICS_COLUMNS)


def order_statistics(*, since: datetime.date | None = None) -> list[dict]:
    """One de-identified row per order: pseudonymous order and buyer, status, day, amount and basket size."""
    return cast("list[dict]", deidentify(order_rows(since=since)))  # rows in, rows out: only text comes back as text


def write_order_statistics(out: SupportsWrite[str], *, since: datetime.date | None = None) -> int:
    """Write the export as CSV to `out`; return the number of rows."""
    rows = order_statistics(since=since)
    writer = csv.DictWriter(out, fieldnames=ORDER_STATISTICS_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)
