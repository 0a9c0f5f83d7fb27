"""Sign-in by mobile number or member name with password, or by a one-time SMS code; throttling."""

import pytest
from django.urls import reverse
from django.utils import timezone

from interactions.models import SmsMessage
from members.models import Member
from tests.members.conftest import last_code

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")


@pytest.fixture
def verified(member):
    member.phone_verified_at = timezone.now()
    member.save(update_fields=["phone_verified_at"])
    return member


def signed_in_as(client) -> str | None:
    response = client.get(reverse("members:dashboard"))
    return response.context["user"].member_name if response.status_code == 200 else None


@pytest.mark.parametrize("login", ["alice", "ALICE", "13800138001", "+86 138 0013 8001"])
def test_a_member_signs_in_by_member_name_or_mobile_number(client, verified, login):
    response = client.post(LOGIN, {"login": login, "password": "correct horse battery"})

    assert response.status_code == 302
    assert signed_in_as(client) == "alice"


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client, verified):
    response = client.post(LOGIN, {"login": "13800138001", "password": "wrong password here"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert signed_in_as(client) is None


def test_repeated_failures_lock_the_account_out(client, verified):
    """SEC-07: after five failures even the right password is refused for a while."""
    for _ in range(5):
        client.post(LOGIN, {"login": "alice", "password": "wrong password here"})

    response = client.post(LOGIN, {"login": "alice", "password": "correct horse battery"})

    assert signed_in_as(client) is None
    assert response.status_code in (200, 429)


def test_a_member_signs_in_with_a_one_time_code_sent_by_sms(client, verified):
    """VER-01: sign-in by code."""
    response = client.post(reverse("account_request_login_code"), {"phone": "13800138001"})
    assert response.status_code == 302

    client.post(reverse("account_confirm_login_code"), {"code": last_code("+8613800138001")})

    assert signed_in_as(client) == "alice"


def test_an_unconfirmed_account_cannot_sign_in(client):
    """VER-01: registration is incomplete until the code is entered."""
    Member.objects.create_user("dave", "a long enough secret", phone="+8613900000001", is_active=False)

    client.post(LOGIN, {"login": "dave", "password": "a long enough secret"})

    assert signed_in_as(client) is None


def test_a_visitor_is_sent_to_sign_in_from_member_pages(client):
    """MEM-02."""
    for name in ["members:dashboard", "members:profile"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)


def test_an_abandoned_registration_is_finished_by_signing_in_and_entering_the_code(client):
    """VER-01: signing in with the password leads to the code step, and only the code activates the account."""
    Member.objects.create_user("dave", "a long enough secret", phone="+8613900000001", is_active=False)

    response = client.post(LOGIN, {"login": "dave", "password": "a long enough secret"})
    assert response.url == reverse("account_verify_phone")
    client.post(reverse("account_verify_phone"), {"code": last_code("+8613900000001")})

    assert signed_in_as(client) == "dave"
    assert Member.objects.get(member_name="dave").is_active


def test_a_wrong_password_on_an_unconfirmed_account_sends_no_code(client):
    Member.objects.create_user("dave", "a long enough secret", phone="+8613900000001", is_active=False)

    client.post(LOGIN, {"login": "dave", "password": "not the password"})

    assert not SmsMessage.objects.exists()


def test_a_deactivated_account_cannot_sign_in(client, verified):
    Member.objects.filter(pk=verified.pk).update(is_active=False)

    client.post(LOGIN, {"login": "alice", "password": "correct horse battery"})

    assert signed_in_as(client) is None
    assert not SmsMessage.objects.exists()


def test_the_sign_in_page_asks_for_member_name_or_mobile_number(client):
    html = client.get(LOGIN).content.decode()

    assert "Member name or mobile number" in html
