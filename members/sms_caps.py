"""Caps on the texts a visitor can make the platform send (issue 15, item 3).

Sign-up codes, sign-in codes and "this number has no account" notices go to whatever number is
typed in. Each is counted per number and per IP address, per hour and per day, against a
platform-wide daily budget, and a number without an account is texted at most once a day. Over a
cap nothing is sent and the page says exactly what it would have said, so the caps reveal nothing
about which numbers have accounts.
"""

from __future__ import annotations

import logging

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)

# Actions in ACCOUNT_RATE_LIMITS (portal/settings.py).
PER_NUMBER = "sms_number"
PER_ADDRESS = "sms_address"
UNREGISTERED = "sms_unregistered"


def may_text(request: HttpRequest | None, *, phone: str, is_registered: bool) -> bool:
    """Count one visitor-triggered text to `phone`; False (send nothing) once any cap is reached."""
    if request is None:
        # Not triggered by a visitor's request (a job, the shell): only the platform budget applies.
        return _within_platform_budget()
    checks = [(PER_NUMBER, phone), (PER_ADDRESS, None)]
    if not is_registered:
        checks.insert(0, (UNREGISTERED, phone))
    # First look without counting, so a refused text uses up none of the other allowances.
    if not all(_consume(request, action, key, dry_run=True) for action, key in checks):
        return False
    if not _within_platform_budget():
        return False
    return all(_consume(request, action, key, dry_run=False) for action, key in checks)


def _consume(request: HttpRequest, action: str, key: str | None, *, dry_run: bool) -> bool:
    # limit_get: a code resent on a GET counts as well.
    return bool(
        ratelimit.consume(request, app="allauth.account", action=action, key=key, dry_run=dry_run, limit_get=True)
    )


def _within_platform_budget() -> bool:
    key = f"sms:budget:{timezone.localdate().isoformat()}"
    cache.add(key, 0, timeout=2 * 24 * 60 * 60)
    try:
        sent = cache.incr(key)
    except ValueError:
        # The counter is gone (evicted, or the cache is down): count this text as the first of the day.
        sent = 1
    if sent > settings.SMS_DAILY_BUDGET:
        logger.warning("The daily SMS budget of %s texts is spent; no more visitor-triggered texts today.", sent - 1)
        return False
    return True
