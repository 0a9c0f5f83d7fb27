"""Member pages of section II(VI): Messages, Alert Settings, the one-click unsubscribe, pop-ups."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interactions import marketing, selectors, services
from interactions.forms import AlertSettingsForm, MessageFilterForm, MessageSelectionForm
from interactions.models import AlertCategory, AlertChannel, MarketingPopup
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


# -- Messages (INT-04) ------------------------------------------

MESSAGES_PAGE = 20


def _owned_ids(request: HttpRequest) -> list[int]:
    """The ticked message ids, each the member's; another member's id is a 404 and nothing changes."""
    form = MessageSelectionForm(request.POST)
    if not form.is_valid():
        raise BadRequest(form.errors.as_text())
    ids = set(form.cleaned_data["message"])
    if selectors.messages_for(request.user).filter(pk__in=ids).count() != len(ids):
        raise Http404
    return sorted(ids)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    form = MessageFilterForm(request.GET or None)
    category = form.cleaned_data["category"] if form.is_valid() else ""
    page = Paginator(selectors.messages_for(request.user, category=category), MESSAGES_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "interactions/messages.html",
        {
            "form": form,
            "category": category,
            "categories": AlertCategory.choices,
            "page": page,
            "chats": selectors.conversations_for(request.user)[:5],
        },
    )


@login_required
@require_POST
def messages_read(request: HttpRequest) -> HttpResponse:
    """Mark the ticked messages read; without any ticked, every message (the "Mark all read" button)."""
    ids = _owned_ids(request) if request.POST.get("scope") != "all" else None
    services.mark_messages_read(member=request.user, message_ids=ids)
    return redirect_back(request, request.POST.get("next"), default=reverse("interactions:messages"))


@login_required
@require_POST
def messages_delete(request: HttpRequest) -> HttpResponse:
    ids = _owned_ids(request)
    if not ids:
        raise BadRequest("no messages chosen")
    count = services.delete_messages(member=request.user, message_ids=ids)
    messages.success(
        request, ngettext("%(count)d message deleted.", "%(count)d messages deleted.", count) % {"count": count}
    )
    return redirect_back(request, request.POST.get("next"), default=reverse("interactions:messages"))
