"""Section II(VI): the Messages inbox's unread count, shown in the header of every signed-in page.

Cached per member and read with the rest of the page state (portal.request_context).
Saving a message drops its member's count; code that deletes messages or marks them read
in bulk calls `forget_unread_count(member_id)` (no delete signal: it would stop Django from
deleting a member's messages in one statement). Notices written in bulk (`bulk_create`,
`INSERT … SELECT`) call `forget_unread_counts()`, which retires every member's count at once
by changing the generation the counts are stored under.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from interactions.models import Message

GENERATION_KEY = "inbox:unread-generation"
# A backstop for rows changed by set-based SQL that tells no one (retention sweeps, erasure).
UNREAD_SECONDS = 10 * 60


def _unread_key(member_id: int) -> str:
    return f"inbox:unread:{member_id}"


def unread_cache_keys(member_id: int) -> list[str]:
    return [GENERATION_KEY, _unread_key(member_id)]


def unread_count(member) -> int:
    """How many of the member's messages are unread: from the cache, else one COUNT."""
    key = _unread_key(member.pk)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY, "")
    cached = found.get(key)
    if cached is not None and cached[0] == generation:
        return cached[1]
    count = Message.objects.filter(member=member, read_at__isnull=True).count()
    cache.set(key, (generation, count), UNREAD_SECONDS)
    return count


def forget_unread_count(member_id: int) -> None:
    key = _unread_key(member_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def forget_unread_counts() -> None:
    """After notices written in bulk: every member's count is read again on their next page."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, secrets.token_hex(8), None))


@receiver(post_save, sender=Message, dispatch_uid="interactions.inbox.forget_unread_count")
def _message_changed(sender, instance: Message, **kwargs) -> None:
    forget_unread_count(instance.member_id)
