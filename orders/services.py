"""What members and staff do with carts, addresses and orders (section II(III)).

Prices always come from the catalog at the moment of the order, never from a form.
"""

import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Commodity
from catalog.services import Action, record_operation
from interactions.models import AlertCategory
from interactions.services import notify
from orders import customs
from orders.models import Address, CartItem, Order, OrderEvent, OrderItem, Payment, Shipment, TrackingEvent
from orders.partners import PAYMENT_PARTNERS, CainiaoTracking, adapter
from privacy.consent import RequestContext, grant, has_consent
from privacy.purposes import Purpose

Status = Order.Status
Source = OrderEvent.Source
MAX_QUANTITY = 9999


@dataclass(frozen=True)
class Consignee:
    name: str
    phone: str
    address: str
    alternative_phone: str = ""
    delivery_time: str = ""
    # TRX-06, POL-08: ordering for someone else needs the member's confirmation that they agreed.
    is_someone_else: bool = False
    has_agreed: bool = False


@dataclass(frozen=True)
class Invoice:
    title: str
    taxpayer_id: str
    email: str


@dataclass(frozen=True)
class CustomsDetails:
    id_name: str
    id_number: str
    # The separate sensitive-information consent given on the checkout form (TRX-03).
    consents_now: bool = False


# -- cart ------------------------------------------------------------------


def _check_quantity(quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationError(_("Quantity must be between 1 and %(max)d.") % {"max": MAX_QUANTITY}, code="quantity")


def _check_minimum(commodity: Commodity, quantity: int) -> None:
    if quantity < commodity.minimum_order:
        raise ValidationError(
            _("%(title)s sells from %(minimum)d pieces.")
            % {"title": commodity.title, "minimum": commodity.minimum_order},
            code="below_minimum",
        )


@transaction.atomic
def add_to_cart(*, member, commodity: Commodity, quantity: int) -> CartItem:
    """Add `quantity` of a listed commodity; the price is snapshotted for price-drop alerts (TRX-01)."""
    _check_quantity(quantity)
    if not commodity.is_listed:
        raise ValidationError(_("This commodity is no longer sold."), code="unlisted")
    item, created = CartItem.objects.select_for_update().get_or_create(
        member=member, commodity=commodity, defaults={"quantity": quantity, "price_snapshot": commodity.price}
    )
    # The locked row gives the quantity already in the cart; a refusal rolls the new row back.
    _check_minimum(commodity, quantity if created else item.quantity + quantity)
    if not created:
        _check_quantity(item.quantity + quantity)
        CartItem.objects.filter(pk=item.pk).update(quantity=F("quantity") + quantity)
        item.refresh_from_db(fields=["quantity"])
    record_operation(member=member, action=Action.CART, commodity=commodity)
    return item


def set_cart_quantity(*, member, item_id: int, quantity: int) -> int:
    """Change the quantity of one of the member's cart items; the number of rows changed."""
    _check_quantity(quantity)
    item = CartItem.objects.filter(member=member, pk=item_id).select_related("commodity").first()
    if item is None:
        return 0
    _check_minimum(item.commodity, quantity)
    return CartItem.objects.filter(pk=item.pk).update(quantity=quantity)


def remove_from_cart(*, member, item_id: int) -> int:
    deleted, _ = CartItem.objects.filter(member=member, pk=item_id).delete()
    return deleted


# -- address book ----------------------------------------------------------


def add_address(*, member, consignee_name: str, phone: str, address: str) -> Address:
    return Address.objects.create(member=member, consignee_name=consignee_name, phone=phone, address=address)


def update_address(*, member, pk: int, consignee_name: str, phone: str, address: str) -> int:
    return Address.objects.filter(member=member, pk=pk).update(
        consignee_name=consignee_name, phone=phone, address=address
    )


def delete_address(*, member, pk: int) -> int:
    """Delete a saved address for good (RGT-04); orders keep their own copy of the consignee."""
    deleted, _ = Address.objects.filter(member=member, pk=pk).delete()
    return deleted


# -- placing an order ------------------------------------------------------


def _new_order_number() -> str:
    return f"{timezone.now():%Y%m%d}{secrets.randbelow(10**10):010d}"


@transaction.atomic
def place_order(
    *,
    member,
    consignee: Consignee,
    remarks: str = "",
    invoice: Invoice | None = None,
    customs_details: CustomsDetails | None = None,
    context: RequestContext,
) -> Order:
    """Turn the member's cart into an order at today's prices, and empty the cart."""
    items = list(
        CartItem.objects.filter(member=member)
        .select_related("commodity")
        .select_for_update(of=("self",))
        .order_by("id")
    )
    if not items:
        raise ValidationError(_("Your cart is empty."), code="empty_cart")
    if any(not item.commodity.is_listed for item in items):
        raise ValidationError(_("Something in your cart is no longer sold; remove it first."), code="unlisted")
    for item in items:
        _check_minimum(item.commodity, item.quantity)
    if consignee.is_someone_else and not consignee.has_agreed:
        raise ValidationError(
            _("Confirm that the consignee agreed to give you their details."), code="consignee_not_attested"
        )
    is_cross_border = any(item.commodity.is_cross_border for item in items)
    sealed_id = None
    id_name = ""
    if is_cross_border:
        if customs_details is None or not customs_details.id_name or not customs_details.id_number:
            raise ValidationError(_("Cross-border goods need the consignee's ID details for customs."), code="customs")
        if not has_consent(member, Purpose.CUSTOMS_ID):
            if not customs_details.consents_now:
                raise ValidationError(
                    _("Giving ID details for customs needs your separate consent."), code="customs_consent"
                )
            grant(member, Purpose.CUSTOMS_ID, context=context)
        sealed_id, id_name = customs.seal(customs_details.id_number), customs_details.id_name
    now = timezone.now()
    order = Order.objects.create(
        number=_new_order_number(),
        buyer=member,
        total_amount=sum((item.commodity.price * item.quantity for item in items), Decimal("0")),
        consignee_name=consignee.name,
        consignee_phone=consignee.phone,
        delivery_address=consignee.address,
        alternative_phone=consignee.alternative_phone,
        delivery_time=consignee.delivery_time,
        is_for_someone_else=consignee.is_someone_else,
        consignee_consent_attested_at=now if consignee.is_someone_else else None,
        remarks=remarks,
        invoice_title=invoice.title if invoice else "",
        taxpayer_id=invoice.taxpayer_id if invoice else "",
        invoice_email=invoice.email if invoice else "",
        customs_id_name=id_name,
        customs_id_number_encrypted=sealed_id,
        created_at=now,
    )
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            commodity=item.commodity,
            title=item.commodity.title,
            unit_price=item.commodity.price,
            quantity=item.quantity,
        )
        for item in items
    )
    OrderEvent.objects.create(order=order, status=Status.PLACED, source=Source.MEMBER, occurred_at=now)
    CartItem.objects.filter(pk__in=[item.pk for item in items]).delete()
    return order


# -- payment, delivery, completion -----------------------------------------


def _move(order: Order, *, old: str, new: str, source: str, **times) -> None:
    """Conditional status change: two requests racing on one order cannot both win."""
    changed = Order.objects.filter(pk=order.pk, status=old).update(status=new, **times)
    if changed != 1:
        raise ValidationError(
            _("This order is no longer %(status)s.") % {"status": Status(old).label}, code="status_changed"
        )
    OrderEvent.objects.create(order=order, status=new, source=source, occurred_at=timezone.now())
    order.status = new
    for name, value in times.items():
        setattr(order, name, value)


@transaction.atomic
def pay_order(
    *,
    member,
    order: Order,
    partner_code: str,
    payer_account: str = "",
    payer_phone: str = "",
    is_paid_by_other: bool = False,
    payer_has_agreed: bool = False,
    in_partner_app: bool = False,
    payer_details_consent: bool = False,
    context: RequestContext | None = None,
) -> Payment:
    """Pay a placed order through Alipay or MYbank, possibly by someone else (TRX-09, TRX-11).

    With `in_partner_app` the member confirms in the partner's app: the payment waits
    and the order stays placed until the partner's notice or status poll says paid (TRX-12).
    """
    if order.buyer_id != member.pk:
        raise ValidationError(_("This is not your order."), code="not_owner")
    if partner_code not in dict(PAYMENT_PARTNERS):
        raise ValidationError(_("Choose Alipay or MYbank."), code="partner")
    if is_paid_by_other:
        if not (payer_account or payer_phone):
            raise ValidationError(_("Give the payer's payment account or mobile number."), code="payer_missing")
        if not payer_has_agreed:
            raise ValidationError(
                _("Confirm that the payer agreed to give you their details."), code="payer_not_attested"
            )
        if not payer_details_consent or context is None:
            # DEF-02: the payer's account or number is sensitive; it is kept only with its own consent.
            raise ValidationError(
                _("Giving a payment account needs your separate consent."), code="financial_account_consent"
            )
    else:
        payer_account = payer_phone = ""
    now = timezone.now()
    if in_partner_app:
        if Payment.objects.filter(order=order).exists() or order.status != Status.PLACED:
            raise ValidationError(_("This order is already being paid."), code="status_changed")
    else:
        _move(order, old=Status.PLACED, new=Status.PAID, source=partner_code, paid_at=now)
    handoff = adapter(partner_code).hand_off(
        member=member,
        reference=order.number,
        payload={
            "order_number": order.number,
            "amount": str(order.total_amount),
            "payer_account": payer_account,
            "payer_phone": payer_phone,
        },
    )
    if is_paid_by_other and context is not None:
        grant(member, Purpose.FINANCIAL_ACCOUNT, context=context)
    return Payment.objects.create(
        order=order,
        partner_code=partner_code,
        amount=order.total_amount,
        reference=handoff.partner_reference,
        is_paid_by_other=is_paid_by_other,
        payer_account=payer_account,
        payer_phone=payer_phone,
        payer_consent_attested_at=now if is_paid_by_other else None,
        status=Payment.Status.PENDING if in_partner_app else Payment.Status.PAID,
        requested_at=now,
        paid_at=None if in_partner_app else now,
    )


@transaction.atomic
def ship_order(*, order: Order) -> Shipment:
    """Hand a paid order's delivery details to Cainiao and mark it shipped (TRX-13)."""
    now = timezone.now()
    _move(order, old=Status.PAID, new=Status.SHIPPED, source=Source.CAINIAO, shipped_at=now)
    handoff = adapter("cainiao").hand_off(
        member=order.buyer,
        reference=order.number,
        payload={
            "consignee_name": order.consignee_name,
            "consignee_phone": order.consignee_phone,
            "delivery_address": order.delivery_address,
        },
    )
    return Shipment.objects.create(
        order=order, partner_code="cainiao", tracking_number=handoff.partner_reference, created_at=now
    )


@transaction.atomic
def confirm_receipt(*, member, order: Order) -> None:
    """The member confirms delivery: the order is completed and its 3-year retention starts (STO-02)."""
    if order.buyer_id != member.pk:
        raise ValidationError(_("This is not your order."), code="not_owner")
    _move(order, old=Status.SHIPPED, new=Status.COMPLETED, source=Source.MEMBER, completed_at=timezone.now())


@transaction.atomic
def request_after_sales(*, member, order: Order) -> None:
    if order.buyer_id != member.pk:
        raise ValidationError(_("This is not your order."), code="not_owner")
    _move(order, old=Status.COMPLETED, new=Status.AFTER_SALES, source=Source.MEMBER)


# -- price-drop alerts ----------------------------------------------------------


@transaction.atomic
def alert_price_drops() -> int:
    """Tell members when a commodity in their cart got cheaper than when they added it (TRX-01).

    Set-based and safe to run twice: after the alert, the snapshot moves to the new
    price, so the same drop is never reported again. Returns the number of alerts.
    """
    dropped = list(
        CartItem.objects.filter(commodity__price__lt=F("price_snapshot"))
        .select_related("commodity", "member")
        .select_for_update(of=("self",), skip_locked=True)
        .order_by("id")
    )
    if not dropped:
        return 0
    # Price drops are event offers: the notice service applies the member's switches and marketing consent.
    for item in dropped:
        notify(
            item.member,
            AlertCategory.EVENTS,
            title=_("Price drop: %(title)s") % {"title": item.commodity.title},
            body=_("%(title)s in your cart now costs ¥%(new)s instead of ¥%(old)s.")
            % {"title": item.commodity.title, "new": item.commodity.price, "old": item.price_snapshot},
        )
    CartItem.objects.filter(pk__in=[item.pk for item in dropped]).update(
        price_snapshot=Subquery(Commodity.objects.filter(pk=OuterRef("commodity_id")).values("price")[:1])
    )
    return len(dropped)


# -- delivery progress ------------------------------------------------------------


@transaction.atomic
def sync_tracking() -> int:
    """Fetch carrier progress for shipped orders, store what is new and tell the member (TRX-14); safe to rerun."""
    now = timezone.now()
    cainiao = cast(CainiaoTracking, adapter("cainiao"))
    shipments = list(
        Shipment.objects.filter(order__status=Status.SHIPPED)
        .select_related("order__buyer")
        .prefetch_related("tracking_events")
    )
    new_events, notices = [], []
    for shipment in shipments:
        known = {event.description for event in shipment.tracking_events.all()}
        for description, occurred_at in cainiao.tracking_updates(
            tracking_number=shipment.tracking_number, shipped_at=shipment.created_at, now=now
        ):
            if description in known:
                continue
            new_events.append(TrackingEvent(shipment=shipment, description=description, occurred_at=occurred_at))
            notices.append((shipment, description))
    TrackingEvent.objects.bulk_create(new_events)
    for shipment, description in notices:
        notify(
            shipment.order.buyer,
            AlertCategory.LOGISTICS,
            title=_("Order %(number)s: %(progress)s") % {"number": shipment.order.number, "progress": description},
            body=_("Tracking number %(tracking)s.") % {"tracking": shipment.tracking_number},
        )
    return len(new_events)
