"""Real-name authentication (section II(I)3): PRC resident ID numbers, encrypted at rest (SEC-06), matched by HMAC."""

from __future__ import annotations

import datetime
import hmac
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import AccountRetrievalRequest, IdentityReveal, IdentityVerification, Member
from privacy import consent
from privacy.encryption import keyed_digest, seal, unseal
from privacy.purposes import Purpose

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"


def validate_id_number(value: str) -> str:
    """An 18-character PRC resident ID with a valid birth date and ISO 7064 MOD 11-2 check character."""
    number = value.strip().upper()
    invalid = ValidationError(_("Enter a valid 18-digit resident ID number."), code="invalid_id_number")
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
        raise invalid
    if CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(number[:17], WEIGHTS, strict=True)) % 11] != number[17]:
        raise invalid
    if birth_date_of(number) is None:
        raise invalid
    return number


def birth_date_of(number: str) -> datetime.date | None:
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return born if born <= timezone.localdate() else None


def mask_id_number(number: str) -> str:
    """First and last characters only (VER-06)."""
    return number[0] + "•" * (len(number) - 2) + number[-1]


def id_number_hmac(number: str) -> str:
    return keyed_digest(number, purpose="members.identity.id_number")


@transaction.atomic
def authenticate_real_name(
    *, member: Member, real_name: str, id_number: str, context: consent.RequestContext
) -> IdentityVerification:
    """Store a verified identity; refused without the member's consent to sensitive information (VER-06)."""
    if not consent.has_consent(member, Purpose.SENSITIVE_IDENTITY):
        raise PermissionDenied("Real-name authentication needs consent to the sensitive-identity purpose.")
    number = validate_id_number(id_number)
    verification, _created = IdentityVerification.objects.update_or_create(
        member=member,
        defaults={
            "real_name": real_name.strip(),
            "id_number_encrypted": seal(number),
            "id_number_hmac": id_number_hmac(number),
            "id_number_hint": mask_id_number(number),
            # The development provider is the state agency's test double; see VER-05.
            "provider": IdentityVerification.Provider.STATE_AGENCY,
            "verified_at": timezone.now(),
        },
    )
    if member.date_of_birth is None:
        # MIN-01: minor status taken from verification when not declared.
        member.date_of_birth = birth_date_of(number)
        member.save(update_fields=["date_of_birth"])
    return verification


def reveal_id_number(*, verification: IdentityVerification, viewer: Member, ip_address: str | None) -> str:
    """The full ID number, for the member themself or staff with `view_identity`; every reveal is logged (VER-06)."""
    if viewer.pk != verification.member_id and not viewer.has_perm("members.view_identity"):
        raise PermissionDenied("Seeing a full ID number needs the view_identity permission.")
    IdentityReveal.objects.create(member_id=verification.member_id, viewer=viewer, ip_address=ip_address)
    return unseal(verification.id_number_encrypted)


def identity_matches(member: Member, *, real_name: str, id_number: str) -> bool:
    verification = IdentityVerification.objects.filter(member=member).first()
    if verification is None:
        return False
    same_number = hmac.compare_digest(verification.id_number_hmac, id_number_hmac(id_number.strip().upper()))
    return same_number and verification.real_name == real_name.strip()


def request_account_retrieval(
    *, member_name: str, real_name: str, id_number: str, new_phone: str, ip_address: str | None
) -> AccountRetrievalRequest:
    """Record a retrieval request; the name and number given are compared, never stored (VER-03)."""
    member = Member.objects.filter(member_name__iexact=member_name).first()
    matched = member is not None and identity_matches(member, real_name=real_name, id_number=id_number)
    return AccountRetrievalRequest.objects.create(
        member=member, new_phone=new_phone, is_identity_matched=matched, ip_address=ip_address
    )


@transaction.atomic
def decide_account_retrieval(*, request: AccountRetrievalRequest, approve: bool) -> bool:
    """Staff decision; approving moves the account to the new number, to be confirmed by code at next sign-in."""
    from members import services

    new_status = AccountRetrievalRequest.Status.APPROVED if approve else AccountRetrievalRequest.Status.REFUSED
    if approve and not request.is_identity_matched:
        raise ValidationError(_("Only a request whose identity matched can be approved."))
    updated = AccountRetrievalRequest.objects.filter(
        pk=request.pk, status=AccountRetrievalRequest.Status.PENDING
    ).update(status=new_status, decided_at=timezone.now())
    if updated and approve:
        member = cast(Member, request.member)  # identity matched, so the request names a member
        services.change_phone(member=member, phone=request.new_phone, is_verified=False)
        services.end_other_sessions(member=member, current_session_key=None)
        services.post_security_notice(member=member, title=str(_("Your account was moved to a new mobile number")))
    return bool(updated)
