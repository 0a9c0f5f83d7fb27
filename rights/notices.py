"""Every notice the rights app sends a member goes through notify_member (section IV: answers, deadlines, closure)."""

from __future__ import annotations

from interactions.models import Message


def notify_member(member, *, title: str, body: str, kind: str = "service") -> Message:
    """Deliver one notice to the member's Messages inbox; call it inside the transaction that caused it."""
    return Message.objects.create(member=member, kind=kind, title=str(title)[:200], body=str(body))
