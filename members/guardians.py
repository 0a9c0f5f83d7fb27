"""Section VII: a child under 14 uses the service only with a guardian's consent to the current Children's Rules."""

from __future__ import annotations

import datetime
import secrets
import time

from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.services import send_code_sms
from members.models import ChildrenRulesVersion, GuardianConsent, Member
from privacy import consent
from privacy.purposes import Purpose

# The link a child hands to a guardian stays valid for a week.
LINK_MAX_AGE = 7 * 24 * 60 * 60
SALT = "members.guardian-consent"
# The code confirming the guardian's own mobile number (MIN-02).
CODE_SECONDS = 10 * 60
MAX_ATTEMPTS = 3


def has_guardian_consent(member: Member) -> bool:
    """A guardian consented to the version of the Children's Rules now in force, and has not withdrawn."""
    current = ChildrenRulesVersion.objects.current()
    if current is None:
        return False
    return GuardianConsent.objects.filter(
        child=member, rules_version=current, withdrawn_at__isnull=True, guardian_phone_confirmed_at__isnull=False
    ).exists()


def guardian_token(member: Member) -> str:
    return signing.dumps(member.pk, salt=SALT)


def child_for_token(token: str) -> Member | None:
    """The child a guardian link names, or None when the link is forged or expired."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Member.objects.filter(pk=pk).first()


def start_guardian_consent(*, child: Member, guardian_name: str, guardian_phone: str, relationship: str) -> dict:
    """Text a six-digit code to the guardian's number; return the pending consent to keep until it is entered (MIN-02).

    Only a hash of the code is kept, so checking it compares in constant time and the session never holds the code.
    The child's own number is refused: the code must reach someone else.
    """
    if child.phone and guardian_phone == child.phone:
        raise ValidationError(
            {"guardian_phone": _("Enter the guardian's own mobile number, not the child's.")}, code="child_phone"
        )
    code = f"{secrets.randbelow(10**6):06d}"
    send_code_sms(
        phone=guardian_phone,
        body=_(
            "Your 1688 code to consent for the child's account %(name)s is %(code)s. It expires in 10 minutes; "
            "if you did not ask for it, ignore this message."
        )
        % {"name": child.member_name, "code": code},
    )
    return {
        "child": child.pk,
        "guardian_name": guardian_name,
        "guardian_phone": guardian_phone,
        "relationship": relationship,
        "code": make_password(code),
        "sent_at": time.time(),
        "attempts": 0,
    }


def is_pending_for(pending: dict | None, child: Member) -> bool:
    return bool(pending and pending.get("child") == child.pk and pending.get("attempts", 0) < MAX_ATTEMPTS)


def confirm_guardian_consent(
    *, child: Member, pending: dict, code: str, context: consent.RequestContext
) -> GuardianConsent | None:
    """Record the consent once the code proves the guardian's number; None for a wrong, expired or overused code.

    `pending` is updated in place (one more attempt), so the caller keeps it to count the tries.
    """
    if pending.get("child") != child.pk:
        return None
    pending["attempts"] = pending.get("attempts", 0) + 1
    fresh = time.time() - pending.get("sent_at", 0) < CODE_SECONDS
    if not (fresh and pending["attempts"] <= MAX_ATTEMPTS and check_password(code, pending.get("code", ""))):
        return None
    return give_guardian_consent(
        child=child,
        guardian_name=pending["guardian_name"],
        guardian_phone=pending["guardian_phone"],
        relationship=pending["relationship"],
        guardian_phone_confirmed_at=timezone.now(),
        context=context,
    )


@transaction.atomic
def give_guardian_consent(
    *,
    child: Member,
    guardian_name: str,
    guardian_phone: str,
    relationship: str,
    guardian_phone_confirmed_at: datetime.datetime,
    context: consent.RequestContext,
) -> GuardianConsent:
    """Record the guardian's consent to the current Children's Rules and open the child's account (MIN-02).

    Called once the guardian's number is confirmed by code (`confirm_guardian_consent`).
    """
    record = GuardianConsent.objects.create(
        child=child,
        rules_version=ChildrenRulesVersion.objects.current(),
        guardian_name=guardian_name,
        guardian_phone=guardian_phone,
        guardian_phone_confirmed_at=guardian_phone_confirmed_at,
        relationship=relationship,
        ip_address=context.ip_address,
    )
    consent.grant(child, Purpose.GUARDIAN, context=context)
    if child.phone_verified_at is not None:
        Member.objects.filter(pk=child.pk).update(is_active=True)
    return record


@transaction.atomic
def withdraw_guardian_consent(*, child: Member, context: consent.RequestContext) -> int:
    """The guardian withdraws: the child's account is suspended at once (MIN-03)."""
    count = GuardianConsent.objects.filter(child=child, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    consent.withdraw(child, Purpose.GUARDIAN, context=context)
    Member.objects.filter(pk=child.pk).update(is_active=False)
    return count
