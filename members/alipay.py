"""Pulling authentication data from a member's linked Alipay account (VER-02, VER-05).

Only with the member's recorded authorisation and for one of the four purposes
the law names; every fetch writes a sharing record naming Alipay. The client
that talks to Alipay is pluggable (`settings.ALIPAY_AUTHENTICATION_CLIENT`, a
class with `fetch(account_id: str) -> dict`); with none configured, nothing is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from members.models import Member
from privacy import consent
from privacy.categories import Category
from privacy.models import LegalBasis
from privacy.purposes import Purpose
from privacy.sharing import record_sharing

# Only these answers are kept from Alipay's reply.
KEPT_FIELDS = ("real_name_verified", "is_adult")


class LegalPurpose(models.TextChoices):
    """The four cases in which the policy lets us check identity through Alipay (section II(I)1)."""

    MINOR_PROTECTION = "minor_protection", _("Protection of minors")
    ANTI_FRAUD = "anti_fraud", _("Fraud prevention")
    TAX_WITHHOLDING = "tax_withholding", _("Tax withholding and filing")
    ENFORCEMENT = "enforcement", _("Administrative or judicial enforcement and litigation")


def fetch_authentication(*, member: Member, purpose: str, alipay_account: str) -> dict:
    """Ask Alipay for the member's authentication status; refused (nothing sent) without authorisation or a legal purpose."""
    if purpose not in LegalPurpose.values:
        raise ValidationError(_("Alipay authentication can be used only for a purpose the law names."), code="purpose")
    if not consent.has_consent(member, Purpose.ALIPAY_AUTHENTICATION):
        raise PermissionDenied("The member has not authorised pulling authentication data from Alipay.")
    client_path = getattr(settings, "ALIPAY_AUTHENTICATION_CLIENT", "")
    if not client_path:
        raise ImproperlyConfigured("ALIPAY_AUTHENTICATION_CLIENT is not set: no Alipay client to ask.")
    with transaction.atomic():
        record_sharing(
            member=member,
            partner_code="alipay",
            categories=[Category.IDENTITY],
            fields=["alipay_account"],
            purpose=f"identity check: {LegalPurpose(purpose).label}",
            legal_basis=LegalBasis.LEGAL_DUTY,
        )
        answer = import_string(client_path)().fetch(alipay_account)
    return {key: answer[key] for key in KEPT_FIELDS if key in answer}
