"""Registration with mobile number, member name and password; the number is confirmed by an SMS code."""

import pytest
from django.urls import reverse

from interactions.models import SmsMessage
from members.models import Member
from privacy.models import ConsentEvent, PolicyVersion
from privacy.purposes import Purpose
from tests.members.conftest import last_code

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
VERIFY = reverse("account_verify_phone")


def form(**overrides):
    data = {
        "phone": "13912345678",
        "username": "carol",
        "password1": "a long enough secret",
        "password2": "a long enough secret",
        "accept_policy": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_registration_creates_an_inactive_member_and_texts_a_six_digit_code(client):
    """VER-01: the account stays inactive until the code sent to the number is entered."""
    response = client.post(SIGNUP, form())

    assert response.status_code == 302
    assert response.url == VERIFY
    member = Member.objects.get(member_name="carol")
    assert member.phone == "+8613912345678"
    assert member.is_active is False
    assert member.phone_verified_at is None
    assert len(last_code("+8613912345678")) == 6


def test_entering_the_code_activates_the_account_and_signs_in(client):
    """VER-01, MEM-01."""
    client.post(SIGNUP, form())

    response = client.post(VERIFY, {"code": last_code("+8613912345678")})

    assert response.status_code == 302
    member = Member.objects.get(member_name="carol")
    assert member.is_active is True
    assert member.phone_verified_at is not None
    assert client.get(reverse("members:dashboard")).status_code == 200


def test_a_wrong_code_leaves_the_account_inactive(client):
    """VER-01."""
    client.post(SIGNUP, form())
    code = last_code("+8613912345678")
    wrong = "000000" if code != "000000" else "111111"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert Member.objects.get(member_name="carol").is_active is False


def test_an_expired_code_is_refused(client, time_machine):
    """VER-01: codes expire (15 minutes)."""
    time_machine.move_to("2026-01-01 10:00:00+08:00", tick=False)
    client.post(SIGNUP, form())
    code = last_code("+8613912345678")
    time_machine.move_to("2026-01-01 10:16:00+08:00", tick=False)

    client.post(VERIFY, {"code": code})

    assert Member.objects.get(member_name="carol").is_active is False


def test_registration_records_acceptance_of_the_current_policy_with_time_and_ip(client):
    """POL-01, MEM-01."""
    client.post(SIGNUP, form(), REMOTE_ADDR="203.0.113.7")

    event = ConsentEvent.objects.get(member__member_name="carol", purpose=Purpose.PRIVACY_POLICY)
    assert event.scope == PolicyVersion.objects.current().label
    assert event.ip_address == "203.0.113.7"
    assert event.occurred_at is not None


@pytest.mark.parametrize("missing", ["phone", "username", "password1", "accept_policy"])
def test_registration_without_a_required_field_is_refused_and_creates_nothing(client, missing):
    """MEM-01: mobile number, member name, password and policy acceptance are all required."""
    response = client.post(SIGNUP, form(**{missing: None}))

    assert response.status_code == 200
    assert missing in response.context["form"].errors
    assert not Member.objects.exists()
    assert not SmsMessage.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("phone", "not a number"),
        ("username", "1234567"),
        ("username", "a b"),
        ("password1", "password"),
    ],
)
def test_malformed_input_gets_a_field_error(client, field, value):
    overrides = {field: value}
    if field == "password1":
        overrides["password2"] = value
    response = client.post(SIGNUP, form(**overrides))

    assert field in response.context["form"].errors
    assert not Member.objects.exists()


def test_member_names_are_unique_ignoring_case(client, member):
    """MEM-01."""
    response = client.post(SIGNUP, form(username="ALICE"))

    assert "username" in response.context["form"].errors
    assert Member.objects.count() == 1


def test_phone_numbers_from_other_countries_are_accepted(client):
    client.post(SIGNUP, form(phone="+1 650 253 0000"))

    assert Member.objects.get(member_name="carol").phone == "+16502530000"


def test_registering_a_taken_number_does_not_tell_the_visitor(client, member):
    """Enumeration prevention: the page answers as for a new number; only the owner's phone is told."""
    response = client.post(SIGNUP, form(phone="13800138001"))

    assert response.status_code == 302
    assert Member.objects.count() == 1
    assert "already has one" in SmsMessage.objects.get(phone="+8613800138001").body


def test_codes_are_rate_limited_per_number(client):
    """VER-01: a second resend within 30 seconds is refused."""
    client.post(SIGNUP, form())
    client.post(VERIFY, {"action": "resend"})

    assert SmsMessage.objects.filter(phone="+8613912345678").count() == 1


def test_a_taken_member_name_is_called_a_member_name(client, member):
    response = client.post(SIGNUP, form(username="alice"))

    errors = " ".join(response.context["form"].errors["username"])
    assert "member name" in errors
    assert "username" not in errors.lower()


def test_the_member_name_help_says_it_starts_with_a_letter(client):
    html = client.get(SIGNUP).content.decode()

    assert "start with a letter" in html


def test_the_acceptance_box_links_the_policy_version_being_accepted(client):
    version = PolicyVersion.objects.current()

    html = client.get(SIGNUP).content.decode()

    assert f'href="{reverse("privacy:policy-version", args=[version.pk])}"' in html


def test_after_a_taken_number_the_visitor_who_leaves_can_sign_up_or_in_again(client, member):
    client.post(SIGNUP, form(phone="13800138001"))
    assert client.get(SIGNUP).status_code == 302  # still on the code step

    client.get(reverse("home"))

    assert client.get(SIGNUP).status_code == 200
    assert client.get(reverse("account_login")).status_code == 200


def test_a_second_sign_up_for_a_number_within_its_rate_limit_is_a_429_not_a_500(client, member):
    client.post(SIGNUP, form(phone="13800138001"))
    client.get(reverse("home"))

    response = client.post(SIGNUP, form(phone="13800138001", username="zed"))

    assert response.status_code == 429
    assert not Member.objects.filter(member_name="zed").exists()
