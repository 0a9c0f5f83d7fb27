"""How other apps read what reaches a member: the inbox's unread count and the cache keys of the page state."""

from __future__ import annotations

from django.db.models import QuerySet

from interactions.inbox import unread_cache_keys, unread_count
from interactions.marketing import POPUPS_CACHE_KEY, skipped_popups_cache_key
from interactions.models import Message


def page_state_cache_keys(member_id: int | None) -> list[str]:
    """The cache keys of the pop-ups, and of the member's skipped pop-ups and unread count, for one read per page."""
    if member_id is None:
        return [POPUPS_CACHE_KEY]
    return [POPUPS_CACHE_KEY, skipped_popups_cache_key(member_id), *unread_cache_keys(member_id)]


def messages_for(member) -> QuerySet[Message]:
    """The member's Messages inbox, newest first."""
    return Message.objects.filter(member=member).order_by("-created_at", "-id")


__all__ = ["messages_for", "page_state_cache_keys", "unread_count"]
