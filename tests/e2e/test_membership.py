"""Membership in a real browser: registration with an SMS code, sign-in, profile, two-factor, a child's guardian, face verification."""

import datetime
import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.utils import timezone
from playwright.sync_api import expect

from members.models import FaceVerification, GuardianConsent, Member
from tests.images import png
from tests.members.conftest import last_code

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough secret"


@pytest.fixture
def verified(transactional_db):
    return Member.objects.create_user(
        "alice", PASSWORD, phone="+8613800138001", nickname="Alice W.", phone_verified_at=timezone.now()
    )


def submit(page):
    page.locator("main form button[type=submit]").first.click()


def register(page, *, phone: str, name: str, date_of_birth: str = ""):
    page.goto("/accounts/signup/")
    page.fill("[name=phone]", phone)
    page.fill("[name=username]", name)
    page.fill("[name=password1]", PASSWORD)
    page.fill("[name=password2]", PASSWORD)
    if date_of_birth:
        page.fill("[name=date_of_birth]", date_of_birth)
        page.check("[name=birth_date_consent]")
    page.check("[name=accept_policy]")
    submit(page)


def sign_in(page, login: str, password: str = PASSWORD):
    page.goto("/accounts/login/")
    page.fill("[name=login]", login)
    page.fill("[name=password]", password)
    submit(page)


def test_a_visitor_registers_and_confirms_the_number_with_the_sms_code(page):
    # clause: MEM-01, VER-01
    page.goto("/")
    page.get_by_test_id("account-state").get_by_role("link", name="Register").click()
    expect(page).to_have_url(re.compile("/accounts/signup/"))
    register(page, phone="13912345678", name="carol")

    expect(page).to_have_url(re.compile("/accounts/phone/verify/"))
    assert Member.objects.get(member_name="carol").is_active is False
    page.fill("[name=code]", last_code("+8613912345678"))
    submit(page)

    expect(page.get_by_test_id("account-state")).to_contain_text("carol")
    assert Member.objects.get(member_name="carol").is_active is True
    assert page.console_errors == []


def test_a_member_signs_in_by_mobile_number_and_edits_the_profile(page, verified):
    # clause: MEM-04, MEM-05
    sign_in(page, "13800138001")
    expect(page.get_by_test_id("account-state")).to_contain_text("Alice W.")

    page.get_by_test_id("account-state").get_by_role("link", name="My account").click()
    expect(page.get_by_test_id("level")).to_contain_text("Your account level: 1")
    page.get_by_role("link", name="Edit profile").click()
    expect(page.get_by_label("Nickname (public)")).to_have_value("Alice W.")
    page.get_by_label("Nickname (public)").fill("Ally")
    page.get_by_label("Real name").fill("Alice Wang")
    submit(page)

    expect(page.locator(".flash")).to_contain_text("Your profile was saved.")
    page.goto("/members/people/alice/")
    expect(page.get_by_test_id("public-profile")).to_contain_text("Ally")
    expect(page.get_by_test_id("public-profile")).not_to_contain_text("Alice Wang")
    assert page.console_errors == []


def test_a_member_turns_on_two_factor_authentication_with_an_authenticator_code(page, verified):
    # clause: SEC-07
    sign_in(page, "alice")
    page.goto("/accounts/2fa/totp/activate/")
    expect(page).to_have_url(re.compile("/accounts/reauthenticate/"))
    page.fill("[name=password]", PASSWORD)
    submit(page)

    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    expect(page.locator(".site-header")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    submit(page)

    expect(page).to_have_url(re.compile("/accounts/2fa/"))
    assert Authenticator.objects.filter(user=verified, type=Authenticator.Type.TOTP).exists()


def test_a_child_registers_and_a_guardian_consents(page):
    # clause: MIN-01, MIN-02
    birthday = (timezone.localdate() - datetime.timedelta(days=365 * 10)).isoformat()
    register(page, phone="13912340000", name="kid", date_of_birth=birthday)
    page.fill("[name=code]", last_code("+8613912340000"))
    submit(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("A parent or guardian needs to consent")
    assert Member.objects.get(member_name="kid").is_active is False
    page.get_by_test_id("guardian-link").click()

    expect(page.get_by_test_id("children-rules")).to_contain_text("Children's Personal Information Rules")
    page.get_by_label("Your full name").fill("Wang Fang")
    page.get_by_label("Your mobile number").fill("13800000099")
    page.get_by_label("Your relationship to the child").select_option("parent")
    page.check("[name=consent]")
    submit(page)
    expect(page.get_by_test_id("guardian-code-sent")).to_be_visible()
    page.get_by_label("Code from the text message").fill(last_code("+8613800000099"))
    submit(page)

    expect(page.get_by_test_id("guardian-done")).to_be_visible()
    assert GuardianConsent.objects.filter(child__member_name="kid").exists()
    sign_in(page, "kid")
    expect(page.get_by_test_id("account-state")).to_contain_text("kid")


def test_a_member_consents_to_biometrics_and_passes_face_verification(page, verified):
    # clause: VER-05
    sign_in(page, "alice")
    page.goto("/members/real-name/")
    page.get_by_role("link", name="Real-person authentication by face").click()
    page.get_by_test_id("notice-acknowledge").click()  # POL-02: shown once, before the first collection

    expect(page.get_by_test_id("face-instructions")).to_be_visible()
    page.check("[name=consent_biometric]")
    submit(page)
    page.set_input_files(
        "[name=image]",
        files=[{"name": "me.png", "mimeType": "image/png", "buffer": png()}],
    )
    submit(page)

    expect(page.get_by_test_id("face-result")).to_contain_text("Passed on")
    assert FaceVerification.objects.get(member=verified).is_passed is True
    assert page.console_errors == []
