"""Failed sign-ins lock one account, whatever name it is tried under, and an address only at a higher count (issue 15, 4)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import Member

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
NEIGHBOUR = "198.51.100.7"


@pytest.fixture
def verified(member, other_member):
    Member.objects.update(phone_verified_at=timezone.now())
    return member


def sign_in(login: str, password: str, *, ip: str = NEIGHBOUR) -> bool:
    client = Client(REMOTE_ADDR=ip)
    client.post(LOGIN, {"login": login, "password": password})
    return "_auth_user_id" in client.session


def test_failures_for_one_account_do_not_lock_out_neighbours_behind_the_same_address(verified):
    for _ in range(5):
        sign_in("alice", "wrong password here")

    assert not sign_in("alice", "correct horse battery")
    assert sign_in("bob", "another good password")


def test_failures_count_per_account_whichever_name_or_number_format_is_used(verified):
    for login in ["alice", "ALICE", "13800138001", "+86 138 0013 8001", "+8613800138001"]:
        sign_in(login, "wrong password here", ip=f"203.0.113.{len(login)}")

    assert not sign_in("alice", "correct horse battery", ip="203.0.113.200")
    assert not sign_in("13800138001", "correct horse battery", ip="203.0.113.201")


def test_an_address_is_limited_separately_with_a_higher_allowance(verified):
    for number in range(50):
        sign_in(f"nobody{number}", "wrong password here")

    assert not sign_in("bob", "another good password")
    assert sign_in("bob", "another good password", ip="203.0.113.99")
