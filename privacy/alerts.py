"""Section II(VI)1: Alert Settings, per category and channel; security and service notices stay on (INT-01, INT-05)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import Message
from privacy.models import AlertSetting

Category = AlertSetting.Category
Channel = AlertSetting.Channel
MANDATORY = frozenset({Category.SECURITY, Category.SERVICE})


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


def deliver_notice(member, *, category: str, title: str, body: str = "") -> Message | None:
    """Put a notice in the member's Messages inbox unless they switched that category off there (INT-04, INT-05)."""
    if not alert_is_enabled(member, category, Channel.INBOX):
        return None
    return Message.objects.create(member=member, kind=category, title=title, body=body)
