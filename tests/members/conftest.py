"""Helpers of the members tests: reading the codes texted to a phone.

allauth keeps rate-limit counters in the cache; the suite's `_empty_cache` fixture starts each test without them.
"""

import re

from tests.sms import texts_to


def last_code(phone: str) -> str:
    """The six-digit code in the latest text to `phone`, as the suite's SMS backend recorded it."""
    body = texts_to(phone)[-1]
    return re.search(r"\b(\d{6})\b", body).group(1)
