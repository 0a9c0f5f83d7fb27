"""Privacy signals on every request: Global Privacy Control, the cookie choice, and material policy re-acceptance."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from privacy import consent, cookies
from privacy.policy_versions import pending_version
from privacy.purposes import Purpose

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase

# Pages a member with a pending material version may still reach: the policy itself,
# signing out, closing the account (POL-12 "until they accept or close the account").
DEFAULT_EXEMPT_PREFIXES = (
    "/privacy/",
    "/accounts/logout/",
    # Closing the account asks for the password again first.
    "/accounts/reauthenticate/",
    "/static/",
    "/admin/",
    "/healthz",
    "/api/schema/",
    "/api/docs/",
    "/api/privacy/policy/",
    "/api/v1/policy/",
)


def record_gpc(request: HttpRequest) -> None:
    """Sec-GPC: 1 withdraws personalised advertising; for a member it is recorded once, with channel "gpc"."""
    user = cast("_User", request.user)  # called for signed-in members only
    key = f"{Purpose.PERSONALISED_ADS}:"
    if consent.current_state(user).get(key) is not False:
        consent.withdraw(
            user, Purpose.PERSONALISED_ADS, context=consent.context_from_request(request, channel=consent.Channel.GPC)
        )


class PrivacyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self._exempt: tuple[str, ...] | None = None

    @property
    def exempt(self) -> tuple[str, ...]:
        """Resolved on first use, once the URLconf is loaded: the account-closure page stays reachable."""
        if self._exempt is None:
            extra = tuple(getattr(settings, "PRIVACY_REACCEPTANCE_EXEMPT_PATHS", ()))
            with suppress(NoReverseMatch):
                extra += (reverse("account-closure"),)
            self._exempt = DEFAULT_EXEMPT_PREFIXES + extra
        return self._exempt

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.gpc = request.headers.get("Sec-GPC") == "1"  # type: ignore[attr-defined]  # read by cookies.apply_cookie_choice
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.gpc:  # type: ignore[attr-defined]  # set above
                record_gpc(request)
            if not request.path.startswith(self.exempt):
                blocked = self.block_until_accepted(request)
                if blocked is not None:
                    return blocked
        response = self.get_response(request)
        cookies.apply_cookie_choice(request, response)
        return response

    def block_until_accepted(self, request: HttpRequest) -> HttpResponseBase | None:
        version = pending_version(cast("_User", request.user))  # called for signed-in members only
        if version is None:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "code": "policy_acceptance_required",
                    "detail": _("Accept privacy policy %(label)s before you go on.") % {"label": version.label},
                    "policy_version": version.label,
                },
                status=403,
            )
        return redirect(f"{reverse('privacy:reaccept')}?{urlencode({'next': request.get_full_path()})}")
