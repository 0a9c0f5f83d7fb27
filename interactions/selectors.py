"""How other apps and the pages read section II(VI): the Messages inbox, store chats, page-state cache keys."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from interactions.fraud import ANTI_FRAUD_LEAD, fraud_warnings
from interactions.inbox import unread_cache_keys, unread_count
from interactions.marketing import POPUPS_CACHE_KEY, skipped_popups_cache_key
from interactions.models import AlertCategory, ChatMessage, Message, StoreChatMute, StoreConversation


def page_state_cache_keys(member_id: int | None) -> list[str]:
    """The cache keys of the pop-ups, and of the member's skipped pop-ups and unread count, for one read per page."""
    if member_id is None:
        return [POPUPS_CACHE_KEY]
    return [POPUPS_CACHE_KEY, skipped_popups_cache_key(member_id), *unread_cache_keys(member_id)]


def messages_for(member, *, category: str = "") -> QuerySet[Message]:
    """The member's Messages inbox, newest first; only one category when `category` names one (INT-04)."""
    messages = Message.objects.filter(member=member).order_by("-created_at", "-id")
    if category in AlertCategory.values:
        messages = messages.filter(kind=category)
    return messages


def conversations_for(member) -> QuerySet[StoreConversation]:
    """The member's store chats, the latest active first, with their store (INT-06)."""
    return StoreConversation.objects.filter(member=member).select_related("store").order_by("-last_message_at", "-id")


def conversations_for_stores(store_ids: Iterable[int] | QuerySet) -> QuerySet[StoreConversation]:
    """The chats of the stores a staff member works for; the caller gives their stores (INT-06)."""
    return (
        StoreConversation.objects.filter(store_id__in=store_ids)
        .select_related("store", "member")
        .order_by("-last_message_at", "-id")
    )


def chat_messages(conversation: StoreConversation) -> QuerySet[ChatMessage]:
    return ChatMessage.objects.filter(conversation=conversation).order_by("sent_at", "id")


def muted_store_ids(member) -> set[int]:
    return set(StoreChatMute.objects.filter(member=member).values_list("store_id", flat=True))


def is_store_muted(member, store_id: int) -> bool:
    return StoreChatMute.objects.filter(member=member, store_id=store_id).exists()


__all__ = [
    "ANTI_FRAUD_LEAD",
    "chat_messages",
    "conversations_for",
    "conversations_for_stores",
    "fraud_warnings",
    "is_store_muted",
    "messages_for",
    "muted_store_ids",
    "page_state_cache_keys",
    "unread_count",
]
