"""Section V(III)4: anti-fraud warnings (SEC-11).

Staff keep the patterns in admin (outside payment channels, QQ or WeChat numbers, asking for an ID or
bank card, a mobile number). Chat messages and pay-on-behalf details that match one warn the member
to give trading partners only the data the trade needs and to stay on the platform's channels.
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.utils.translation import gettext_lazy

from interactions.models import FraudPattern

CACHE_KEY = "fraud:patterns"
CACHE_SECONDS = 60 * 60
# Only this much of a text is matched: staff write the patterns, members write the text.
MAX_TEXT = 5000


def _active_patterns() -> list[tuple[str, str]]:
    patterns = cache.get(CACHE_KEY)
    if patterns is None:
        patterns = list(
            FraudPattern.objects.filter(is_active=True).order_by("name", "id").values_list("pattern", "warning")
        )
        cache.set(CACHE_KEY, patterns, CACHE_SECONDS)
    return patterns


def forget_patterns() -> None:
    cache.delete(CACHE_KEY)


def fraud_warnings(text: str) -> list[str]:
    """The warnings of every active pattern that `text` matches, each once, in the patterns' order."""
    text = text[:MAX_TEXT]
    found: list[str] = []
    for pattern, warning in _active_patterns():
        try:
            matches = re.search(pattern, text, flags=re.IGNORECASE) is not None
        except re.error:  # saved before the admin validator existed, or edited in SQL: never fail the sender
            continue
        if matches and warning not in found:
            found.append(warning)
    return found


# Said before the matched pattern's own warning, wherever one is shown.
ANTI_FRAUD_LEAD = gettext_lazy(
    "Be careful: give trading partners only the personal data the trade needs, and never pay outside the platform."
)
