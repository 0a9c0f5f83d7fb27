"""Member pages of channel (applet) services (section III(I)5.1.C): the channels, one channel, subscriptions."""

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from interactions import applets
from interactions.models import ChannelActivity

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member

LIST_LIMIT = 100
# The channels the member has signed in to during this browser session.
SIGNED_IN_KEY = "applet_channels_signed_in"


@require_GET
def channel_list(request: HttpRequest) -> HttpResponse:
    member = request.user if request.user.is_authenticated else None
    return render(request, "interactions/channels.html", {"channels": applets.channels_for(member)[:LIST_LIMIT]})


@require_GET
def channel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = request.user if request.user.is_authenticated else None
    channel = get_object_or_404(applets.channels_for(member), pk=pk)
    if member is not None:
        signed_in = request.session.get(SIGNED_IN_KEY, [])
        if channel.pk not in signed_in:
            # Opening a channel signs the member in to it with the platform account.
            applets.record_activity(member=member, channel=channel, action=ChannelActivity.Action.LOGIN)
            request.session[SIGNED_IN_KEY] = [*signed_in, channel.pk][-LIST_LIMIT:]
        applets.record_activity(member=member, channel=channel, action=ChannelActivity.Action.VIEW)
    return render(request, "interactions/channel.html", {"channel": channel})


@login_required
@require_POST
def subscribe(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(applets.open_channels(), pk=pk)
    applets.subscribe(member=cast("_User", request.user), channel=channel)  # signed in: login_required
    messages.success(request, _("You subscribed to %(channel)s.") % {"channel": channel.name})
    return redirect("interactions:channel", pk=channel.pk)


@login_required
@require_POST
def cancel_subscription(request: HttpRequest, pk: int) -> HttpResponse:
    member = cast("_User", request.user)  # signed in: login_required
    subscription = get_object_or_404(applets.subscriptions_for(member), pk=pk)
    applets.cancel_subscription(member=member, subscription=subscription)
    messages.success(
        request, _("You cancelled your subscription to %(channel)s.") % {"channel": subscription.channel.name}
    )
    return redirect("interactions:channels")
