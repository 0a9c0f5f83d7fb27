"""Section II(VI)1: Alert Settings, per category and channel; security and service notices stay on (INT-01, INT-05)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import Message, PushNotification
from members.sms import send_sms
from privacy import consent
from privacy.models import AlertSetting
from privacy.purposes import Purpose

Category = AlertSetting.Category
Channel = AlertSetting.Channel
MANDATORY = frozenset({Category.SECURITY, Category.SERVICE})
# INT-01: notification types are classed as service or marketing. Event offers are marketing:
# beyond the inbox they also need the member's marketing consent for that channel. Service and
# security notices ignore marketing opt-outs.
MARKETING_CATEGORIES = frozenset({Category.EVENTS})
MARKETING_CONSENT = {Channel.EMAIL: Purpose.MARKETING_EMAIL, Channel.SMS: Purpose.MARKETING_SMS}


def alert_settings(member) -> dict[tuple[str, str], bool]:
    """{(category, channel): on} for every pair; no stored row means on."""
    stored = {
        (category, channel): enabled
        for category, channel, enabled in AlertSetting.objects.filter(member=member).values_list(
            "category", "channel", "is_enabled"
        )
    }
    return {
        (category, channel): category in MANDATORY or stored.get((category, channel), True)
        for category in Category.values
        for channel in Channel.values
    }


def alert_is_enabled(member, category: str, channel: str) -> bool:
    if category in MANDATORY:
        return True
    row = AlertSetting.objects.filter(member=member, category=category, channel=channel).values_list(
        "is_enabled", flat=True
    )
    return next(iter(row), True)


@transaction.atomic
def save_alert_settings(member, choices: dict[tuple[str, str], bool]) -> None:
    """Store the member's switches in one statement; refuses to switch off a mandatory category."""
    for (category, channel), enabled in choices.items():
        if category not in Category.values or channel not in Channel.values:
            raise ValidationError(_("Unknown alert category or channel."), code="unknown")
        if category in MANDATORY and not enabled:
            raise ValidationError(
                _("%(category)s cannot be switched off: we must be able to reach you about your account.")
                % {"category": Category(category).label},
                code="mandatory",
            )
    now = timezone.now()
    AlertSetting.objects.bulk_create(
        [
            AlertSetting(member=member, category=category, channel=channel, is_enabled=enabled, updated_at=now)
            for (category, channel), enabled in choices.items()
            if category not in MANDATORY
        ],
        update_conflicts=True,
        unique_fields=["member", "category", "channel"],
        update_fields=["is_enabled", "updated_at"],
    )


@dataclass
class Delivery:
    """What one notice reached: the inbox message, the email address, the phone, the push row; and what was skipped."""

    inbox: Message | None = None
    email: str | None = None
    sms: str | None = None
    push: PushNotification | None = None
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def channels(self) -> list[str]:
        return [channel for channel in Channel.values if getattr(self, channel) is not None]


def _skip_reason(member, category: str, channel: str, switches: dict[tuple[str, str], bool]) -> str | None:
    """Why this channel is left out for this notice, or None when it goes out."""
    if not switches[(category, channel)]:
        return "switched_off"
    marketing = category in MARKETING_CATEGORIES and channel in MARKETING_CONSENT
    if marketing and not consent.has_consent(member, MARKETING_CONSENT[channel]):
        return "no_marketing_consent"
    return None


@transaction.atomic
def deliver(member, *, category: str, title: str, body: str = "", email: str | None = None) -> Delivery:
    """Deliver one notice on every channel the member's alert settings leave on (INT-01, INT-04, INT-05).

    - inbox: a Messages entry; security and service notices always arrive here.
    - email: through Django's email backend, to `email`. Members have no email address on
      their account, so a caller that has one (for example from an order) passes it; without
      one the email channel is skipped ("no_address").
    - sms: to the member's confirmed mobile number through the SMS backend.
    - push: a PushNotification row the app fetches through the API, only while the member
      grants push notifications (Purpose.PUSH_NOTIFICATIONS).
    """
    if category not in Category.values:
        raise ValidationError(_("Unknown alert category."), code="unknown")
    switches = alert_settings(member)
    delivery = Delivery()
    for channel in Channel.values:
        reason = _skip_reason(member, category, channel, switches)
        if reason is None:
            reason = _send(delivery, member, channel, category=category, title=title, body=body, email=email)
        if reason is not None:
            delivery.skipped[channel] = reason
    return delivery


def _send(delivery: Delivery, member, channel: str, *, category, title, body, email) -> str | None:
    if channel == Channel.INBOX:
        delivery.inbox = Message.objects.create(member=member, kind=category, title=title, body=body)
    elif channel == Channel.EMAIL:
        if not email:
            return "no_address"
        message = EmailMessage(subject=title, body=body or title, to=[email])
        transaction.on_commit(message.send)
        delivery.email = email
    elif channel == Channel.SMS:
        if not member.phone or member.phone_verified_at is None:
            return "no_confirmed_phone"
        text = f"{title}\n{body}".strip()[:300]
        phone = member.phone
        transaction.on_commit(lambda: send_sms(phone=phone, body=text, member=member))
        delivery.sms = phone
    elif channel == Channel.PUSH:
        if not consent.has_consent(member, Purpose.PUSH_NOTIFICATIONS):
            return "no_push_permission"
        delivery.push = PushNotification.objects.create(member=member, kind=category, title=title, body=body)
    return None


def deliver_notice(member, *, category: str, title: str, body: str = "", email: str | None = None) -> Message | None:
    """Deliver a notice on every channel left on (see `deliver`); returns the Messages inbox entry, if any."""
    return deliver(member, category=category, title=title, body=body, email=email).inbox


PUSH_PAGE = 100


def pending_push(member) -> list[PushNotification]:
    """Push notifications the member's app has not fetched yet, newest first (one query)."""
    return list(PushNotification.objects.filter(member=member, fetched_at__isnull=True)[:PUSH_PAGE])


def mark_push_fetched(member, ids) -> int:
    """The app confirms it showed these notifications; ids of other members' notifications are ignored."""
    return PushNotification.objects.filter(member=member, pk__in=ids, fetched_at__isnull=True).update(
        fetched_at=timezone.now()
    )
