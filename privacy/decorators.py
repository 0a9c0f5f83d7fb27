"""Consent at the point of use (POL-03): a gated view runs only once its purpose is granted; until then the member
sees what would be collected and why, and nothing they sent is stored."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from privacy import consent
from privacy.forms import PointOfUseConsentForm
from privacy.purposes import PURPOSES, Purpose

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse
    from django.http.response import HttpResponseBase

P = ParamSpec("P")


def consent_prompt(request: HttpRequest, purpose: Purpose, scope: str = "") -> HttpResponse:
    next_url = request.get_full_path() if request.method == "GET" else request.headers.get("referer", "/")
    form = PointOfUseConsentForm(initial={"purpose": purpose.value, "scope": scope, "next": next_url})
    return render(
        request,
        "privacy/consent_prompt.html",
        {"form": form, "purpose": purpose, "info": PURPOSES[purpose], "scope": scope},
        status=403,
    )


def consent_required(
    purpose: Purpose | str, *, scope: str = ""
) -> Callable[
    [Callable[Concatenate[HttpRequest, P], HttpResponseBase]], Callable[Concatenate[HttpRequest, P], HttpResponseBase]
]:
    """Decorate a view that processes data for an optional purpose."""
    purpose = Purpose(purpose)

    def decorator(
        view: Callable[Concatenate[HttpRequest, P], HttpResponseBase],
    ) -> Callable[Concatenate[HttpRequest, P], HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not consent.has_consent(request.user, purpose, scope=scope):
                return consent_prompt(request, purpose, scope)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class ConsentRequiredMixin:
    """The same gate for class-based views: set `consent_purpose`."""

    consent_purpose: Purpose
    consent_scope = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not consent.has_consent(request.user, self.consent_purpose, scope=self.consent_scope):
            return consent_prompt(request, Purpose(self.consent_purpose), self.consent_scope)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc, no-any-return]  # View has dispatch
