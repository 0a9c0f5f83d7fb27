"""How the orders app reads: every query is scoped to the member before any lookup."""

from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from orders.models import Address, CartItem, Order, OrderEvent, OrderItem
from privacy.sharing import sharing_records_for


def orders_for(member) -> QuerySet[Order]:
    return Order.objects.filter(buyer=member)


def order_list_for(member, *, status: str = "") -> QuerySet[Order]:
    orders = orders_for(member).prefetch_related(Prefetch("items", queryset=OrderItem.objects.order_by("id")))
    if status:
        orders = orders.filter(status=status)
    return orders.order_by("-created_at", "-id")


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
