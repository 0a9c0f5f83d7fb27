"""Member pages of section II(VI)2-4: friends by invitation code or QR code, events, share codes."""

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interactions import events, friends, share_codes
from interactions.forms import InvitationCodeForm, JoinEventForm, PrizeClaimForm, ShareCodeForm
from interactions.models import EventEnrolment, FriendRequest
from privacy import consent
from privacy.links import absolute_url
from privacy.purposes import Purpose

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member

LIST_LIMIT = 100


def _error_page(request: HttpRequest, template: str, context: dict, error: ValidationError) -> HttpResponse:
    context["error"] = error.messages[0]
    return render(request, template, context, status=400)


@login_required
@require_GET
def friend_list(request: HttpRequest) -> HttpResponse:
    member = request.user
    return render(
        request,
        "interactions/friends.html",
        {
            "friendships": friends.friends_of(member)[:LIST_LIMIT],
            "incoming": friends.requests_for(member)[:LIST_LIMIT],
            "outgoing": friends.sent_requests(member).filter(status=FriendRequest.Status.PENDING)[:LIST_LIMIT],
            "invitations": [i for i in friends.invitations_for(member)[:LIST_LIMIT] if i.is_usable()],
            "redeem_form": InvitationCodeForm(),
        },
    )


@login_required
@require_POST
def create_invitation(request: HttpRequest) -> HttpResponse:
    try:
        friends.create_invitation(member=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your invitation is ready: share its code or QR code."))
    return redirect("interactions:friends")


@login_required
@require_GET
def invitation_qr(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(friends.invitations_for(request.user), pk=pk)
    link = absolute_url(f"{reverse('interactions:friend-redeem')}?{urlencode({'code': invitation.code})}")
    response = HttpResponse(friends.qr_svg(link), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(friends.invitations_for(request.user), pk=pk)
    if friends.revoke_invitation(member=request.user, invitation=invitation):
        messages.success(request, _("The invitation is withdrawn; its code no longer works."))
    return redirect("interactions:friends")


@login_required
@require_http_methods(["GET", "POST"])
def redeem_invitation(request: HttpRequest) -> HttpResponse:
    """Enter a code, or arrive from a scanned QR code with the code filled in; posting sends the request."""
    if request.method == "GET":
        form = InvitationCodeForm(initial={"code": request.GET.get("code", "")[:20]})
        return render(request, "interactions/friend_redeem.html", {"form": form})
    form = InvitationCodeForm(request.POST)
    if not form.is_valid():
        return render(request, "interactions/friend_redeem.html", {"form": form}, status=400)
    try:
        sent = friends.redeem_invitation(member=request.user, code=form.cleaned_data["code"])
    except ValidationError as error:
        return _error_page(request, "interactions/friend_redeem.html", {"form": form}, error)
    messages.success(request, _("Friend request sent to %(name)s.") % {"name": sent.to_member.public_name})
    return redirect("interactions:friends")


@login_required
@require_POST
def answer_request(request: HttpRequest, pk: int, accept: bool) -> HttpResponse:
    pending = get_object_or_404(friends.requests_for(request.user), pk=pk)
    try:
        friends.answer_request(member=request.user, request=pending, accept=accept)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("interactions:friends")


@login_required
@require_POST
def remove_friend(request: HttpRequest, pk: int) -> HttpResponse:
    friendship = get_object_or_404(friends.friends_of(request.user), pk=pk)
    friends.remove_friend(member=request.user, friendship=friendship)
    messages.success(request, _("%(name)s is no longer your friend.") % {"name": friendship.friend.public_name})
    return redirect("interactions:friends")


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    return render(request, "interactions/events.html", {"events": events.open_events()[:LIST_LIMIT]})


@require_http_methods(["GET", "POST"])
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(events.open_events(), pk=pk)
    enrolment = None
    if request.user.is_authenticated:
        enrolment = events.enrolments_for(request.user).filter(event=event).first()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        form = JoinEventForm(request.POST, event=event)
        if form.is_valid():
            try:
                events.join_event(
                    member=request.user,
                    event=event,
                    data_shown=form.cleaned_data["data_shown"],
                    share_with_partner=form.cleaned_data.get("share_with_partner", False),
                    context=consent.context_from_request(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("You joined %(event)s.") % {"event": event.title})
                return redirect("interactions:my-events")
        status = 400
    else:
        form, status = JoinEventForm(event=event), 200
    return render(
        request, "interactions/event.html", {"event": event, "form": form, "enrolment": enrolment}, status=status
    )


@login_required
@require_GET
def my_events(request: HttpRequest) -> HttpResponse:
    enrolments = list(events.enrolments_for(request.user)[:LIST_LIMIT])
    state = consent.current_state(cast("_User", request.user))  # signed in: login_required
    for enrolment in enrolments:
        enrolment.shares_with_partner = state.get(  # type: ignore[attr-defined]
            f"{Purpose.JOINT_EVENT_SHARING}:{enrolment.event.sharing_scope}", False
        )
    return render(request, "interactions/my_events.html", {"enrolments": enrolments})


def _own_enrolment(request: HttpRequest, pk: int) -> EventEnrolment:
    return get_object_or_404(events.enrolments_for(request.user), pk=pk)


@login_required
@require_POST
def leave_event(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _own_enrolment(request, pk)
    events.leave_event(member=request.user, enrolment=enrolment, context=consent.context_from_request(request))
    messages.success(request, _("You left %(event)s.") % {"event": enrolment.event.title})
    return redirect("interactions:my-events")


@login_required
@require_POST
def partner_sharing(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _own_enrolment(request, pk)
    allow = request.POST.get("allow") == "yes"
    try:
        events.set_partner_sharing(
            member=request.user, enrolment=enrolment, allow=allow, context=consent.context_from_request(request)
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("interactions:my-events")
    messages.success(request, _("Your choice about sharing with the partner is saved."))
    return redirect("interactions:my-events")


@login_required
@require_http_methods(["GET", "POST"])
def claim_prize(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(events.enrolments_for(request.user).filter(won_at__isnull=False), pk=pk)
    form = PrizeClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            events.claim_prize(member=request.user, enrolment=enrolment, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your prize will be sent to the address you gave."))
            return redirect("interactions:my-events")
    status = 400 if request.method == "POST" else 200
    return render(request, "interactions/prize_claim.html", {"enrolment": enrolment, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def share_code(request: HttpRequest) -> HttpResponse:
    """INT-11: enter or paste a share code; nothing posted here is stored."""
    allowed = consent.has_consent(request.user, Purpose.PERMISSION_CLIPBOARD)
    if request.method == "GET":
        return render(request, "interactions/share_code.html", {"form": ShareCodeForm(), "clipboard_allowed": allowed})
    form = ShareCodeForm(request.POST)
    if form.is_valid():
        try:
            return redirect(share_codes.destination(form.cleaned_data["code"]))
        except ValidationError as error:
            form.add_error("code", error)
    return render(request, "interactions/share_code.html", {"form": form, "clipboard_allowed": allowed}, status=400)
