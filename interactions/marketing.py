"""Section II(VI)1: marketing goes only to members who agreed, per channel, with a one-click unsubscribe (INT-02).

Every sender asks the ledger right before it sends, so a withdrawal stops the next send:
email and SMS (each message carries a signed one-click unsubscribe link), the phone call
list staff work in admin, and the pop-ups shown on site pages (each with a Skip button).
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.channels import SMS_MAX_LENGTH, send_email, send_sms
from interactions.models import MarketingCall, MarketingMessage, MarketingPopup, PopupDismissal
from privacy import consent
from privacy.links import absolute_url
from privacy.purposes import Purpose, processes

# The salt predates the move to interactions: links already sent must keep working.
UNSUBSCRIBE_SALT = "privacy.unsubscribe"
CHANNEL_PURPOSE: dict[str, Purpose] = {
    MarketingMessage.Channel.EMAIL: Purpose.MARKETING_EMAIL,
    MarketingMessage.Channel.SMS: Purpose.MARKETING_SMS,
}
POPUPS_CACHE_KEY = "marketing:popups"


def unsubscribe_token(message: MarketingMessage) -> str:
    return signing.dumps({"message": message.pk, "member": message.member_id}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(message: MarketingMessage) -> str:
    return absolute_url(reverse("interactions:unsubscribe", args=[unsubscribe_token(message)]))


@transaction.atomic
@processes(Purpose.MARKETING_EMAIL, description="Sends a marketing email to a member who agreed to it.")
def send_marketing_email(member, *, address: str, subject: str, body: str) -> MarketingMessage | None:
    """Send one marketing email if the member agrees to email marketing now; None (nothing sent) otherwise."""
    if not consent.has_consent(member, Purpose.MARKETING_EMAIL):
        return None
    message = MarketingMessage.objects.create(
        member=member, channel=MarketingMessage.Channel.EMAIL, address=address, subject=subject
    )
    link = unsubscribe_url(message)
    text = f"{body}\n\n{_('Unsubscribe with one click: %(link)s') % {'link': link}}\n"
    headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    transaction.on_commit(lambda: send_email(address=address, subject=subject, body=text, headers=headers))
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


def _confirmed_phone(member) -> str | None:
    confirmed = member.is_active and member.phone and member.phone_verified_at is not None
    return member.phone if confirmed else None


@transaction.atomic
@processes(Purpose.MARKETING_SMS, description="Sends a marketing text message to a member who agreed to it.")
def send_marketing_sms(member, *, body: str) -> MarketingMessage | None:
    """Text one marketing message to the member's confirmed number if they agree to SMS marketing now.

    None (nothing sent) without consent or without a confirmed number. The text ends with
    an opt-out instruction and a signed one-click link; too long a text is refused.
    """
    phone = _confirmed_phone(member)
    if phone is None or not consent.has_consent(member, Purpose.MARKETING_SMS):
        return None
    message = MarketingMessage.objects.create(
        member=member, channel=MarketingMessage.Channel.SMS, address=phone, subject=body[:200]
    )
    text = f"{body}\n{_('Stop these texts with one click: %(link)s') % {'link': unsubscribe_url(message)}}"
    if len(text) > SMS_MAX_LENGTH:
        raise ValidationError(
            _("The text is too long for one message with its opt-out link: at most %(max)s characters in all.")
            % {"max": SMS_MAX_LENGTH},
            code="too_long",
        )
    transaction.on_commit(lambda: send_sms(phone=phone, body=text, member=member))
    return message


def send_sms_campaign(members, *, body: str) -> list[MarketingMessage]:
    """Text a campaign to members; those without SMS-marketing consent now, or a confirmed number, are left out."""
    sent = []
    for member in members:
        message = send_marketing_sms(member, body=body)
        if message is not None:
            sent.append(message)
    return sent


# -- phone calls ---------------------------------------------------------------


def open_calls():
    """The call list as staff see it: calls not made yet, to members who agree to phone marketing right now,
    on the number they have now."""
    return MarketingCall.objects.filter(
        called_at__isnull=True,
        member_id__in=consent.consenting_member_ids(Purpose.MARKETING_PHONE),
        phone=F("member__phone"),
    )


@transaction.atomic
@processes(Purpose.MARKETING_PHONE, description="Lists the members who agreed to marketing calls, with their numbers.")
def refresh_call_list(topic: str) -> int:
    """Bring the call list for `topic` in step with the ledger; returns how many calls are open.

    Members who agree to phone marketing now, are active and have a confirmed number are added
    (once); open calls to anyone else, or to a number the member no longer has, are removed.
    A fixed number of statements, however many members.
    """
    topic = topic.strip()
    if not topic:
        raise ValidationError(_("Name the topic of the calls."), code="no_topic")
    eligible = get_user_model().objects.filter(
        pk__in=consent.consenting_member_ids(Purpose.MARKETING_PHONE),
        is_active=True,
        phone__isnull=False,
        phone_verified_at__isnull=False,
    )
    open_for_topic = MarketingCall.objects.filter(topic=topic, called_at__isnull=True)
    open_for_topic.exclude(member__in=eligible).delete()
    open_for_topic.exclude(phone=F("member__phone")).delete()
    now = timezone.now()
    MarketingCall.objects.bulk_create(
        [
            MarketingCall(topic=topic, member_id=pk, phone=cast(str, phone), queued_at=now)  # eligible: phone not null
            for pk, phone in eligible.values_list("pk", "phone")
        ],
        ignore_conflicts=True,
    )
    return open_for_topic.count()


@transaction.atomic
def record_call(call: MarketingCall, *, staff, outcome: str) -> MarketingCall:
    """Staff made the call: allowed only while the member still agrees to phone marketing (asked right now)."""
    if outcome not in MarketingCall.Outcome.values:
        raise ValidationError(_("Choose the outcome of the call."), code="outcome")
    call = MarketingCall.objects.select_for_update().select_related("member").get(pk=call.pk)
    if call.called_at is not None:
        raise ValidationError(_("This call is already recorded."), code="called")
    if not consent.has_consent(call.member, Purpose.MARKETING_PHONE):
        raise ValidationError(
            _("%(member)s no longer agrees to marketing calls: do not call.") % {"member": call.member},
            code="withdrawn",
        )
    call.called_at, call.called_by, call.outcome = timezone.now(), staff, outcome
    call.save(update_fields=["called_at", "called_by", "outcome"])
    return call


# -- pop-ups -------------------------------------------------------------------


def skipped_popups_cache_key(member_id: int) -> str:
    return f"marketing:popups-skipped:{member_id}"


def forget_popups() -> None:
    cache.delete(POPUPS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(POPUPS_CACHE_KEY))


def _scheduled_popups() -> list[dict]:
    """Pop-ups not yet ended, cached for every page (dropped whenever staff change one)."""
    popups = cache.get(POPUPS_CACHE_KEY)
    if popups is None:
        popups = list(
            MarketingPopup.objects.filter(ends_at__gt=timezone.now())
            .order_by("starts_at", "id")
            .values("id", "title", "body", "link_url", "starts_at", "ends_at")
        )
        cache.set(POPUPS_CACHE_KEY, popups, 60 * 60)
    return popups


def _skipped_popup_ids(member) -> frozenset[int]:
    skipped = cache.get(skipped_popups_cache_key(member.pk))
    if skipped is None:
        skipped = frozenset(PopupDismissal.objects.filter(member=member).values_list("popup_id", flat=True))
        cache.set(skipped_popups_cache_key(member.pk), skipped, 60 * 60)
    return skipped


def popup_for(member) -> dict | None:
    """The pop-up to show this member on this page: only with pop-up consent now, never one they skipped."""
    if member is None or not member.is_authenticated or not consent.has_consent(member, Purpose.MARKETING_POPUP):
        return None
    now = timezone.now()
    showing = [popup for popup in _scheduled_popups() if popup["starts_at"] <= now < popup["ends_at"]]
    if not showing:
        return None
    skipped = _skipped_popup_ids(member)
    return next((popup for popup in showing if popup["id"] not in skipped), None)


def skip_popup(member, popup: MarketingPopup) -> PopupDismissal:
    """INT-02 "Pop-ups can be skipped": this member does not see this pop-up again."""
    dismissal, _created = PopupDismissal.objects.get_or_create(member=member, popup=popup)
    key = skipped_popups_cache_key(member.pk)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
    return dismissal
