"""Section III(I)5.1: hand-offs to payment and logistics partners, simulated, behind one interface.

Each adapter hands off through privacy.sharing, which sends only the fields the partner
register allows and writes the sharing record the member later sees (SHR rows, TRX-09,
TRX-13). The adapter class per partner is a setting (PARTNER_ADAPTERS). The transmission
itself is the outside world: here it is simulated, and it runs only once the transaction commits.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from privacy import sharing
from privacy.models import LegalBasis

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Handoff:
    partner_reference: str
    fields_sent: tuple[str, ...]


class PartnerAdapter:
    """One partner's interface. What it may receive, and why, is the partner register's (privacy.sharing)."""

    code: str = ""
    purpose: StrOrPromise = ""

    def hand_off(self, *, member, reference: str, payload: dict[str, str]) -> Handoff:
        """Send the part of `payload` about order `reference` the register allows; the sharing record is written.

        privacy.sharing.SharingRefused (nothing recorded, nothing sent) when the partner is inactive.
        """
        partner_reference = f"{self.code.upper()}-{secrets.token_hex(8)}"
        with translation.override(settings.LANGUAGE_CODE):
            purpose = str(self.purpose)
        shared = sharing.share(
            member=member,
            partner_code=self.code,
            payload=payload,
            purpose=purpose,
            legal_basis=LegalBasis.CONTRACT,
            reference=reference,
            send=lambda sent: self.transmit(partner_reference, sent),
        )
        return Handoff(partner_reference, tuple(sorted(shared.payload)))

    def transmit(self, partner_reference: str, payload: dict[str, str]) -> None:
        # Simulated partner API: a real adapter would call the partner here.
        logger.info("%s hand-off %s: %s", self.code, partner_reference, sorted(payload))


class AlipayAdapter(PartnerAdapter):
    code = "alipay"
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
    # TRX-13: only the consignee's name, phone and address go to logistics (the register's fields).
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


PAYMENT_PARTNERS = (("alipay", _("Alipay")), ("mybank", _("MYbank")))


def adapter(code: str) -> PartnerAdapter:
    """The adapter settings.PARTNER_ADAPTERS names for `code` (a simulated one unless configured)."""
    return cast("PartnerAdapter", sharing.partner_adapter(code))
