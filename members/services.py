"""What the members app does: registration, phone confirmation, profile changes, levels and security notices."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from decimal import Decimal
from typing import cast

from allauth.usersessions.adapter import get_adapter as get_sessions_adapter
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, DecimalField, IntegerField, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interactions.models import AlertCategory, Message
from interactions.services import notify
from members import providers
from members.guardians import has_guardian_consent
from members.models import ApiToken, LevelRule, Member, SecurityEvent
from members.tokens import PREFIX_LENGTH, key_hash, new_key
from privacy import consent
from privacy.models import PolicyVersion
from privacy.purposes import Purpose

# Security notices (MEM-08) for the events allauth reports through its notification hook.
SECURITY_NOTICES = {
    "account/email/password_changed": gettext_lazy("Your password was changed"),
    "account/email/password_set": gettext_lazy("A password was set on your account"),
    "account/email/password_reset": gettext_lazy("Your password was reset"),
    "mfa/email/totp_activated": gettext_lazy("Two-factor authentication was turned on"),
    "mfa/email/totp_deactivated": gettext_lazy("Two-factor authentication was turned off"),
    "mfa/email/recovery_codes_generated": gettext_lazy("New two-factor recovery codes were generated"),
    "socialaccount/email/account_connected": gettext_lazy("A third-party login was linked to your account"),
    "socialaccount/email/account_disconnected": gettext_lazy("A third-party login was unlinked from your account"),
}


@transaction.atomic
def register_member(
    *,
    member: Member,
    phone: str,
    date_of_birth: date | None,
    context: consent.RequestContext,
    birth_date_consent: bool = False,
) -> Member:
    """Save a new member, inactive until the mobile number is confirmed (VER-01), and record policy acceptance (POL-01).

    A date of birth is kept only with its separate consent, recorded in the same transaction.
    """
    if date_of_birth is not None and not birth_date_consent:
        raise ValidationError(
            {"birth_date_consent": _("Giving your date of birth needs your separate consent; or leave it empty.")}
        )
    member.phone = phone
    member.date_of_birth = date_of_birth
    member.is_active = False
    member.phone_verified_at = None
    member.save()
    # A published policy is seeded by migration and can never be deleted, so one is always in force.
    version = cast(PolicyVersion, PolicyVersion.objects.current())
    consent.record_policy_acceptance(member, version, context=context)
    if date_of_birth is not None:
        consent.grant(member, Purpose.BIRTH_DATE, context=context)
    return member


def needs_guardian_consent(member: Member) -> bool:
    """A child under 14 may use the account only once a guardian has consented (MIN-01, MIN-02)."""
    return member.is_child and not has_guardian_consent(member)


@transaction.atomic
def confirm_phone(*, member: Member, phone: str) -> Member:
    """Mark the mobile number confirmed; the account becomes active unless a guardian still has to consent."""
    member.phone = phone
    member.phone_verified_at = timezone.now()
    member.is_active = not needs_guardian_consent(member)
    member.save(update_fields=["phone", "phone_verified_at", "is_active"])
    return member


def change_phone(*, member: Member, phone: str, is_verified: bool) -> Member:
    """Attach a (new) mobile number; it counts as confirmed only when a code proved it."""
    member.phone = phone
    member.phone_verified_at = timezone.now() if is_verified else None
    if member.pk is not None:
        member.save(update_fields=["phone", "phone_verified_at"])
    return member


def post_security_notice(*, member: Member, title: str, ip_address: str | None = None) -> Message:
    """Send a security notice through the notice service: it always reaches Messages, and SMS and push (MEM-08)."""
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    body = _("This happened at %(when)s from IP address %(ip)s. If it was not you, change your password now.") % {
        "when": when,
        "ip": ip_address or _("unknown"),
    }
    # A security notice cannot be switched off: it always reaches the inbox (MEM-08).
    return cast(Message, notify(member, AlertCategory.SECURITY, title=title, body=body).inbox)


PROFILE_FIELDS = ["nickname", "real_name", "landline", "other_contact", "position", "industry", "avatar"]


@transaction.atomic
def update_profile(*, member: Member, request=None, **values) -> Member:
    """Save the optional profile fields (MEM-04); any may be blank. A change is a security event (SEC-01)."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(member, name, value)
    member.save(update_fields=list(values))
    if values:
        record_security_event(member=member, kind=SecurityEvent.Kind.PROFILE_CHANGED, request=request)
    return member


def recalculate_levels() -> int:
    """Set every member's level from usage under the LevelRule table, in one UPDATE (MEM-03); return rows changed."""
    rules = list(LevelRule.objects.order_by("-level"))
    # The usage comes from whichever app registered it (orders, in its AppConfig.ready); none: no usage.
    usage = providers.level_usage()
    completed_count = Coalesce(usage.completed_count(), 0) if usage else Value(0)
    spent = Coalesce(
        usage.spent() if usage else Value(None),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    members = Member.objects.annotate(completed_count=completed_count, spent=spent)
    # The highest level whose thresholds the usage meets; level 1 when none does.
    level = Case(
        *[
            When(
                Q(completed_count__gte=rule.min_completed_orders) & Q(spent__gte=rule.min_spent), then=Value(rule.level)
            )
            for rule in rules
        ],
        default=Value(1),
        output_field=IntegerField(),
    )
    annotated = members.annotate(new_level=level)
    changed = 0
    with transaction.atomic():
        # One set-based UPDATE per level, touching only rows whose level changes.
        for target in {1, *(rule.level for rule in rules)}:
            moving = annotated.filter(new_level=target).exclude(level=target).values("pk")
            changed += Member.objects.filter(pk__in=Subquery(moving)).update(level=target)
    return changed


def end_other_sessions(*, member: Member, current_session_key: str | None) -> int:
    """Sign the member out everywhere but here (MEM-08); return how many sessions ended."""
    others = list(UserSession.objects.filter(user=member).exclude(session_key=current_session_key or ""))
    get_sessions_adapter().end_sessions(others)
    return len(others)


def link_consent(*, member: Member, provider: str, context: consent.RequestContext) -> None:
    """MEM-06: the member agrees to link `provider`, importing only its listed fields."""
    consent.grant(member, Purpose.THIRD_PARTY_LOGIN, scope=provider, context=context)


def unlink_provider(*, member: Member, provider: str, request) -> None:
    """MEM-06: the link is gone, so is the consent."""
    consent.withdraw(member, Purpose.THIRD_PARTY_LOGIN, scope=provider, context=consent.context_from_request(request))


# The request headers a browser sends unprompted and that stay stable on one device.
FINGERPRINT_HEADERS = ("user-agent", "accept-language", "accept-encoding", "sec-ch-ua-platform")


def device_fingerprint(request) -> str:
    """A keyed hash of the browser's stable headers (SEC-01): it tells devices apart without storing more of them."""
    seen = "\n".join(request.headers.get(name, "") for name in FINGERPRINT_HEADERS)
    return hmac.new(settings.SECRET_KEY.encode(), seen.encode(), hashlib.sha256).hexdigest()


def record_security_event(*, member: Member, kind: str, request=None) -> None:
    """SEC-01: IP address, user agent, device fingerprint and time of a sign-in or account change."""
    SecurityEvent.objects.create(
        member=member,
        kind=kind,
        ip_address=request.META.get("REMOTE_ADDR") if request else None,
        user_agent=request.headers.get("user-agent", "")[:300] if request else "",
        device_fingerprint=device_fingerprint(request) if request else "",
    )


# Account safeguards customer service applies at the member's request (CS-06) --------------------------------


def end_all_sessions(*, member: Member) -> int:
    """Sign the member out on every device; return how many sessions ended."""
    return end_other_sessions(member=member, current_session_key=None)


@transaction.atomic
def freeze_account(*, member: Member) -> bool:
    """Block every sign-in and end every session until the account is unfrozen; False when it was not active."""
    if not Member.objects.filter(pk=member.pk, is_active=True).update(is_active=False):
        return False
    member.is_active = False
    transaction.on_commit(lambda: end_all_sessions(member=member))
    post_security_notice(member=member, title=_("Your account was frozen at your request"))
    return True


@transaction.atomic
def unfreeze_account(*, member: Member) -> bool:
    """Let the member sign in again after a freeze; False when the account was not frozen (inactive)."""
    if not Member.objects.filter(pk=member.pk, is_active=False, phone_verified_at__isnull=False).update(is_active=True):
        return False
    member.is_active = True
    post_security_notice(member=member, title=_("Your account was unfrozen"))
    return True


@transaction.atomic
def require_password_reset(*, member: Member, recovery_url: str) -> None:
    """The old password stops working and every session ends; after commit a reset code is texted to the
    registered number, which the password-recovery page accepts (CS-06)."""
    # recovery builds on this module, so it is imported where it is used.
    from members import recovery

    member.set_unusable_password()
    member.save(update_fields=["password"])
    record_security_event(member=member, kind=SecurityEvent.Kind.PASSWORD_CHANGED)
    transaction.on_commit(lambda: end_all_sessions(member=member))
    transaction.on_commit(lambda: recovery.issue_reset_code(member=member, recovery_url=recovery_url))


# -- API tokens --------------------------------------------------------------


@transaction.atomic
def create_api_token(*, member: Member, name: str, ip_address: str | None = None) -> tuple[ApiToken, str]:
    """Make a key for the API; the key is returned once, only its hash is kept. The member is told (SEC-01)."""
    key = new_key()
    token = ApiToken.objects.create(member=member, name=name, prefix=key[:PREFIX_LENGTH], key_hash=key_hash(key))
    post_security_notice(member=member, title=_("A new API key was made for your account"), ip_address=ip_address)
    return token, key


def revoke_api_token(*, member: Member, pk: int) -> int:
    """Revoke one of the member's keys at once: the row goes, so the key no longer signs anyone in."""
    deleted, _count = ApiToken.objects.filter(member=member, pk=pk).delete()
    return deleted


def revoke_all_api_tokens(*, member: Member) -> int:
    """Revoke every key of the member, as when the account is being closed (RGT-11)."""
    deleted, _count = ApiToken.objects.filter(member=member).delete()
    return deleted
