from __future__ import annotations

from typing import TYPE_CHECKING

from privacy.cookies import cookie_choice
from privacy.policy_versions import announced_version

if TYPE_CHECKING:
    from django.http import HttpRequest

# The session remembers the version whose banner the visitor dismissed.
BANNER_SESSION_KEY = "policy_banner_dismissed"


def cookie_banner(request: HttpRequest) -> dict[str, bool]:
    """Show the cookie banner until a choice is made (PERM-10); the choice itself costs no query."""
    if request.path.startswith("/admin/"):
        return {"show_cookie_banner": False}
    choice = getattr(request, "cookie_choice", None) or cookie_choice(request)
    return {"show_cookie_banner": not choice.is_decided}


def site_notices(request: HttpRequest) -> dict[str, object]:
    """The policy banner (POL-12) on every site page; cached, so no query."""
    if request.path.startswith("/admin/"):
        return {}
    banner = None
    announced = announced_version()
    if announced is not None and getattr(request, "session", {}).get(BANNER_SESSION_KEY) != announced[0]:
        banner = {"id": announced[0], "label": announced[1]}
    return {"policy_banner": banner}
