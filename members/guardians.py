"""Section VII: a child under 14 uses the service only with a guardian's consent to the current Children's Rules."""

from __future__ import annotations

from django.core import signing
from django.db import transaction
from django.utils import timezone

from members.models import ChildrenRulesVersion, GuardianConsent, Member
from privacy import consent
from privacy.purposes import Purpose

# The link a child hands to a guardian stays valid for a week.
LINK_MAX_AGE = 7 * 24 * 60 * 60
SALT = "members.guardian-consent"


def has_guardian_consent(member: Member) -> bool:
    """A guardian consented to the version of the Children's Rules now in force, and has not withdrawn."""
    current = ChildrenRulesVersion.objects.current()
    if current is None:
        return False
    return GuardianConsent.objects.filter(child=member, rules_version=current, withdrawn_at__isnull=True).exists()


def guardian_token(member: Member) -> str:
    return signing.dumps(member.pk, salt=SALT)


def child_for_token(token: str) -> Member | None:
    """The child a guardian link names, or None when the link is forged or expired."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Member.objects.filter(pk=pk).first()


@transaction.atomic
def give_guardian_consent(
    *, child: Member, guardian_name: str, guardian_phone: str, relationship: str, context: consent.RequestContext
) -> GuardianConsent:
    """Record the guardian's consent to the current Children's Rules and open the child's account (MIN-02)."""
    record = GuardianConsent.objects.create(
        child=child,
        rules_version=ChildrenRulesVersion.objects.current(),
        guardian_name=guardian_name,
        guardian_phone=guardian_phone,
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
