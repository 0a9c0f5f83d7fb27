"""How the orders app reads: every query is scoped to the member before any lookup."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Sum

from orders.models import Address, CartItem, Order, OrderEvent, OrderItem
from privacy.sharing import sharing_records_for


def orders_for(member) -> QuerySet[Order]:
    return Order.objects.filter(buyer=member)


RECENT_ORDERS = 5


def recent_orders_for(member) -> QuerySet[Order]:
    """The member's latest orders, newest first (MEM-07): the dashboard's orders panel."""
    return (
        orders_for(member)
        .only("number", "status", "total_amount", "created_at")
        .order_by("-created_at", "-id")[:RECENT_ORDERS]
    )


def dashboard_panel_context(member) -> dict:
    orders = list(recent_orders_for(member))
    # Everything the panel shows of them: the key it is kept under ({% fragment %}); status labels vary by language only.
    orders_key = tuple((o.number, o.status, str(o.total_amount), o.created_at) for o in orders)
    return {"orders": orders, "orders_key": orders_key}


def _completed_orders_of_member() -> QuerySet[Order, Mapping[str, Any]]:
    return orders_for(OuterRef("pk")).filter(status=Order.Status.COMPLETED).order_by().values("buyer")


def completed_order_count():
    """Completed orders of the member at OuterRef("pk"): the usage account levels count (MEM-03)."""
    return Subquery(_completed_orders_of_member().annotate(n=Count("id")).values("n"))


def completed_order_spending():
    """What the member at OuterRef("pk") spent on completed orders (MEM-03)."""
    return Subquery(_completed_orders_of_member().annotate(total=Sum("total_amount")).values("total"))


def order_list_for(member, *, status: str = "") -> QuerySet[Order]:
    """My Orders: the columns the list shows, each order's goods in `item_list` (a plain list: no queryset per row)."""
    return orders_without_items_for(member, status=status).prefetch_related(
        Prefetch(
            "items",
            queryset=OrderItem.objects.only("order_id", "quantity", "title").order_by("id"),
            to_attr="item_list",
        )
    )


def orders_without_items_for(member, *, status: str = "") -> QuerySet[Order]:
    """The columns My Orders shows, newest first; `with_item_lists` adds the goods to the page's orders."""
    orders = orders_for(member).only("number", "status", "total_amount", "created_at")
    if status:
        orders = orders.filter(status=status)
    return orders.order_by("-created_at", "-id")


def orders_with_items_for(member) -> QuerySet[Order]:
    """The member's orders with every column and their goods, newest first: the API's order list."""
    return (
        orders_for(member)
        .prefetch_related(Prefetch("items", queryset=OrderItem.objects.order_by("id")))
        .order_by("-created_at", "-id")
    )


class ItemLine(NamedTuple):
    quantity: int
    title: str


def with_item_lists(orders: list[Order]) -> list[Order]:
    """Set each order's `item_list` (quantity and title of its goods) from one query of plain rows: no model per item."""
    lines: dict[int, list[ItemLine]] = {order.pk: [] for order in orders}
    if lines:
        rows = OrderItem.objects.filter(order_id__in=list(lines)).order_by("id")
        for order_id, quantity, title in rows.values_list("order_id", "quantity", "title"):
            lines[order_id].append(ItemLine(quantity, title))
    for order in orders:
        order.item_list = lines[order.pk]  # type: ignore[attr-defined]
    return orders


def order_detail_for(member) -> QuerySet[Order]:
    return (
        orders_for(member)
        .select_related("payment", "shipment")
        .prefetch_related(
            Prefetch("items", queryset=OrderItem.objects.select_related("commodity").order_by("id")),
            Prefetch("events", queryset=OrderEvent.objects.order_by("occurred_at", "id")),
        )
    )


def cart_for(member) -> QuerySet[CartItem]:
    return CartItem.objects.filter(member=member).select_related("commodity__store", "commodity__category")


def cart_total(items) -> Decimal:
    """What the cart costs now, at current prices (never the price in a form)."""
    return sum((item.commodity.price * item.quantity for item in items), Decimal("0"))


def addresses_for(member) -> QuerySet[Address]:
    return Address.objects.filter(member=member)


def sharing_for_order(member, order: Order):
    """The hand-offs of this order's data to partners, as the member sees them (SHR rows)."""
    return sharing_records_for(member).filter(reference=order.number)
