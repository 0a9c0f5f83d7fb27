"""Section III(I)5.1: hand-offs to payment and logistics partners, simulated, behind one interface.

Each adapter sends only its whitelisted fields and writes the sharing record the
member later sees (SHR rows, TRX-09, TRX-13). The transmission itself is the
outside world: here it is simulated, and it runs only once the transaction commits.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from privacy.categories import DataCategory
from privacy.models import LegalBasis
from privacy.sharing import record_sharing

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Handoff:
    partner_reference: str
    fields_sent: tuple[str, ...]


class PartnerAdapter:
    """One partner: what it may receive, why, and how it is sent."""

    code: str = ""
    categories: tuple[DataCategory, ...] = ()
    allowed_fields: tuple[str, ...] = ()
    purpose: StrOrPromise = ""

    def hand_off(self, *, member, reference: str, payload: dict[str, str]) -> Handoff:
        """Send the whitelisted, non-empty part of `payload` about order `reference`; record the sharing."""
        sent = {key: value for key, value in payload.items() if key in self.allowed_fields and value not in ("", None)}
        partner_reference = f"{self.code.upper()}-{secrets.token_hex(8)}"
        record_sharing(
            member=member,
            partner_code=self.code,
            categories=self.categories,
            fields=sorted(sent),
            purpose=str(self.purpose),
            legal_basis=LegalBasis.CONTRACT,
            reference=reference,
        )
        transaction.on_commit(lambda: self.transmit(partner_reference, sent))
        return Handoff(partner_reference, tuple(sorted(sent)))

    def transmit(self, partner_reference: str, payload: dict[str, str]) -> None:
        # Simulated partner API: a real adapter would call the partner here.
        logger.info("%s hand-off %s: %s", self.code, partner_reference, sorted(payload))


class AlipayAdapter(PartnerAdapter):
    code = "alipay"
    categories = (DataCategory.PAYMENT, DataCategory.TRANSACTION)
    allowed_fields = ("order_number", "amount", "payer_account", "payer_phone")
    purpose = _("Payment for the order")

    # TRX-12: how long the simulated partner takes to settle a payment confirmed in its app.
    settles_after = timedelta(minutes=2)

    def payment_status(self, *, partner_reference: str, requested_at: datetime, now: datetime) -> str:
        """'paid' or 'pending', as the partner's status query answers; simulated from the time since the request."""
        return "paid" if requested_at + self.settles_after <= now else "pending"


class MyBankAdapter(AlipayAdapter):
    code = "mybank"


class CainiaoAdapter(PartnerAdapter):
    code = "cainiao"
    categories = (DataCategory.DELIVERY,)
    # TRX-13: only the consignee's name, phone and address go to logistics.
    allowed_fields = ("consignee_name", "consignee_phone", "delivery_address")
    purpose = _("Delivery of the order through the carrier the seller chose")


# What the simulated carrier reports, and how long after the hand-off.
TRACKING_STEPS = (
    (timedelta(hours=2), _("Picked up by the carrier")),
    (timedelta(hours=12), _("In transit")),
    (timedelta(hours=24), _("Out for delivery")),
)


class CainiaoTracking(CainiaoAdapter):
    def tracking_updates(
        self, *, tracking_number: str, shipped_at: datetime, now: datetime
    ) -> list[tuple[str, datetime]]:
        """(progress, time) the carrier has reported so far; simulated from the time since shipping."""
        return [(str(text), shipped_at + after) for after, text in TRACKING_STEPS if shipped_at + after <= now]


ADAPTERS: dict[str, PartnerAdapter] = {a.code: a for a in (AlipayAdapter(), MyBankAdapter(), CainiaoTracking())}
PAYMENT_PARTNERS = (("alipay", _("Alipay")), ("mybank", _("MYbank")))


def adapter(code: str) -> PartnerAdapter:
    return ADAPTERS[code]
