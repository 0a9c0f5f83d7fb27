"""Rendered page fragments kept in each worker's memory (issue 14): the header and footer of base.html.

Most of a page's rendering time went into the site chrome: about twenty `{% url %}` and
thirty-five translations, the same for every visitor who shares a language. base.html wraps
those parts in Django's `{% cache %}` tag with `using="fragments"`, a local-memory cache in
each worker (settings.CACHES["fragments"]: no Redis round trip, nothing pickled across
processes).

The invalidation rule is the key: a fragment is stored under its name plus the values listed
after the name (always LANGUAGE_CODE first), and it may show nothing else. A changed nickname,
unread count, staff flag or language is a different key, so a change shows on the very next
request with nothing to delete; the old entry ages out (timeout, or culled when the cache is
full). When you add something to a cached fragment that depends on another value, add that
value to the fragment's list; a link whose URL and label never change needs nothing.

What differs per request stays outside the fragments: CSRF tokens, the current path in the
forms' `next` fields, the flash messages, the cookie and policy banners, the marketing pop-up
and the policy link of the page's scope (a page may override the footer_policy block).

Templates, translations and URLs change only with a deploy, which restarts the workers. In
development runserver reloads templates without restarting: the fragments are dropped too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.cache import caches

CACHE_ALIAS = "fragments"


def forget_fragments(sender: Any = None, file_path: Path | None = None, **kwargs: Any) -> None:
    """Drop every rendered fragment of this process (connected to the autoreloader's file_changed)."""
    if file_path is None or Path(file_path).suffix in {".html", ".txt", ".mo"}:
        caches[CACHE_ALIAS].clear()
