"""Section II(VI)2: adding friends with an invitation code or its QR code (INT-07).

A member makes an invitation; another member redeems its code, which sends the inviter a
friend request to accept or decline. A code works once and until it expires; a code that is
unknown, used, revoked or expired is refused and writes nothing.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    INVITE_PREFIX,
    AlertCategory,
    FriendInvitation,
    FriendRequest,
    Friendship,
    new_code,
)
from interactions.services import notify

INVITE_CODE = re.compile(rf"^{INVITE_PREFIX}[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
INVITATION_LIFETIME = timedelta(days=3)
# How many unused invitations a member may hold at once.
OPEN_INVITATIONS = 10


def normalise_code(raw: str) -> str:
    return raw.strip().upper()


def invitations_for(member) -> QuerySet[FriendInvitation]:
    return FriendInvitation.objects.filter(inviter=member)


def friends_of(member) -> QuerySet[Friendship]:
    """The member's friends; a friend whose account is closed no longer shows (their side was erased)."""
    return Friendship.objects.filter(member=member, friend__is_active=True).select_related("friend")


def requests_for(member) -> QuerySet[FriendRequest]:
    """Requests waiting for this member's answer."""
    return FriendRequest.objects.filter(to_member=member, status=FriendRequest.Status.PENDING).select_related(
        "from_member"
    )


def sent_requests(member) -> QuerySet[FriendRequest]:
    return FriendRequest.objects.filter(from_member=member).select_related("to_member")


@transaction.atomic
def create_invitation(*, member) -> FriendInvitation:
    """A new single-use invitation code for `member`, valid for INVITATION_LIFETIME."""
    now = timezone.now()
    open_count = FriendInvitation.objects.filter(
        inviter=member, redeemed_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).count()
    if open_count >= OPEN_INVITATIONS:
        raise ValidationError(
            _("You already have %(count)d unused invitations: revoke one first.") % {"count": OPEN_INVITATIONS},
            code="too_many",
        )
    return FriendInvitation.objects.create(
        inviter=member, code=new_code(INVITE_PREFIX), created_at=now, expires_at=now + INVITATION_LIFETIME
    )


def revoke_invitation(*, member, invitation: FriendInvitation) -> bool:
    """Revoke an unused invitation of `member`; False when it was already used or revoked."""
    return bool(
        FriendInvitation.objects.filter(
            pk=invitation.pk, inviter=member, redeemed_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
    )


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


@transaction.atomic
def redeem_invitation(*, member, code: str) -> FriendRequest:
    """Use an invitation code: a pending friend request to its inviter. Refused codes write nothing."""
    code = normalise_code(code)
    if not INVITE_CODE.match(code):
        raise _refuse(_("That is not an invitation code."), "invalid")
    invitation = (
        FriendInvitation.objects.select_for_update(of=("self",)).select_related("inviter").filter(code=code).first()
    )
    now = timezone.now()
    if invitation is None:
        raise _refuse(_("No invitation has this code. Check it and try again."), "unknown")
    if invitation.inviter_id == member.pk:
        raise _refuse(_("This is your own invitation: send it to the person you want to add."), "self")
    if invitation.redeemed_at is not None:
        raise _refuse(_("This invitation has already been used. Ask for a new one."), "used")
    if invitation.revoked_at is not None:
        raise _refuse(_("This invitation was withdrawn. Ask for a new one."), "revoked")
    if invitation.expires_at <= now:
        raise _refuse(_("This invitation has expired. Ask for a new one."), "expired")
    if Friendship.objects.filter(member=member, friend=invitation.inviter).exists():
        raise _refuse(_("You are already friends."), "already_friends")
    if FriendRequest.objects.filter(
        Q(from_member=member, to_member=invitation.inviter) | Q(from_member=invitation.inviter, to_member=member),
        status=FriendRequest.Status.PENDING,
    ).exists():
        raise _refuse(_("A friend request between you is already waiting for an answer."), "pending")
    # Conditional: of two members redeeming the same code at once, one wins.
    if not FriendInvitation.objects.filter(pk=invitation.pk, redeemed_at__isnull=True).update(redeemed_at=now):
        raise _refuse(_("This invitation has already been used. Ask for a new one."), "used")
    request = FriendRequest.objects.create(from_member=member, to_member=invitation.inviter, created_at=now)
    notify(
        invitation.inviter,
        AlertCategory.INTERACTIONS,
        title=_("%(name)s wants to be your friend") % {"name": member.public_name},
        body=_("Accept or decline the request on your Friends page."),
    )
    return request


@transaction.atomic
def answer_request(*, member, request: FriendRequest, accept: bool) -> FriendRequest:
    """The invited member accepts (both become friends) or declines a pending request."""
    status = FriendRequest.Status.ACCEPTED if accept else FriendRequest.Status.DECLINED
    now = timezone.now()
    updated = FriendRequest.objects.filter(pk=request.pk, to_member=member, status=FriendRequest.Status.PENDING).update(
        status=status, decided_at=now
    )
    if not updated:
        raise ValidationError(_("This request has already been answered."), code="answered")
    request.status, request.decided_at = status, now
    if accept:
        Friendship.objects.bulk_create(
            [
                Friendship(member=member, friend_id=request.from_member_id, since=now),
                Friendship(member_id=request.from_member_id, friend=member, since=now),
            ],
            ignore_conflicts=True,
        )
        notify(
            request.from_member,
            AlertCategory.INTERACTIONS,
            title=_("%(name)s accepted your friend request") % {"name": member.public_name},
        )
    return request


@transaction.atomic
def remove_friend(*, member, friendship: Friendship) -> int:
    """End a friendship for both sides; returns the rows removed."""
    deleted, _rows = Friendship.objects.filter(
        Q(member=member, friend_id=friendship.friend_id) | Q(member_id=friendship.friend_id, friend=member)
    ).delete()
    return deleted


def qr_svg(url: str) -> bytes:
    """The QR code of `url` as an SVG document drawn on the server (no outside service sees the code)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
