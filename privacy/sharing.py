"""Section III: recording every hand-off of personal information to a partner (SHR rows)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from privacy.categories import DataCategory
from privacy.models import LegalBasis, Partner, SharingRecord

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.db.models import QuerySet


def record_sharing(
    *,
    member: _User,
    partner_code: str,
    categories: Iterable[DataCategory],
    fields: Iterable[str],
    purpose: str,
    legal_basis: LegalBasis,
    reference: str = "",
) -> SharingRecord:
    """Write the sharing record for one hand-off; call it in the transaction that decides the hand-off."""
    partner = Partner.objects.filter(code=partner_code).first()
    if partner is None:
        raise ValidationError(f"Unknown partner {partner_code!r}: add it to the partner register first.")
    return SharingRecord.objects.create(
        member=member,
        partner=partner,
        categories=[DataCategory(c).value for c in categories],
        fields=list(fields),
        purpose=purpose,
        legal_basis=LegalBasis(legal_basis),
        reference=reference,
    )


def sharing_records_for(member: _User) -> QuerySet[SharingRecord]:
    return SharingRecord.objects.filter(member=member).select_related("partner").order_by("-shared_at", "-id")
