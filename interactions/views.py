"""Member pages of section II(VI): Alert Settings, the one-click unsubscribe and skipping a pop-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from interactions import marketing, services
from interactions.forms import AlertSettingsForm
from interactions.models import AlertChannel, MarketingPopup
from privacy import consent
from privacy.urlsafety import redirect_back


@login_required
@require_http_methods(["GET", "POST"])
def alert_settings(request: HttpRequest) -> HttpResponse:
    current = services.alert_settings(request.user)
    form = AlertSettingsForm(request.POST if request.method == "POST" else None, current=current)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.save_alert_settings(request.user, form.choices())
            messages.success(request, _("Your alert settings are saved."))
            return redirect("interactions:alerts")
        status = 400
    return render(request, "interactions/alerts.html", {"form": form, "channels": AlertChannel.choices}, status=status)


@csrf_exempt  # RFC 8058: the mail client's one-click POST has no CSRF token; the signed, single-use token is the check
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """INT-02: works without signing in; the POST (also RFC 8058 one-click from the mail client) withdraws."""
    if request.method == "GET":
        return render(request, "interactions/unsubscribe.html", {"token": token})
    try:
        message = marketing.unsubscribe(
            token, context=consent.context_from_request(request, channel=consent.Channel.UNSUBSCRIBE)
        )
    except ValidationError as error:
        return render(
            request, "interactions/unsubscribe.html", {"token": token, "error": error.messages[0]}, status=400
        )
    return render(request, "interactions/unsubscribe.html", {"done": True, "channel": message.get_channel_display()})


@login_required
@require_POST
def skip_popup(request: HttpRequest, pk: int) -> HttpResponse:
    """INT-02 "Pop-ups can be skipped": a plain form, so Skip works without JavaScript."""
    popup = get_object_or_404(MarketingPopup, pk=pk)
    marketing.skip_popup(request.user, popup)
    return redirect_back(request, request.POST.get("next"), default=reverse("home"))
