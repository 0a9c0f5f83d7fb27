"""Section II(VIII)2: cookies. Only strictly necessary cookies are set until the visitor or member agrees (PERM-07..10).

A visitor's choice lives in a signed cookie (itself strictly necessary: it
records the choice); a member's choice is also written to the consent ledger.
`Sec-GPC: 1` withdraws advertising for the request it comes with.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.core import signing
from django.utils.translation import gettext_lazy as _

from privacy import consent
from privacy.purposes import Purpose

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase
    from django_stubs_ext import StrOrPromise

CONSENT_COOKIE = "cookie_consent"
CONSENT_COOKIE_SALT = "privacy.cookie-consent"
CONSENT_MAX_AGE = 180 * 24 * 60 * 60
NECESSARY = "necessary"
PERSONALISATION = "personalisation"
ADVERTISING = "advertising"


@dataclass(frozen=True)
class CookieInfo:
    name: str
    category: str
    purpose: StrOrPromise
    lifetime: StrOrPromise

    @property
    def category_label(self) -> StrOrPromise:
        return CATEGORY_LABELS[self.category]


COOKIES = (
    CookieInfo("sessionid", NECESSARY, _("Keeps you signed in."), _("Two weeks")),
    CookieInfo("csrftoken", NECESSARY, _("Protects forms against cross-site request forgery."), _("One year")),
    CookieInfo(CONSENT_COOKIE, NECESSARY, _("Remembers your cookie choice."), _("Six months")),
    CookieInfo("messages", NECESSARY, _("Carries a one-time notice to the next page."), _("Until it is shown")),
    CookieInfo("django_language", NECESSARY, _("Remembers the language you chose."), _("One year")),
    CookieInfo("pp_interests", PERSONALISATION, _("Remembers your interests to tailor content."), _("Six months")),
    CookieInfo("pp_ad_id", ADVERTISING, _("Measures and optimises the advertising you see."), _("Six months")),
)
CATEGORY_LABELS = {
    NECESSARY: _("Strictly necessary"),
    PERSONALISATION: _("Interest-based content"),
    ADVERTISING: _("Advertising optimisation"),
}
NON_ESSENTIAL = {cookie.name: cookie.category for cookie in COOKIES if cookie.category != NECESSARY}
CATEGORY_PURPOSE = {PERSONALISATION: Purpose.COOKIES_PERSONALISATION, ADVERTISING: Purpose.COOKIES_ADVERTISING}


@dataclass(frozen=True)
class CookieChoice:
    personalisation: bool = False
    advertising: bool = False
    is_decided: bool = False

    def allows(self, category: str) -> bool:
        return getattr(self, category, False)


def _visitor_choice(request: HttpRequest) -> CookieChoice:
    try:
        value = request.get_signed_cookie(CONSENT_COOKIE, salt=CONSENT_COOKIE_SALT, max_age=CONSENT_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return CookieChoice()
    return _decode(value)  # type: ignore[arg-type]  # without a default it raises rather than return None


SESSION_KEY = "privacy_cookie_choice"


def _encode(personalisation: bool, advertising: bool) -> str:
    return f"{PERSONALISATION}={int(personalisation)},{ADVERTISING}={int(advertising)}"


def _decode(value: str) -> CookieChoice:
    flags = dict(part.split("=", 1) for part in value.split(",") if "=" in part)
    return CookieChoice(flags.get(PERSONALISATION) == "1", flags.get(ADVERTISING) == "1", is_decided=True)


def cookie_choice(request: HttpRequest) -> CookieChoice:
    """The choice in force: a member's (copied from the ledger into the session at sign-in), else the signed cookie.

    Reading the session, which is loaded for every signed-in request anyway,
    keeps this free of queries.
    """
    session = getattr(request, "session", None)
    if session is not None and SESSION_KEY in session:
        return _decode(session[SESSION_KEY])
    return _visitor_choice(request)


def remember_member_choice(request: HttpRequest, member: _User | AnonymousUser) -> None:
    """At sign-in, or after a change in the privacy centre: copy the member's ledger choice into the session."""
    state = consent.current_state(cast("_User", member))  # called at sign-in and from the signed-in privacy centre
    keys = [f"{CATEGORY_PURPOSE[c]}:" for c in (PERSONALISATION, ADVERTISING)]
    if any(key in state for key in keys):
        request.session[SESSION_KEY] = _encode(state.get(keys[0], False), state.get(keys[1], False))
    else:
        request.session.pop(SESSION_KEY, None)
    request.cookie_choice = cookie_choice(request)  # type: ignore[attr-defined]  # the request carries the choice in force


def record_cookie_choice(
    request: HttpRequest, response: HttpResponseBase, *, personalisation: bool, advertising: bool
) -> None:
    """Store the choice in the signed cookie and, for a member, in the ledger; drop cookies no longer allowed."""
    user = request.user
    if user.is_authenticated:
        state = consent.current_state(user)
        context = consent.context_from_request(request)
        for category, wanted in ((PERSONALISATION, personalisation), (ADVERTISING, advertising)):
            purpose = CATEGORY_PURPOSE[category]
            if state.get(f"{purpose}:") is not wanted:
                consent.set_consent(user, purpose, is_granted=wanted, context=context)
        request.session[SESSION_KEY] = _encode(personalisation, advertising)
    response.set_signed_cookie(
        CONSENT_COOKIE,
        _encode(personalisation, advertising),
        salt=CONSENT_COOKIE_SALT,
        max_age=CONSENT_MAX_AGE,
        samesite="Lax",
        httponly=True,
    )
    request.cookie_choice = CookieChoice(personalisation, advertising, is_decided=True)  # type: ignore[attr-defined]  # the request carries the choice in force


def apply_cookie_choice(request: HttpRequest, response: HttpResponseBase) -> None:
    """Set the non-essential cookies the choice allows and expire any it does not (PERM-09)."""
    choice = getattr(request, "cookie_choice", None) or cookie_choice(request)
    for name, category in NON_ESSENTIAL.items():
        allowed = choice.allows(category) and not (category == ADVERTISING and getattr(request, "gpc", False))
        if allowed and name not in request.COOKIES and name not in response.cookies:
            response.set_cookie(name, secrets.token_urlsafe(12), max_age=CONSENT_MAX_AGE, samesite="Lax", httponly=True)
        elif not allowed and name in request.COOKIES:
            response.delete_cookie(name, samesite="Lax")
