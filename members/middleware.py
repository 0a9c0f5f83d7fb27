"""Forget a sign-up or sign-in the visitor walked away from; answer allauth's rate limits with 429.

allauth keeps a login that waits for a step (the phone code after sign-up, a risk check) in the session,
and its sign-in and sign-up pages send the visitor back to that step. Once the visitor opens any other
page instead, the step is abandoned: we drop it, as later allauth versions do.
"""

from collections.abc import Callable

from allauth.account.internal.stagekit import LOGIN_SESSION_KEY, clear_login
from allauth.core.exceptions import RateLimited
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def drop_abandoned_login(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(request, "_account_login_accessed", False)
            and hasattr(request, "session")
            and LOGIN_SESSION_KEY in request.session
        ):
            clear_login(request)
        return response

    def process_exception(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # A code texted from inside a sign-up step (enumeration prevention) can hit the per-number limit.
        if isinstance(exception, RateLimited):
            return render(request, "429.html", status=429)
        return None

    middleware.process_exception = process_exception  # type: ignore[attr-defined]
    return middleware
