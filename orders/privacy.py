"""Registry entries of the orders app (section II(III), retention V(I))."""

from django.utils.translation import gettext_lazy as _

from orders.models import (
    Address,
    AlipayAccount,
    AlipayChangeRequest,
    CartItem,
    Order,
    OrderEvent,
    OrderItem,
    Payment,
    PaymentNotification,
    Shipment,
    TrackingEvent,
)
from privacy.purposes import Purpose
from privacy.registry import PI, DataCategory, Erasure, Retention, declare_no_personal_data, register, years

TRANSACTION_BASIS = _("PRC E-Commerce Law, art. 31: transaction records kept at least three years after completion.")


def _transaction_retention(after: str) -> Retention:
    # STO-02: transaction records are kept at least three years after completion.
    return Retention(after=after, keep=years(3), then=Erasure.ANONYMIZE, basis=TRANSACTION_BASIS, is_legal_minimum=True)


register(
    Order,
    subject="buyer",
    fields={
        "consignee_name": PI(DataCategory.DELIVERY, _("Delivers your order to the right person."), erase=Erasure.MASK),
        "consignee_phone": PI(DataCategory.DELIVERY, _("Lets the courier reach the consignee."), erase=Erasure.MASK),
        "delivery_address": PI(DataCategory.DELIVERY, _("Where the order is delivered."), erase=Erasure.MASK),
        "alternative_phone": PI(
            DataCategory.DELIVERY,
            _("A second number the courier may call."),
            erase=Erasure.MASK,
            is_necessary=False,
        ),
        "delivery_time": PI(
            DataCategory.DELIVERY, _("When you prefer the delivery."), erase=Erasure.BLANK, is_necessary=False
        ),
        "remarks": PI(
            DataCategory.TRANSACTION,
            _("Your notes to the seller about the order."),
            erase=Erasure.BLANK,
            is_necessary=False,
        ),
        "invoice_title": PI(
            DataCategory.TRANSACTION, _("The name the invoice is made out to."), erase=Erasure.BLANK, is_necessary=False
        ),
        "taxpayer_id": PI(
            DataCategory.TRANSACTION, _("Required on a tax invoice."), erase=Erasure.MASK, is_necessary=False
        ),
        "invoice_email": PI(
            DataCategory.TRANSACTION, _("Where the invoice is sent."), erase=Erasure.MASK, is_necessary=False
        ),
        "customs_id_name": PI(
            DataCategory.CUSTOMS,
            _("Customs clearance of cross-border goods, only with your separate consent."),
            erase=Erasure.MASK,
            is_sensitive=True,
            is_necessary=False,
            consent=Purpose.CUSTOMS_ID,
        ),
        "customs_id_number_encrypted": PI(
            DataCategory.CUSTOMS,
            _("Customs clearance of cross-border goods, only with your separate consent; stored encrypted."),
            erase=Erasure.NULL,
            is_sensitive=True,
            is_necessary=False,
            consent=Purpose.CUSTOMS_ID,
        ),
    },
    retention=_transaction_retention("completed_at"),
    not_personal=(
        "number",
        "status",
        "total_amount",
        "created_at",
        "paid_at",
        "shipped_at",
        "completed_at",
        "is_for_someone_else",
        "consignee_consent_attested_at",
    ),
)
declare_no_personal_data(
    OrderItem,
    reason="What was bought, at what price; it is personal only through its order, which is registered and anonymized as one.",
)
declare_no_personal_data(
    OrderEvent,
    reason="Status steps of an order (placed, paid, shipped ...); personal only through the order, anonymized with it.",
)
register(
    Payment,
    subject="order__buyer",
    fields={
        "payer_account": PI(
            DataCategory.PAYMENT,
            _("The payment account of the person who paid for you (pay on behalf)."),
            erase=Erasure.MASK,
            is_sensitive=True,
            is_necessary=False,
            consent=Purpose.FINANCIAL_ACCOUNT,
        ),
        "payer_phone": PI(
            DataCategory.PAYMENT,
            _("The mobile number of the person who paid for you (pay on behalf)."),
            erase=Erasure.MASK,
            is_necessary=False,
            consent=Purpose.FINANCIAL_ACCOUNT,
        ),
    },
    retention=_transaction_retention("order__completed_at"),
    not_personal=(
        "partner_code",
        "amount",
        "reference",
        "is_paid_by_other",
        "payer_consent_attested_at",
        "status",
        "requested_at",
        "paid_at",
    ),
)
register(
    Shipment,
    subject="order__buyer",
    fields={
        "tracking_number": PI(DataCategory.DELIVERY, _("Follows the delivery of your order."), erase=Erasure.MASK),
    },
    retention=_transaction_retention("order__completed_at"),
    not_personal=("partner_code", "created_at"),
)
register(
    TrackingEvent,
    subject="shipment__order__buyer",
    fields={
        "description": PI(DataCategory.DELIVERY, _("Shows you where your delivery is."), erase=Erasure.BLANK),
    },
    retention=_transaction_retention("shipment__order__completed_at"),
    not_personal=("occurred_at",),
)
register(
    Address,
    kept_while=_("Kept until you delete the address or close your account."),
    subject="member",
    row=PI(
        DataCategory.DELIVERY, _("Your saved consignees and addresses, offered at checkout."), erase=Erasure.DELETE_ROW
    ),
)
register(
    CartItem,
    kept_while=_("Kept until you remove it from the cart or close your account."),
    subject="member",
    row=PI(
        DataCategory.TRANSACTION,
        _("The goods in your cart and their price when added, for price-drop alerts."),
        erase=Erasure.DELETE_ROW,
    ),
)
declare_no_personal_data(
    PaymentNotification,
    reason="TRX-12: a partner's notice ID and time, kept to refuse replays; personal only through its payment's order.",
)
register(
    AlipayAccount,
    kept_while=_("Kept while the Alipay account is linked, until you change it or close your account."),
    subject="member",
    row=PI(
        DataCategory.PAYMENT,
        _("The Alipay account linked to you, shown masked under My Alipay."),
        erase=Erasure.DELETE_ROW,
        is_sensitive=True,
        consent=Purpose.FINANCIAL_ACCOUNT,
        sealed=("account",),
    ),
)
register(
    AlipayChangeRequest,
    kept_while=_(
        "Kept while your account is open, as the record of changes to your linked Alipay account; erased when you close it."
    ),
    subject="member",
    row=PI(
        DataCategory.PAYMENT,
        _("Your requests to link or change your Alipay account, and customer service's decision."),
        erase=Erasure.DELETE_ROW,
        is_sensitive=True,
        consent=Purpose.FINANCIAL_ACCOUNT,
        sealed=("new_account",),
    ),
)
