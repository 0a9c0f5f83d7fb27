"""Password recovery by a code texted to the registered mobile number: rate-limited, no enumeration."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Member, SecurityEvent
from tests.members.conftest import last_code
from tests.sms import outbox, texts_to

pytestmark = pytest.mark.django_db

START = reverse("members:password-recovery")
CODE = reverse("members:password-recovery-code")
NEW = "a brand new passphrase 42"


@pytest.fixture
def verified(member):
    Member.objects.filter(pk=member.pk).update(phone_verified_at=timezone.now())
    return member


def ask(client, phone="13800138001"):
    return client.post(START, {"phone": phone})


def test_the_sign_in_page_links_to_recovery_by_phone(client):
    html = client.get(reverse("account_login")).content.decode()

    assert START in html


def test_a_code_to_the_registered_number_sets_a_new_password(client, verified):
    response = ask(client)
    assert response.status_code == 302 and response.url == CODE

    response = client.post(CODE, {"code": last_code("+8613800138001"), "password1": NEW, "password2": NEW})

    assert response.status_code == 302 and response.url == reverse("account_login")
    verified.refresh_from_db()
    assert verified.check_password(NEW)
    assert SecurityEvent.objects.filter(member=verified, kind="password_changed").exists()


def test_an_unknown_number_gets_the_same_answer_and_no_text(client, verified):
    known = ask(client)
    unknown = ask(client, "13900139000")
    page = client.get(CODE)

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert page.status_code == 200
    assert texts_to("+8613900139000") == []


def test_a_guessed_code_for_an_unknown_number_opens_nothing(client, verified):
    ask(client, "13900139000")

    response = client.post(CODE, {"code": "000000", "password1": NEW, "password2": NEW})

    assert response.status_code == 200
    assert "Incorrect or expired code" in response.content.decode()


def test_a_wrong_code_changes_nothing_and_five_end_the_attempt(client, verified):
    ask(client)
    code = last_code("+8613800138001")
    wrong = "111111" if code != "111111" else "222222"

    for _ in range(4):
        response = client.post(CODE, {"code": wrong, "password1": NEW, "password2": NEW})
        assert response.status_code == 200
    response = client.post(CODE, {"code": wrong, "password1": NEW, "password2": NEW})
    after = client.post(CODE, {"code": code, "password1": NEW, "password2": NEW})

    assert response.status_code == 302 and response.url == START
    assert after.status_code == 302 and after.url == START
    verified.refresh_from_db()
    assert not verified.check_password(NEW)


def test_codes_to_one_number_are_rate_limited(client, verified):
    for _ in range(3):
        ask(client)
    response = ask(client)

    assert response.status_code == 200
    assert "Too many requests" in response.content.decode()
    assert len(texts_to("+8613800138001")) == 3


def test_a_weak_new_password_is_refused_with_a_field_error(client, verified):
    ask(client)

    response = client.post(CODE, {"code": last_code("+8613800138001"), "password1": "123", "password2": "123"})

    assert response.status_code == 200
    verified.refresh_from_db()
    assert verified.check_password("correct horse battery")


def test_hostile_input_gets_a_form_error_and_sends_nothing(client, verified):
    response = client.post(START, {"phone": "<script>"})

    assert response.status_code == 200
    assert outbox == []


def test_the_code_page_without_a_request_goes_back_to_the_start(client):
    response = client.get(CODE)

    assert response.status_code == 302 and response.url == START
