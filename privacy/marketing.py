"""Section II(VI)1: marketing goes only to members who agreed, per channel, with a one-click unsubscribe (INT-02)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy import consent
from privacy.models import MarketingMessage
from privacy.purposes import Purpose

UNSUBSCRIBE_SALT = "privacy.unsubscribe"
CHANNEL_PURPOSE = {MarketingMessage.Channel.EMAIL: Purpose.MARKETING_EMAIL}


def unsubscribe_token(message: MarketingMessage) -> str:
    return signing.dumps({"message": message.pk, "member": message.member_id}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(message: MarketingMessage) -> str:
    base = getattr(settings, "PORTAL_BASE_URL", "http://localhost:8000").rstrip("/")
    return base + reverse("privacy:unsubscribe", args=[unsubscribe_token(message)])


@transaction.atomic
def send_marketing_email(member, *, address: str, subject: str, body: str) -> MarketingMessage | None:
    """Send one marketing email if the member agrees to email marketing now; None (nothing sent) otherwise."""
    if not consent.has_consent(member, Purpose.MARKETING_EMAIL):
        return None
    message = MarketingMessage.objects.create(
        member=member, channel=MarketingMessage.Channel.EMAIL, address=address, subject=subject
    )
    link = unsubscribe_url(message)
    email = EmailMessage(
        subject=subject,
        body=f"{body}\n\n{_('Unsubscribe with one click: %(link)s') % {'link': link}}\n",
        to=[address],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    transaction.on_commit(email.send)
    return message


@transaction.atomic
def unsubscribe(token: str, *, context: consent.RequestContext) -> MarketingMessage:
    """Withdraw the marketing consent the message was sent under. Each link works once; forged ones never."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        message = MarketingMessage.objects.select_related("member").get(pk=data["message"], member_id=data["member"])
    except (signing.BadSignature, MarketingMessage.DoesNotExist, KeyError, TypeError):
        raise ValidationError(_("This unsubscribe link is not valid."), code="invalid") from None
    used = MarketingMessage.objects.filter(pk=message.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )
    if not used:
        raise ValidationError(
            _("This unsubscribe link has already been used. Your marketing choices are in your privacy centre."),
            code="used",
        )
    purpose = CHANNEL_PURPOSE[message.channel]
    if consent.current_state(message.member).get(f"{purpose}:") is not False:
        consent.withdraw(message.member, purpose, context=context)
    return message


def send_email_campaign(recipients, *, subject: str, body: str) -> list[MarketingMessage]:
    """Send a campaign to (member, address) pairs; members without email-marketing consent now are left out."""
    sent = []
    for member, address in recipients:
        message = send_marketing_email(member, address=address, subject=subject, body=body)
        if message is not None:
            sent.append(message)
    return sent
