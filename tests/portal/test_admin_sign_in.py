"""Admin opens only through allauth's sign-in, with its lockout, and a TOTP code for every staff member (issue 15, 2)."""

import time

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from members.models import Member
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
ADMIN_LOGIN = reverse("admin:login")
LOGIN = reverse("account_login")
PASSWORD = "staff password 1234"


@pytest.fixture
def staff(db) -> Member:
    return Member.objects.create_user("opsagent", PASSWORD, is_staff=True, is_superuser=True)


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def can_open_admin(client) -> bool:
    return client.get(ADMIN).status_code == 200


def test_the_admin_sign_in_page_is_allauths_and_takes_no_password_itself(client, staff):
    page = client.get(ADMIN_LOGIN)
    posted = client.post(ADMIN_LOGIN, {"username": "opsagent", "password": PASSWORD, "next": ADMIN})

    assert page.status_code == 302 and page.url.startswith(LOGIN)
    assert posted.status_code == 302 and posted.url.startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_staff_passwords_are_locked_out_after_repeated_failures(client, staff):
    for _ in range(5):
        client.post(LOGIN, {"login": "opsagent", "password": "wrong password 0000"})

    response = client.post(LOGIN, {"login": "opsagent", "password": PASSWORD})

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert not can_open_admin(client)


def test_a_staff_password_alone_does_not_open_admin_when_two_factor_is_on(client, staff):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    response = client.post(LOGIN, {"login": "opsagent", "password": PASSWORD})

    assert response.url == reverse("mfa_authenticate")
    assert not can_open_admin(client)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert can_open_admin(client)


def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client, staff):
    client.post(LOGIN, {"login": "opsagent", "password": PASSWORD})

    response = client.get(ADMIN, follow=True)

    assert reverse("mfa_activate_totp") in [url for url, _ in response.redirect_chain]
    assert not can_open_admin(client)


def test_a_session_without_a_totp_code_is_asked_for_one(client, staff):
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)

    response = client.get(ADMIN_LOGIN)

    assert response.url.startswith(reverse("mfa_reauthenticate"))
    assert not can_open_admin(client)


def test_a_member_who_is_not_staff_is_refused(client, member):
    client.force_login(member)

    assert client.get(ADMIN_LOGIN).status_code == 403
    assert client.get(ADMIN).status_code == 302


def test_staff_signed_in_with_two_factor_open_admin(client, staff):
    sign_in_staff(client, staff)

    assert can_open_admin(client)


def test_staff_have_no_public_profile(client, staff, member):
    client.force_login(member)

    assert client.get(reverse("members:public-profile", args=["opsagent"])).status_code == 404
    assert client.get(reverse("members:public-profile", args=["alice"])).status_code == 200
