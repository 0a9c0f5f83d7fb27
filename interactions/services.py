"""Section II(VI)1: the one notice service, and Alert Settings per category and channel (INT-01, INT-05).

Every notice to a member (security, service, logistics, price drops, events, closures) goes
through `notify` (one member) or `notify_all` (a set of members): it reads the member's
switches and, for marketing categories, the marketing consent, right before it sends.
Security and service notices cannot be switched off and always reach the inbox.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions import channels
from interactions.fraud import fraud_warnings
from interactions.inbox import forget_unread_count, forget_unread_counts
from interactions.models import (
    AlertCategory,
    AlertChannel,
    AlertSetting,
    ChatMessage,
    Message,
    PushNotification,
    StoreChatMute,
    StoreConversation,
)
from privacy import consent
from privacy.purposes import Purpose

if TYPE_CHECKING:
    from django.db.models import Field

MANDATORY = frozenset({AlertCategory.SECURITY, AlertCategory.SERVICE})
# INT-01: notification types are classed as service or marketing. Event offers (price drops
# included) are marketing: beyond the inbox they also need the member's marketing consent for
# that channel. Service and security notices ignore marketing opt-outs.
MARKETING_CATEGORIES = frozenset({AlertCategory.EVENTS})
MARKETING_CONSENT: dict[str, Purpose] = {
    AlertChannel.EMAIL: Purpose.MARKETING_EMAIL,
    AlertChannel.SMS: Purpose.MARKETING_SMS,
}
BROADCAST_BATCH = 500


def send_code_sms(*, phone: str, body: str, member=None) -> None:
    """Text a one-time code or an account-access text to `phone` at once.

    Not a notice: it answers what the person just asked for (a sign-in or verification code, a guardian's
    code), so alert settings and marketing consent do not apply; the SMS channel's backend sends it.
    """
    channels.send_sms(phone=phone, body=body, member=member)


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
        for category in AlertCategory.values
        for channel in AlertChannel.values
    }


@transaction.atomic
def save_alert_settings(member, choices: dict[tuple[str, str], bool]) -> None:
    """Store the member's switches in one statement; refuses to switch off a mandatory category."""
    for (category, channel), enabled in choices.items():
        if category not in AlertCategory.values or channel not in AlertChannel.values:
            raise ValidationError(_("Unknown alert category or channel."), code="unknown")
        if category in MANDATORY and not enabled:
            raise ValidationError(
                _("%(category)s cannot be switched off: we must be able to reach you about your account.")
                % {"category": AlertCategory(category).label},
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
        return [channel for channel in AlertChannel.values if getattr(self, channel) is not None]


def _check_category(category: str) -> None:
    if category not in AlertCategory.values:
        raise ValidationError(_("Unknown alert category."), code="unknown")


def _skip_reason(member, category: str, channel: str, switches: dict[tuple[str, str], bool]) -> str | None:
    """Why this channel is left out for this notice, or None when it goes out."""
    if not switches[(category, channel)]:
        return "switched_off"
    if _lacks_marketing_consent(member, category, channel):
        return "no_marketing_consent"
    return None


def _lacks_marketing_consent(member, category: str, channel: str) -> bool:
    marketing = category in MARKETING_CATEGORIES and channel in MARKETING_CONSENT
    return marketing and not consent.has_consent(member, MARKETING_CONSENT[channel])


def _sms_text(title: str, body: str) -> str:
    return f"{title}\n{body}".strip()[: channels.SMS_MAX_LENGTH]


@transaction.atomic
def notify(member, category: str, *, title: str, body: str = "", email: str | None = None) -> Delivery:
    """Send one notice on every channel the member's alert settings leave on (INT-01, INT-04, INT-05).

    - inbox: a Messages entry; security and service notices always arrive here.
    - email: through the e-mail channel, to `email`. Members have no email address on their
      account, so a caller that has one (for example from an order) passes it; without one the
      email channel is skipped ("no_address").
    - sms: to the member's confirmed mobile number through the SMS channel.
    - push: through the push channel, only while the member grants push notifications
      (Purpose.PUSH_NOTIFICATIONS).
    Anything leaving the site is sent after commit, so nothing goes out for a rolled-back change.
    """
    _check_category(category)
    switches = alert_settings(member)
    delivery = Delivery()
    for channel in AlertChannel.values:
        reason = _skip_reason(member, category, channel, switches)
        if reason is None:
            reason = _send(delivery, member, channel, category=category, title=title, body=body, email=email)
        if reason is not None:
            delivery.skipped[channel] = reason
    return delivery


def _send(delivery: Delivery, member, channel: str, *, category, title, body, email) -> str | None:
    if channel == AlertChannel.INBOX:
        delivery.inbox = Message.objects.create(member=member, kind=category, title=title, body=body)
    elif channel == AlertChannel.EMAIL:
        if not email:
            return "no_address"
        transaction.on_commit(lambda: channels.send_email(address=email, subject=title, body=body or title))
        delivery.email = email
    elif channel == AlertChannel.SMS:
        if not member.phone or member.phone_verified_at is None:
            return "no_confirmed_phone"
        text, phone = _sms_text(title, body), member.phone
        transaction.on_commit(lambda: channels.send_sms(phone=phone, body=text, member=member))
        delivery.sms = phone
    elif channel == AlertChannel.PUSH:
        if not consent.has_consent(member, Purpose.PUSH_NOTIFICATIONS):
            return "no_push_permission"
        delivery.push = channels.send_push(member, category=category, title=title, body=body)
    return None


def _switched_on(members: QuerySet, category: str, channel: str) -> QuerySet:
    """`members` less those who switched this category off on this channel (no row means on)."""
    if category in MANDATORY:
        return members
    off = AlertSetting.objects.filter(category=category, channel=channel, is_enabled=False).values("member_id")
    return members.exclude(pk__in=off)


@transaction.atomic
def notify_all(members: QuerySet, category: str, *, title: str, body: str = "", now: datetime | None = None) -> int:
    """`notify` for a set of members, whatever their number; returns how many got the inbox message.

    The inbox messages are one INSERT … SELECT over the members whose switches leave the inbox
    on; SMS and push go out in batches of members that one query picks by the same rules as `notify`
    (switches, confirmed phone, marketing consent, push permission), not one consent check per member.
    Members have no e-mail address, so a notice to many is not e-mailed.
    """
    _check_category(category)
    now = now or timezone.now()
    title = title[:200]
    inbox = _insert_messages(_switched_on(members, category, AlertChannel.INBOX), category, title, body, now)
    text = _sms_text(title, body)
    texted = _switched_on(members, category, AlertChannel.SMS).filter(
        phone__isnull=False, phone_verified_at__isnull=False
    )
    if category in MARKETING_CATEGORIES:
        texted = texted.filter(pk__in=consent.consenting_member_ids(MARKETING_CONSENT[AlertChannel.SMS]))
    pushed = _switched_on(members, category, AlertChannel.PUSH).filter(
        pk__in=consent.consenting_member_ids(Purpose.PUSH_NOTIFICATIONS)
    )
    for member in texted.iterator(chunk_size=BROADCAST_BATCH):
        transaction.on_commit(lambda m=member: channels.send_sms(phone=m.phone, body=text, member=m))  # type: ignore[misc]  # mypy cannot type a lambda's default argument
    for member in pushed.iterator(chunk_size=BROADCAST_BATCH):
        channels.send_push(member, category=category, title=title, body=body)
    return inbox


def _insert_messages(members: QuerySet, category: str, title: str, body: str, now: datetime) -> int:
    qn = connection.ops.quote_name
    message = Message._meta
    fields = [cast("Field[Any, Any]", message.get_field(f)) for f in ("member", "kind", "title", "body", "created_at")]
    columns = ", ".join(qn(f.column) for f in fields)
    member_ids, params = members.values("pk").query.sql_with_params()
    pk = qn(members.model._meta.pk.column)
    # One statement for every member, whatever their number.
    sql = (
        f"INSERT INTO {qn(message.db_table)} ({columns}) "  # noqa: S608 - quoted identifiers, bound values
        f"SELECT {pk}, %s, %s, %s, %s FROM {qn(members.model._meta.db_table)} WHERE {pk} IN ({member_ids})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [category, title, body, now, *params])
        inserted = cursor.rowcount
    forget_unread_counts()  # no post_save for rows written in one statement
    return inserted


PUSH_PAGE = 100


def pending_push(member) -> list[PushNotification]:
    """Push notifications the member's app has not fetched yet, newest first (one query)."""
    return list(PushNotification.objects.filter(member=member, fetched_at__isnull=True)[:PUSH_PAGE])


def mark_push_fetched(member, ids) -> int:
    """The app confirms it showed these notifications; ids of other members' notifications are ignored."""
    return PushNotification.objects.filter(member=member, pk__in=ids, fetched_at__isnull=True).update(
        fetched_at=timezone.now()
    )


# -- the Messages inbox (INT-04) ---------------------------------------------------


def _ids(message_ids: Iterable[int]) -> list[int]:
    return [int(pk) for pk in message_ids]


@transaction.atomic
def mark_messages_read(*, member, message_ids: Iterable[int] | None = None) -> int:
    """Mark the member's unread messages read (all of them when `message_ids` is None); returns how many.

    Ids of other members' messages are ignored: the update is scoped to the member first.
    """
    unread = Message.objects.filter(member=member, read_at__isnull=True)
    if message_ids is not None:
        unread = unread.filter(pk__in=_ids(message_ids))
    changed = unread.update(read_at=timezone.now())
    if changed:
        forget_unread_count(member.pk)
    return changed


@transaction.atomic
def delete_messages(*, member, message_ids: Iterable[int]) -> int:
    """Delete these of the member's messages (others' ids are ignored); returns how many were deleted."""
    deleted, _per_model = Message.objects.filter(member=member, pk__in=_ids(message_ids)).delete()
    if deleted:
        forget_unread_count(member.pk)
    return deleted


# -- store chat (INT-06) and its anti-fraud warning (SEC-11) ------------------------

CHAT_MAX_LENGTH = 2000
NOTICE_PREVIEW = 200


def _clean_chat_text(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError(_("Write a message."), code="empty")
    if "\x00" in body:
        raise ValidationError(_("Null characters are not allowed."), code="null_characters")
    if len(body) > CHAT_MAX_LENGTH:
        raise ValidationError(
            _("A message may be at most %(count)d characters.") % {"count": CHAT_MAX_LENGTH}, code="too_long"
        )
    return body


@transaction.atomic
def start_conversation(
    *, member, store, subject: str, body: str, commodity=None, order=None
) -> tuple[StoreConversation, ChatMessage]:
    """Write to a store about a commodity or an order; continues the member's chat about the same thing.

    The caller (a higher app) has checked that the order is the member's and holds the store's goods.
    """
    body = _clean_chat_text(body)
    conversation = (
        StoreConversation.objects.select_for_update()
        .filter(member=member, store=store, commodity=commodity, order=order)
        .order_by("-last_message_at", "-id")
        .first()
    )
    if conversation is None:
        conversation = StoreConversation.objects.create(
            member=member, store=store, commodity=commodity, order=order, subject=subject[:200]
        )
    message = _post(conversation, sender=member, is_from_store=False, body=body)
    _notify_store_staff(conversation, writer=member)
    return conversation, message


@transaction.atomic
def send_chat_message(*, member, conversation: StoreConversation, body: str) -> ChatMessage:
    """The member writes in their own conversation; it is saved whether or not they muted the store."""
    if conversation.member_id != member.pk:
        raise ValidationError(_("This is not your conversation."), code="not_owner")
    message = _post(conversation, sender=member, is_from_store=False, body=_clean_chat_text(body))
    _notify_store_staff(conversation, writer=member)
    return message


def _notify_store_staff(conversation: StoreConversation, *, writer) -> int:
    """Tell the store's staff (catalog.StoreMembership) that a member wrote, never the writer themselves.

    The notice names only the store and the chat's subject: what the member wrote stays in the chat and never
    travels by SMS or e-mail.
    """
    staff = get_user_model().objects.filter(store_memberships__store_id=conversation.store_id, is_active=True)
    title = _("New message in a chat with %(store)s: %(subject)s") % {
        "store": conversation.store,
        "subject": conversation.subject,
    }
    return notify_all(staff.exclude(pk=writer.pk), AlertCategory.INTERACTIONS, title=title)


@transaction.atomic
def reply_as_store(*, staff_member, conversation: StoreConversation, body: str) -> ChatMessage:
    """The store's staff answer; the member gets an interactions notice unless they muted this store.

    The caller has checked that `staff_member` works for the conversation's store.
    """
    message = _post(conversation, sender=staff_member, is_from_store=True, body=_clean_chat_text(body))
    if not StoreChatMute.objects.filter(member_id=conversation.member_id, store_id=conversation.store_id).exists():
        store = conversation.store
        notify(
            conversation.member,
            AlertCategory.INTERACTIONS,
            title=_("%(store)s answered: %(subject)s") % {"store": store, "subject": conversation.subject},
            body=message.body[:NOTICE_PREVIEW],
        )
    return message


def _post(conversation: StoreConversation, *, sender, is_from_store: bool, body: str) -> ChatMessage:
    now = timezone.now()
    warning = " ".join(fraud_warnings(body))[:500]
    message = ChatMessage.objects.create(
        conversation=conversation,
        sender=sender,
        is_from_store=is_from_store,
        body=body,
        sent_at=now,
        fraud_warning=warning,
    )
    # Whoever writes has read the conversation up to their own message.
    read_field = "store_read_at" if is_from_store else "member_read_at"
    StoreConversation.objects.filter(pk=conversation.pk).update(last_message_at=now, **{read_field: now})
    conversation.last_message_at = now
    setattr(conversation, read_field, now)
    return message


def mark_conversation_read(*, conversation: StoreConversation, by_store: bool) -> None:
    now = timezone.now()
    field_name = "store_read_at" if by_store else "member_read_at"
    StoreConversation.objects.filter(pk=conversation.pk).update(**{field_name: now})
    setattr(conversation, field_name, now)


@transaction.atomic
def set_store_muted(*, member, store_id: int, is_muted: bool) -> None:
    """Mute or unmute one store's chat for the member: messages keep arriving, notices stop (INT-06)."""
    if is_muted:
        StoreChatMute.objects.get_or_create(member=member, store_id=store_id)
    else:
        StoreChatMute.objects.filter(member=member, store_id=store_id).delete()
