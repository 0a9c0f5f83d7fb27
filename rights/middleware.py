"""RGT-11: during a closure's cooling-off window the account does nothing but download a copy and cancel."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from rights.closure import SESSION_FLAG

# Reachable while locked: the closure page itself (to cancel), the copy of my data, signing out, the receipt.
ALLOWED_PREFIXES = (
    "/me/settings/account/close/",
    "/me/data/copy/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/privacy/erasure/",
    "/static/",
    "/healthz",
)


class ClosureLockMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_FLAG) and not request.path.startswith(ALLOWED_PREFIXES):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"code": "account_closing", "detail": _("This account is being closed.")}, status=403
                )
            return redirect(reverse("account-closure"))
        return self.get_response(request)
