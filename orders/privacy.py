"""Registry entries of the orders app (section II(III), retention V(I))."""

from django.utils.translation import gettext_lazy as _

from orders.models import Order, OrderItem
from privacy.registry import PI, Category, Erasure, Retention, declare_no_personal_data, register, years

register(
    Order,
    subject="buyer",
    fields={
        "consignee_name": PI(Category.DELIVERY, _("Delivers your order to the right person."), erase=Erasure.MASK),
        "consignee_phone": PI(Category.DELIVERY, _("Lets the courier reach the consignee."), erase=Erasure.MASK),
        "delivery_address": PI(Category.DELIVERY, _("Where the order is delivered."), erase=Erasure.MASK),
        "remarks": PI(
            Category.TRANSACTION,
            _("Your notes to the seller about the order."),
            erase=Erasure.BLANK,
            is_necessary=False,
        ),
    },
    # STO-02: transaction records are kept at least three years after completion.
    retention=Retention(
        after="completed_at",
        keep=years(3),
        then=Erasure.ANONYMIZE,
        basis=_("PRC E-Commerce Law, art. 31: transaction records kept at least three years after completion."),
    ),
    not_personal=("number", "status", "total_amount", "created_at", "paid_at", "shipped_at", "completed_at"),
)
declare_no_personal_data(
    OrderItem,
    reason="What was bought, at what price; it is personal only through its order, which is registered and anonymized as one.",
)
