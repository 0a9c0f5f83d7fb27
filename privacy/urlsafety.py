"""Where a `next` parameter may send a member: only to a path on this site (issue 15, item 6).

A `next` value is always a URL, never a view name to reverse, so a plain word (`next=foo`) is a
relative path, not a NoReverseMatch; anything with another host, a scheme, a backslash or a
control character falls back to the default.
"""

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def local_url(request: HttpRequest, value: str | None, *, default: str) -> str:
    """`value` if it is a path on this site (starting with one "/"), else `default`."""
    if (
        not value
        or len(value) > 2000
        or not value.startswith("/")
        or value.startswith(("//", "/\\"))
        or any(ord(char) < 32 or ord(char) == 127 for char in value)
        or not url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure())
    ):
        return default
    return value


def redirect_back(request: HttpRequest, value: str | None, *, default: str) -> HttpResponseRedirect:
    """A redirect to `value` when it is a local URL, else to `default` (a URL, not a view name)."""
    return HttpResponseRedirect(local_url(request, value, default=default))
