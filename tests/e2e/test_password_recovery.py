"""Password recovery by phone in a real browser: sign-in page, code by SMS, new password, sign-in."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.models import Member
from tests.members.conftest import last_code

pytestmark = pytest.mark.django_db(transaction=True)

NEW = "a brand new passphrase 42"


def test_a_member_who_forgot_the_password_resets_it_with_a_code_to_the_phone(page):
    Member.objects.create_user(
        "alice", "the old secret password", phone="+8613800138001", phone_verified_at=timezone.now()
    )
    page.goto("/accounts/login/")
    page.get_by_test_id("forgot-password").click()
    expect(page).to_have_url(re.compile("/members/password/recover/$"))

    page.fill("[name=phone]", "13800138001")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("recovery-code-sent")).to_contain_text("+86138****8001")
    page.fill("[name=code]", last_code("+8613800138001"))
    page.fill("[name=password1]", NEW)
    page.fill("[name=password2]", NEW)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile("/accounts/login/"))
    page.fill("[name=login]", "alice")
    page.fill("[name=password]", NEW)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_test_id("account-state")).to_contain_text("alice")
    assert page.console_errors == []
