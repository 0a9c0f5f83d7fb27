"""Privacy pages: the policy and its versions (VI), the collected-information list (POL-10), the privacy centre,
the cookie choice, re-acceptance and consent at the point of use."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import RedirectView

from privacy import consent, cookies, selectors
from privacy import notices as notices_service
from privacy.categories import CATEGORY_INFO, DeviceUse
from privacy.context_processors import BANNER_SESSION_KEY
from privacy.forms import (
    ConsentToggleForm,
    CookieChoiceForm,
    NoticeAcknowledgementForm,
    PointOfUseConsentForm,
)
from privacy.models import PolicyScope
from privacy.policy_versions import accept_version, announced_version, pending_version
from privacy.purposes import PURPOSES
from privacy.registry import registry
from privacy.selectors import consent_receipt, current_policy, privacy_centre, published_versions
from privacy.templatetags.privacy_tags import partner_name
from privacy.urlsafety import local_url, redirect_back

if TYPE_CHECKING:
    from django import forms
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.db.models import Field


def _member(request: HttpRequest) -> _User:
    return cast("_User", request.user)  # only behind login_required, which lets only members through


def _closure_url() -> str:
    try:
        return reverse("account-closure")
    except NoReverseMatch:
        return reverse("contact")


@require_GET
def collected_information(request: HttpRequest) -> HttpResponse:
    sections = [
        {
            "category": category,
            "description": CATEGORY_INFO[category].description,
            "items": [
                {
                    "name": registration.field_label(name),
                    "where": registration.model._meta.verbose_name_plural,
                    "purpose": pi.purpose,
                    "uses": [DeviceUse(use).label for use in pi.uses],
                    "is_sensitive": pi.sensitive,
                    "is_necessary": pi.is_necessary,
                    "retention": registration.retention,
                    "kept_while": registration.kept_while,
                }
                for registration, name, pi in entries
            ],
        }
        for category, entries in registry.by_category().items()
    ]
    return render(request, "privacy/collected_information.html", {"sections": sections})


@require_GET
def algorithms(request: HttpRequest) -> HttpResponse:
    """POL-09: how recommendations and sorting work, what data they use, and how to switch personalisation off."""
    return render(request, "privacy/algorithms.html")


@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    """POL-02: every just-in-time notice, part of the policy; a member also sees when they acknowledged each."""
    acknowledged = notices_service.acknowledged_on(request.user)
    items = [
        {"feature": feature, "notice": notice, "acknowledged_at": acknowledged.get(feature.value)}
        for feature, notice in notices_service.NOTICES.items()
    ]
    return render(request, "privacy/notices.html", {"items": items})


@login_required
@require_POST
def acknowledge_notice(request: HttpRequest) -> HttpResponse:
    """POL-02: log "I have read this notice" and continue to the feature."""
    form = NoticeAcknowledgementForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/notice.html", {"form": form}, status=400)
    notices_service.acknowledge(_member(request), form.cleaned_data["feature"])
    return redirect_back(request, form.cleaned_data["next"], default=reverse("home"))


@require_GET
def policy(request: HttpRequest) -> HttpResponse:
    version = current_policy()
    text = version.text_for(get_language() or "en") if version else ""
    return render(request, "privacy/policy.html", {"policy": version, "text": text})


SCOPE_SLUGS = {"merchant": PolicyScope.MERCHANT, "industrial-products": PolicyScope.INDUSTRIAL_PRODUCTS}


@require_GET
def scoped_policy(request: HttpRequest, scope: str, pk: int | None = None) -> HttpResponse:
    """POL-04: the merchant or industrial-products policy (current, or one published version), with its versions."""
    if scope not in SCOPE_SLUGS:
        raise Http404
    policy_scope = SCOPE_SLUGS[scope]
    current, versions = selectors.scoped_policy(policy_scope)
    shown = current
    if pk is not None:
        shown = next((version for version in versions if version.pk == pk), None)
        if shown is None:
            raise Http404
    context = {
        "scope": policy_scope,
        "slug": scope,
        "policy": shown,
        "current": current,
        "versions": versions,
        "text": shown.text_for(get_language() or "en") if shown else "",
        "policy_scope": policy_scope.value,
    }
    return render(request, "privacy/scoped_policy.html", context)


@require_GET
def policy_versions(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/policy_versions.html", {"versions": published_versions()})


@require_GET
def policy_version(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(published_versions(), pk=pk)
    return render(
        request,
        "privacy/policy.html",
        {"policy": version, "text": version.text_for(get_language() or "en"), "is_archive": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reaccept(request: HttpRequest) -> HttpResponse:
    """POL-12: the blocking page a member meets after a material version, until they accept or close the account."""
    next_url = local_url(request, request.POST.get("next") or request.GET.get("next"), default=reverse("home"))
    version = pending_version(_member(request))
    if version is None:
        return HttpResponseRedirect(next_url)
    if request.method == "POST":
        if request.POST.get("label") != version.label:
            messages.error(request, _("A newer version was published meanwhile; please read it."))
        else:
            accept_version(_member(request), version, context=consent.context_from_request(request))
            messages.success(request, _("Thank you: you accepted privacy policy %(label)s.") % {"label": version.label})
            return HttpResponseRedirect(next_url)
    triggers = [
        cast("Field[Any, Any]", version._meta.get_field(name)).verbose_name  # the triggers are concrete fields
        for name in version.MATERIAL_TRIGGERS
        if getattr(version, name)
    ]
    return render(
        request,
        "privacy/reaccept.html",
        {"version": version, "triggers": triggers, "next": next_url, "closure_url": _closure_url()},
    )


def _render_centre(request: HttpRequest, *, form: forms.Form | None = None, status: int = 200) -> HttpResponse:
    context = privacy_centre(_member(request))
    gpc = getattr(request, "gpc", False)
    context.update({"form": form, "closure_url": _closure_url(), "gpc": gpc, "centre_key": _centre_key(context, gpc)})
    return render(request, "privacy/centre.html", context, status=status)


def _centre_key(centre: dict[str, Any], gpc: bool) -> tuple[Any, ...]:
    """Everything the centre shows beyond its fixed text: its parts are kept per worker under it ({% fragment %})."""

    def events(items: list[Any]) -> tuple[Any, ...]:
        return tuple(
            (e.id, e.is_granted, e.occurred_at, e.channel, e.policy_version.label if e.policy_version_id else None)
            for e in items
        )

    toggles = [item for section in centre["sections"] for item in section["items"]] + centre["separate"]
    return (
        gpc,
        tuple((i.purpose.value, i.scope, partner_name(i.scope), i.latest_event_id, events(i.events)) for i in toggles),
        events(centre["acceptances"]),
    )


class CentreSection(RedirectView):
    """A menu path of the policy (for example Settings > Privacy > Advertisement Management) opens its section."""

    section = ""

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str:
        return reverse("centre:privacy") + f"#section-{self.section}"


@login_required
@require_GET
def centre(request: HttpRequest) -> HttpResponse:
    return _render_centre(request)


@login_required
@require_POST
def toggle(request: HttpRequest) -> HttpResponse:
    form = ConsentToggleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            consent.set_consent(
                _member(request),
                data["purpose"],
                is_granted=data["is_granted"],
                scope=data["scope"],
                expected_event_id=data["expected_event_id"],
                context=consent.context_from_request(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        return _render_centre(request, form=form, status=400)
    purpose = data["purpose"]
    if purpose in cookies.CATEGORY_PURPOSE.values():
        cookies.remember_member_choice(request, request.user)
    state = _("on") if data["is_granted"] else _("off")
    messages.success(request, _("%(purpose)s is now %(state)s.") % {"purpose": purpose.label, "state": state})
    return redirect(reverse("centre:privacy") + f"#{purpose.value}")


@login_required
@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    body = json.dumps(consent_receipt(_member(request)), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="consent-receipt.json"'
    return response


@require_http_methods(["GET", "POST"])
def cookie_preferences(request: HttpRequest) -> HttpResponse:
    """PERM-07, PERM-10: the cookie list and the choice; rejecting is one click, like accepting."""
    choice = cookies.cookie_choice(request)
    form = CookieChoiceForm(
        request.POST if request.method == "POST" else None,
        initial={"personalisation": choice.personalisation, "advertising": choice.advertising},
    )
    if request.method == "POST":
        if form.is_valid():
            personalisation, advertising = form.decision()
            response = redirect_back(request, form.cleaned_data["next"], default=reverse("privacy:cookies"))
            cookies.record_cookie_choice(request, response, personalisation=personalisation, advertising=advertising)
            messages.success(request, _("Your cookie choice is saved."))
            return response
        return render(request, "privacy/cookies.html", {"form": form, "cookies": cookies.COOKIES}, status=400)
    return render(request, "privacy/cookies.html", {"form": form, "cookies": cookies.COOKIES, "choice": choice})


@login_required
@require_POST
def grant_at_point_of_use(request: HttpRequest) -> HttpResponse:
    """POL-03: the consent prompt's "I agree" button; the gated page is reached again afterwards."""
    form = PointOfUseConsentForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/consent_prompt.html", {"form": form}, status=400)
    purpose, scope = form.cleaned_data["purpose"], form.cleaned_data["scope"]
    if PURPOSES[purpose].is_necessary:
        raise Http404
    try:
        consent.grant(_member(request), purpose, scope=scope, context=consent.context_from_request(request))
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "privacy/consent_prompt.html", {"form": form}, status=400)
    return redirect_back(request, form.cleaned_data["next"], default=reverse("home"))


@require_POST
def dismiss_policy_banner(request: HttpRequest) -> HttpResponse:
    """POL-12: hide the banner of the announced material version for the rest of this session (no JavaScript)."""
    announced = announced_version()
    if announced is None or request.POST.get("version") != str(announced[0]):
        return render(
            request,
            "privacy/banner_dismissed.html",
            {"error": _("This notice is out of date; the current one is shown on the page.")},
            status=400,
        )
    request.session[BANNER_SESSION_KEY] = announced[0]
    return redirect_back(request, request.POST.get("next"), default=reverse("home"))
