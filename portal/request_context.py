"""What every signed-in page needs, read from the cache in one round trip per request (issue 14).

The policy version in force and the one announced (POL-12), security-incident
announcements (STO-11), the member's consent state (header, banners, GPC, re-acceptance), the marketing pop-ups and those the
member skipped (INT-02), the unread count of the Messages inbox, when the
session was last recorded (MEM-08), the level rules, the member's blocked categories (BRW-08), whether
the member is staff of a store, and the generations
of the best sellers and featured posts workers keep (privacy.generations) are each cached by the module that owns them
and dropped there on change. This middleware reads all of their keys with one
MGET; for the rest of the request those modules' reads are answered from memory
(portal.cache.request_memo), and a change made during the request drops the key.
"""

from django.core.cache import cache

from catalog import selectors as catalog_selectors
from interactions.selectors import page_state_cache_keys
from members.selectors import LEVEL_RULES_CACHE_KEY, activity_cache_key
from portal.cache import request_memo
from privacy import consent, policy_versions
from publishing import selectors as publishing_selectors
from rights.selectors import BANNER_CACHE_KEY


def page_cache_keys(request) -> list[str]:
    keys = [policy_versions.REQUIRED_CACHE_KEY, policy_versions.RECENT_MATERIAL_CACHE_KEY, BANNER_CACHE_KEY]
    member = request.user
    if not member.is_authenticated:
        return keys + page_state_cache_keys(None)
    keys += [consent.state_cache_key(member.pk), *page_state_cache_keys(member.pk)]
    # The generations of what workers keep for the recommendation slots and the featured posts, and the blocks.
    keys += [*catalog_selectors.page_state_cache_keys(member.pk), *publishing_selectors.page_state_cache_keys()]
    keys.append(LEVEL_RULES_CACHE_KEY)  # the dashboard's level section
    if request.session.session_key:
        keys.append(activity_cache_key(request.session.session_key))
    return keys


class PageStateMiddleware:
    """After AuthenticationMiddleware: loads the session and member once, then the page state in one read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_memo():
            user = getattr(request, "user", None)
            # Only the Redis cache has a round trip to save; the local-memory one (development) has none.
            if user is not None and user.is_authenticated and hasattr(cache, "prefetch"):
                cache.prefetch(page_cache_keys(request))
            return self.get_response(request)
