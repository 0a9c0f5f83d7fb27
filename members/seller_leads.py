"""Section III(I)3 (SHR-05): "become a seller" hands the member's lead to the entrusted onboarding provider.

Exactly the member's name, contact, account ID, registration time and last login leave, through
privacy.sharing (the register decides the fields), after the member read the notice and chose it.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from privacy import sharing
from privacy.models import LegalBasis, Partner

if TYPE_CHECKING:
    from members.models import Member
    from privacy.models import SharingRecord

logger = logging.getLogger(__name__)

ONBOARDING_PARTNER = "seller-onboarding"
PURPOSE = _("Contacting you to help you become a merchant member")
# A member who asked is contacted; asking again within this time sends nothing new.
RESEND_AFTER = timedelta(days=30)


class OnboardingProviderAdapter:
    """The onboarding provider's lead intake: simulated; a real adapter calls the provider (PARTNER_ADAPTERS)."""

    def transmit(self, lead: dict[str, Any]) -> None:
        logger.info("seller lead to %s: %s", ONBOARDING_PARTNER, sorted(lead))


def onboarding_provider() -> Partner | None:
    """The provider, when the register has it active; None while the privacy officer has not activated it."""
    return Partner.objects.active().filter(code=ONBOARDING_PARTNER).first()


def lead_of(member: Member) -> dict[str, str]:
    return {
        "name": member.nickname or member.member_name,
        "contact": member.phone or "",
        "account_id": member.member_name,
        "registered_at": member.registered_at.isoformat() if member.registered_at else "",
        "last_login_at": member.last_login.isoformat() if member.last_login else "",
    }


def recent_lead(member: Member) -> SharingRecord | None:
    return (
        sharing.sharing_records_for(member)
        .filter(partner__code=ONBOARDING_PARTNER, shared_at__gte=timezone.now() - RESEND_AFTER)
        .first()
    )


@transaction.atomic
def become_seller(*, member: Member) -> SharingRecord:
    """The member chose "become a seller": the lead goes to the onboarding provider, once a month at most."""
    already = recent_lead(member)
    if already is not None:
        return already
    adapter = sharing.partner_adapter(ONBOARDING_PARTNER)
    with translation.override(settings.LANGUAGE_CODE):
        purpose = str(PURPOSE)
    return sharing.share(
        member=member,
        partner_code=ONBOARDING_PARTNER,
        payload=lead_of(member),
        purpose=purpose,
        # III(V)1: the member asked to become a merchant member; the lead is what that request needs.
        legal_basis=LegalBasis.CONTRACT,
        reference=f"seller-lead-{member.pk}",
        note="The member chose \u201cbecome a seller\u201d after reading the notice.",
        send=adapter.transmit,
    ).record
