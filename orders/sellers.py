"""The seller's side of orders (TRX-15, section III(V)1).

A store's staff see only the orders that contain their store's goods, and of those
only the goods, the consignee's delivery fields and the remarks: never the buyer's
account, e-mail, ID or customs data, or browsing history. Sharing order data with
the seller needs no separate consent (necessary for the contract); every first
view of an order by a store is written as a sharing record the buyer sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.core.validators import slug_re
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from catalog.models import Store
from catalog.selectors import works_for_a_store
from interactions.selectors import conversations_for_stores
from orders.models import Order, OrderItem
from privacy.categories import DataCategory
from privacy.models import LegalBasis
from privacy.sharing import record_sharing, sharing_records_for

if TYPE_CHECKING:
    from members.models import Member

SELLER_PARTNER = "sellers"
# The only order fields a seller sees (TRX-15).
SELLER_FIELDS = (
    "number",
    "status",
    "created_at",
    "consignee_name",
    "consignee_phone",
    "delivery_address",
    "alternative_phone",
    "delivery_time",
    "remarks",
)


def seller_stores(member) -> QuerySet[Store]:
    """The stores the member works for as staff, by name: the seller centre lists them."""
    return Store.objects.filter(memberships__member=member).only("name", "slug").order_by("name", "pk")


def dashboard_panel_context(member) -> dict:
    """The dashboard's seller centre entry, shown only to a store's staff (cached per member; the pages check)."""
    return {"is_seller": works_for_a_store(member)}


def _own_items(member, store: Store | None = None) -> Q:
    own = Q(commodity__store__memberships__member=member)
    return own & Q(commodity__store=store) if store is not None else own


def seller_orders(member, *, store: Store | None = None) -> QuerySet[Order]:
    """Orders with at least one of the member's stores' goods (or of `store`, one of them), newest first, with only
    the seller's fields.

    Each order carries `own_items`: the goods of the member's stores (of `store`), never another store's.
    """
    own = _own_items(member, store)
    own_items = OrderItem.objects.filter(own).select_related("commodity__store").order_by("id")
    return (
        Order.objects.filter(pk__in=OrderItem.objects.filter(own).values("order_id"))
        .only(*SELLER_FIELDS, "buyer_id")
        .prefetch_related(Prefetch("items", queryset=own_items, to_attr="own_items"))
        .order_by("-created_at", "-id")
    )


def seller_order(member, number: str) -> Order | None:
    """One order for the seller; None when it holds none of the member's stores' goods."""
    return seller_orders(member).filter(number=number).first()


def _purpose(store: Store) -> str:
    return _("Delivery and after-sales by the seller %(store)s") % {"store": store.name}


@transaction.atomic
def record_seller_access(order: Order) -> int:
    """Write, once per store, the sharing record of this order's data to the seller (legal basis: contract)."""
    if order.buyer_id is None:
        return 0  # anonymized at the end of retention: nothing personal is left to share
    stores = {item.commodity.store for item in order.own_items}  # type: ignore[attr-defined]  # seller_orders() prefetches it
    buyer = cast("type[Member]", Order._meta.get_field("buyer").related_model)(pk=order.buyer_id)
    already = set(
        sharing_records_for(buyer)
        .filter(partner__code=SELLER_PARTNER, reference=order.number)
        .values_list("purpose", flat=True)
    )
    written = 0
    for store in sorted(stores, key=lambda s: s.pk):
        purpose = _purpose(store)[:200]
        if purpose in already:
            continue
        record_sharing(
            member=buyer,
            partner_code=SELLER_PARTNER,
            categories=[DataCategory.TRANSACTION, DataCategory.DELIVERY],
            fields=[f for f in SELLER_FIELDS if f not in ("number", "status", "created_at")] + ["items"],
            purpose=purpose,
            legal_basis=LegalBasis.CONTRACT,
            reference=order.number,
        )
        written += 1
    return written


def staff_store_ids(member) -> QuerySet:
    """The stores the member works for as staff (catalog.StoreMembership), as a subquery of ids."""
    return Store.objects.filter(memberships__member=member).values("pk")


def seller_conversations(member, *, store: Store | None = None) -> QuerySet:
    """The store chats of the member's stores only (INT-06), or of `store`, one of them: another store's chat is not
    theirs to read."""
    store_ids = staff_store_ids(member)
    return conversations_for_stores(store_ids.filter(pk=store.pk) if store is not None else store_ids)


def chosen_store(member, slug: str | None) -> Store | None:
    """The member's store named by `slug` (a seller page's ?store=), or None for all of their stores.

    Anything but the slug of one of their stores, a NUL byte included, is a 404, never another store's data.
    """
    if not slug:
        return None
    if not slug_re.fullmatch(slug):
        raise Http404
    return get_object_or_404(seller_stores(member), slug=slug)
