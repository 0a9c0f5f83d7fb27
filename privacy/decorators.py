"""Consent at the point of use (POL-03): a gated view runs only once its purpose is granted; until then the member
sees what would be collected and why, and nothing they sent is stored."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from privacy import consent
from privacy.forms import PointOfUseConsentForm
from privacy.purposes import PURPOSES, Purpose


def consent_prompt(request, purpose: Purpose, scope: str = ""):
    next_url = request.get_full_path() if request.method == "GET" else request.headers.get("referer", "/")
    form = PointOfUseConsentForm(initial={"purpose": purpose.value, "scope": scope, "next": next_url})
    return render(
        request,
        "privacy/consent_prompt.html",
        {"form": form, "purpose": purpose, "info": PURPOSES[purpose], "scope": scope},
        status=403,
    )


def consent_required(purpose: Purpose | str, *, scope: str = ""):
    """Decorate a view that processes data for an optional purpose."""
    purpose = Purpose(purpose)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
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

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not consent.has_consent(request.user, self.consent_purpose, scope=self.consent_scope):
            return consent_prompt(request, Purpose(self.consent_purpose), self.consent_scope)
        return super().dispatch(request, *args, **kwargs)
