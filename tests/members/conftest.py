"""Helpers of the members tests: reading the SMS outbox.

allauth keeps rate-limit counters in the cache; the suite's `_empty_cache` fixture starts each test without them.
"""

import re

from interactions.models import SmsMessage


def last_code(phone: str) -> str:
    """The six-digit code in the latest text to `phone`, as the development SMS backend stored it."""
    body = SmsMessage.objects.filter(phone=phone).latest("sent_at", "id").body
    return re.search(r"\b(\d{6})\b", body).group(1)
