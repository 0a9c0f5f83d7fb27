"""Devices and sessions (MEM-08): when each session was last seen, from where, written at most every few minutes.

allauth's own middleware updates the session's row on every request, which turns
every page view into a database write. This one records activity when the session
was not recorded in the last ACTIVITY_INTERVAL, or at once when its IP address or
browser changed (allauth's `session_client_changed` signal still fires then). The
cache remembers what was last recorded; with Redis down every request records, as
allauth does.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from allauth.account.adapter import get_adapter
from allauth.usersessions.models import UserSession
from allauth.usersessions.views import ListUserSessionsView
from django.core.cache import cache

ACTIVITY_INTERVAL = timedelta(minutes=5)


def activity_cache_key(session_key: str) -> str:
    return f"usersession-seen:{session_key}"


def client_fingerprint(request) -> str:
    """The IP address and user agent a session row records, as one short value."""
    ip = get_adapter().get_client_ip(request)
    user_agent = request.META.get("HTTP_USER_AGENT", "")[: UserSession._meta.get_field("user_agent").max_length]
    return hashlib.sha256(f"{ip}\n{user_agent}".encode()).hexdigest()[:32]


def record_activity(request) -> bool:
    """Update the session's row if it is due or its client changed; True when it wrote."""
    user, session = getattr(request, "user", None), getattr(request, "session", None)
    if user is None or not user.is_authenticated or session is None or not session.session_key:
        return False
    key = activity_cache_key(session.session_key)
    fingerprint = client_fingerprint(request)
    if cache.get(key) == fingerprint:
        return False
    UserSession.objects.create_from_request(request, user=user, session=session)
    cache.set(key, fingerprint, int(ACTIVITY_INTERVAL.total_seconds()))
    return True


class SessionActivityMiddleware:
    """In place of allauth's UserSessionsMiddleware: no database write on a page view in the normal case."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        record_activity(request)
        return self.get_response(request)


class SessionListView(ListUserSessionsView):
    """allauth's Devices and sessions page, which also says how often "Last seen at" is recorded."""

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**kwargs) | {"activity_minutes": int(ACTIVITY_INTERVAL.total_seconds() // 60)}
