"""Registry entries of the support app (section II(IV))."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import PI, DataCategory, Erasure, Retention, register, years
from support.models import Ticket

register(
    Ticket,
    subject="member",
    row=PI(
        DataCategory.CUSTOMER_SERVICE,
        _("Records your questions and complaints so that we can resolve them and show how they were resolved."),
        erase=Erasure.DELETE_ROW,
    ),
    retention=Retention(
        after="closed_at",
        keep=years(3),
        then=Erasure.DELETE_ROW,
        basis=_(
            "PRC Civil Code art. 188 and policy V(I): complaint records kept as evidence for after-sales "
            "disputes for the three-year limitation period."
        ),
        is_legal_minimum=True,
    ),
)
