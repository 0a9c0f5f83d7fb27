"""Fixtures of the members tests: a clean rate-limit cache, and reading the SMS outbox."""

import re

import pytest
from django.core.cache import cache

from members.models import SmsMessage


@pytest.fixture(autouse=True)
def _clean_cache():
    # allauth keeps rate-limit counters in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


def last_code(phone: str) -> str:
    """The six-digit code in the latest text to `phone`, as the development SMS backend stored it."""
    body = SmsMessage.objects.filter(phone=phone).latest("sent_at", "id").body
    return re.search(r"\b(\d{6})\b", body).group(1)
