"""Absolute links to this site, for texts, e-mails and links members pass on (issue 15, item 5).

They start with `settings.SITE_BASE_URL`, which production must set, and never with a request's
Host header, which a client chooses.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (from reverse(), starting with "/") on the site's public address."""
    return settings.SITE_BASE_URL + path
