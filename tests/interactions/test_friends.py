"""Adding friends with an invitation code or its QR code, accepting, declining and removing them (INT-07)."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interactions import friends
from interactions.models import FriendInvitation, FriendRequest, Friendship, Message
from members.models import Member

pytestmark = pytest.mark.django_db

REDEEM = reverse("interactions:friend-redeem")
FRIENDS = reverse("interactions:friends")


@pytest.fixture
def carol(db) -> Member:
    return Member.objects.create_user("carol", "yet another password", phone="+8613800138003")


def written():
    return (
        FriendRequest.objects.count(),
        Friendship.objects.count(),
        FriendInvitation.objects.filter(redeemed_at__isnull=False).count(),
    )


def test_redeeming_a_valid_code_creates_a_pending_request_and_an_invalid_one_is_rejected(client, member, other_member):
    # clause: INT-07
    client.force_login(member)
    client.post(reverse("interactions:friend-invite"))
    invitation = FriendInvitation.objects.get(inviter=member)
    assert friends.INVITE_CODE.match(invitation.code)
    client.force_login(other_member)

    bad = client.post(REDEEM, {"code": "1688F-ZZZZZZZZ"})
    assert bad.status_code == 400 and written() == (0, 0, 0)
    good = client.post(REDEEM, {"code": invitation.code.lower()})

    assert good.status_code == 302
    request = FriendRequest.objects.get()
    assert (request.from_member, request.to_member, request.status) == (other_member, member, "pending")
    assert Message.objects.filter(member=member, kind="interactions").exists()


def test_the_invited_member_accepts_and_both_become_friends_then_one_removes_the_other(client, member, other_member):
    # clause: INT-07
    invitation = friends.create_invitation(member=member)
    request = friends.redeem_invitation(member=other_member, code=invitation.code)
    client.force_login(member)

    assert client.post(reverse("interactions:friend-accept", args=[request.pk])).status_code == 302

    assert set(Friendship.objects.values_list("member__member_name", "friend__member_name")) == {
        ("alice", "bob"),
        ("bob", "alice"),
    }
    page = client.get(FRIENDS).content.decode()
    assert "bob" in page
    mine = Friendship.objects.get(member=member)
    client.post(reverse("interactions:friend-remove", args=[mine.pk]))
    assert not Friendship.objects.exists()


def test_a_declined_request_makes_no_friends(client, member, other_member):
    invitation = friends.create_invitation(member=member)
    request = friends.redeem_invitation(member=other_member, code=invitation.code)
    client.force_login(member)

    client.post(reverse("interactions:friend-decline", args=[request.pk]))

    assert FriendRequest.objects.get().status == "declined" and not Friendship.objects.exists()


def test_a_code_works_once(client, member, other_member, carol):
    # clause: INT-07
    invitation = friends.create_invitation(member=member)
    friends.redeem_invitation(member=other_member, code=invitation.code)
    client.force_login(carol)

    response = client.post(REDEEM, {"code": invitation.code})

    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    assert FriendRequest.objects.count() == 1


def test_an_expired_code_is_refused_and_writes_nothing(client, member, other_member):
    # clause: INT-07
    invitation = friends.create_invitation(member=member)
    client.force_login(other_member)

    with time_machine.travel(timezone.now() + friends.INVITATION_LIFETIME + datetime.timedelta(minutes=1)):
        response = client.post(REDEEM, {"code": invitation.code})

    assert response.status_code == 400 and "expired" in response.content.decode()
    assert written() == (0, 0, 0)


def test_a_revoked_code_is_refused(client, member, other_member):
    # clause: INT-07
    invitation = friends.create_invitation(member=member)
    client.force_login(member)
    client.post(reverse("interactions:friend-revoke", args=[invitation.pk]))
    client.force_login(other_member)

    response = client.post(REDEEM, {"code": invitation.code})

    assert response.status_code == 400 and written() == (0, 0, 0)


def test_a_member_cannot_befriend_themselves(client, member):
    invitation = friends.create_invitation(member=member)
    client.force_login(member)

    response = client.post(REDEEM, {"code": invitation.code})

    assert response.status_code == 400 and written() == (0, 0, 0)
    assert FriendInvitation.objects.get().redeemed_at is None


def test_the_qr_code_is_an_svg_drawn_here_for_the_inviter_only(client, member, other_member):
    invitation = friends.create_invitation(member=member)
    client.force_login(member)

    response = client.get(reverse("interactions:friend-qr", args=[invitation.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml") and b"<svg" in response.content
    client.force_login(other_member)
    assert client.get(reverse("interactions:friend-qr", args=[invitation.pk])).status_code == 404


def test_the_scanned_link_opens_the_form_with_the_code_filled_in(client, member, other_member):
    invitation = friends.create_invitation(member=member)
    client.force_login(other_member)

    html = client.get(REDEEM, {"code": invitation.code}).content.decode()

    assert f'value="{invitation.code}"' in html


@pytest.mark.parametrize(
    "code",
    ["<script>alert(1)</script>", "1688F-\x00AAAAAAA", "1688F-" + "A" * 500, ""],
)
def test_hostile_codes_get_a_4xx_and_write_nothing(client, member, other_member, code):
    friends.create_invitation(member=member)
    client.force_login(other_member)

    response = client.post(REDEEM, {"code": code})

    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert written() == (0, 0, 0)


def test_another_members_request_invitation_and_friendship_are_404(client, member, other_member, carol):
    invitation = friends.create_invitation(member=member)
    request = friends.redeem_invitation(member=other_member, code=invitation.code)
    friends.answer_request(member=member, request=request, accept=True)
    theirs = Friendship.objects.get(member=member)
    client.force_login(carol)

    assert client.post(reverse("interactions:friend-revoke", args=[invitation.pk])).status_code == 404
    assert client.post(reverse("interactions:friend-remove", args=[theirs.pk])).status_code == 404
    invitation2 = friends.create_invitation(member=member)
    pending = friends.redeem_invitation(member=carol, code=invitation2.code)
    assert client.post(reverse("interactions:friend-accept", args=[pending.pk])).status_code == 404
    assert Friendship.objects.count() == 2 and FriendRequest.objects.get(pk=pending.pk).status == "pending"


def test_posting_without_a_csrf_token_is_refused(member, other_member):
    invitation = friends.create_invitation(member=member)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(other_member)

    assert strict.post(REDEEM, {"code": invitation.code}).status_code == 403
    assert strict.post(reverse("interactions:friend-invite")).status_code == 403
    assert written() == (0, 0, 0) and FriendInvitation.objects.count() == 1


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get(FRIENDS).status_code == 302


def test_the_friends_page_needs_a_bounded_number_of_queries(client, member, django_assert_max_num_queries):
    for n in range(8):
        other = Member.objects.create_user(f"friend{n}", "a long enough secret", phone=f"+861380013810{n}")
        request = friends.redeem_invitation(member=other, code=friends.create_invitation(member=member).code)
        friends.answer_request(member=member, request=request, accept=True)
    for _n in range(3):
        friends.create_invitation(member=member)
    client.force_login(member)

    with django_assert_max_num_queries(14):
        response = client.get(FRIENDS)

    assert response.status_code == 200 and response.content.decode().count("Remove friend") == 8


def test_closing_an_account_erases_its_invitations_requests_and_friendships(member, other_member, web):
    from rights.erasure import erase_rows_of, erasure_order, verify_erased

    invitation = friends.create_invitation(member=other_member)
    friends.answer_request(
        member=other_member, request=friends.redeem_invitation(member=member, code=invitation.code), accept=True
    )
    friends.create_invitation(member=member)
    now = timezone.now()

    for registration in erasure_order():
        if registration.model._meta.app_label == "interactions":
            base = registration.model._base_manager.filter(**{registration.subject: member.pk})
            erase_rows_of(registration, base, now=now)

    assert (
        verify_erased(member.pk, now=now)
        .keys()
        .isdisjoint({"interactions.FriendInvitation", "interactions.FriendRequest", "interactions.Friendship"})
    )
    assert not FriendInvitation.objects.filter(inviter=member).exists()
    assert FriendInvitation.objects.filter(inviter=other_member).exists()


def test_a_friend_whose_account_is_closed_no_longer_shows(client, member, other_member):
    request = friends.redeem_invitation(member=other_member, code=friends.create_invitation(member=member).code)
    friends.answer_request(member=member, request=request, accept=True)
    Member.objects.filter(pk=other_member.pk).update(is_active=False)
    client.force_login(member)

    assert "Remove friend" not in client.get(FRIENDS).content.decode()
