"""Account security: password change, devices and sessions, two-factor, re-authentication, security events (MEM-08, SEC-01, SEC-07)."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db import ProgrammingError, transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from interactions.models import AlertCategory, Message, PushNotification, SmsMessage
from interactions.services import save_alert_settings
from members import services
from members.models import Member, SecurityEvent
from privacy import consent
from privacy.purposes import Purpose
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def verified(member):
    member.phone_verified_at = timezone.now()
    member.save(update_fields=["phone_verified_at"])
    return member


def sign_in(client: Client, login: str = "alice", password: str = PASSWORD) -> Client:
    client.post(reverse("account_login"), {"login": login, "password": password})
    return client


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("members:dashboard")).status_code == 200


def test_a_password_change_signs_out_other_clients_and_leaves_a_security_notice(verified):
    """MEM-08: an old session on another client is logged out and a notice appears in Messages."""
    laptop, phone = sign_in(Client()), sign_in(Client(), login="13800138001")
    assert is_signed_in(laptop) and is_signed_in(phone)

    response = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a brand new secret 42", "password2": "a brand new secret 42"},
    )

    assert response.status_code == 302
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert UserSession.objects.filter(user=verified).count() == 1
    notice = Message.objects.get(member=verified)
    assert notice.kind == AlertCategory.SECURITY
    assert "password" in notice.title.lower()


def test_a_password_change_needs_the_current_password(verified):
    """MEM-08."""
    client = sign_in(Client())

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "not my password", "password1": "a brand new secret 42", "password2": "a brand new secret 42"},
    )

    assert "oldpassword" in response.context["form"].errors
    verified.refresh_from_db()
    assert verified.check_password(PASSWORD)
    assert not Message.objects.exists()


def test_a_weak_new_password_is_refused(verified):
    client = sign_in(Client())

    response = client.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": "12345678", "password2": "12345678"}
    )

    assert "password1" in response.context["form"].errors


def test_the_sessions_page_lists_the_members_devices_and_signs_them_out(verified):
    laptop, phone = sign_in(Client()), sign_in(Client())

    page = laptop.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert len(page.context["sessions"]) == 2

    laptop.post(reverse("usersessions_list"), {"action": "end"} | {"sessions": []})
    # allauth's form ends every other session when none is picked.
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)


def test_a_visitor_is_sent_to_sign_in_from_the_sessions_page(client):
    response = client.get(reverse("usersessions_list"))

    assert response.status_code == 302


def test_the_two_factor_pages_ask_for_the_password_again_and_use_the_site_layout(verified):
    client = sign_in(Client())

    first = client.get(reverse("mfa_activate_totp"))
    assert first.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    html = client.get(reverse("mfa_activate_totp")).content.decode()

    assert 'class="site-header"' in html
    assert 'name="code"' in html
    assert not Authenticator.objects.filter(user=verified).exists()


def test_changing_the_phone_number_needs_reauthentication(verified):
    """Sensitive actions ask for the password again; the number stays as it was."""
    client = sign_in(Client())

    response = client.post(reverse("account_change_phone"), {"phone": "13900000002"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    verified.refresh_from_db()
    assert verified.phone == "+8613800138001"


def test_after_reauthentication_a_new_number_is_confirmed_by_code(verified):
    """VER-01: a new number counts only once the code sent to it is entered."""
    from tests.members.conftest import last_code

    client = sign_in(Client())
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    client.post(reverse("account_change_phone"), {"phone": "13900000002"})
    client.post(reverse("account_verify_phone"), {"code": last_code("+8613900000002")})

    verified.refresh_from_db()
    assert verified.phone == "+8613900000002"
    assert verified.phone_verified_at is not None


def test_a_sign_in_records_a_security_event_with_ip_and_user_agent(verified):
    """SEC-01."""
    Client(HTTP_USER_AGENT="Mozilla/5.0 test", REMOTE_ADDR="198.51.100.4").post(
        reverse("account_login"), {"login": "alice", "password": PASSWORD}
    )

    event = SecurityEvent.objects.get(member=verified, kind=SecurityEvent.Kind.LOGIN)
    assert (event.ip_address, event.user_agent) == ("198.51.100.4", "Mozilla/5.0 test")


def test_security_events_cannot_be_changed(verified):
    """SEC-04: the database refuses to rewrite the record."""
    sign_in(Client())

    with pytest.raises(ProgrammingError), transaction.atomic():
        SecurityEvent.objects.update(ip_address="10.0.0.1")


def test_staff_cannot_edit_security_events_in_admin(client, verified):
    """SEC-04."""
    sign_in(Client())
    event = SecurityEvent.objects.get()
    sign_in_staff(client, Member.objects.create_superuser("root", "pw-root-12345"))

    response = client.post(reverse("admin:members_securityevent_change", args=[event.pk]), {"kind": "login"})

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.kind == SecurityEvent.Kind.LOGIN


def test_a_sign_in_records_a_device_fingerprint_that_tells_devices_apart(verified):
    """SEC-01: the same browser gives the same fingerprint, another browser a different one."""
    for _attempt in range(2):
        Client(HTTP_USER_AGENT="Laptop/1.0", HTTP_ACCEPT_LANGUAGE="zh-CN").post(
            reverse("account_login"), {"login": "alice", "password": PASSWORD}
        )
    phone = RequestFactory().get("/", HTTP_USER_AGENT="Phone/2.0", HTTP_ACCEPT_LANGUAGE="zh-CN")

    first, second = SecurityEvent.objects.filter(member=verified).order_by("id")
    assert len(first.device_fingerprint) == 64
    assert first.device_fingerprint == second.device_fingerprint
    assert services.device_fingerprint(phone) != first.device_fingerprint
    assert "Laptop" not in first.device_fingerprint


def test_a_profile_change_records_a_security_event(client, verified):
    """SEC-01: profile changes are recorded with IP address, user agent and time."""
    client.force_login(verified)

    client.post(
        reverse("members:profile"),
        {"nickname": "New name"},
        HTTP_USER_AGENT="Mozilla/5.0 profile",
        REMOTE_ADDR="198.51.100.9",
    )

    event = SecurityEvent.objects.get(member=verified, kind=SecurityEvent.Kind.PROFILE_CHANGED)
    assert (event.ip_address, event.user_agent) == ("198.51.100.9", "Mozilla/5.0 profile")
    assert event.device_fingerprint


def test_saving_an_unchanged_profile_records_no_event(client, verified):
    client.force_login(verified)

    client.post(reverse("members:profile"), {"nickname": verified.nickname})

    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.PROFILE_CHANGED).exists()


def test_a_security_notice_goes_out_through_the_notice_service_whatever_is_switched_off(
    verified, web, django_capture_on_commit_callbacks
):
    """Security notices cannot be switched off: inbox, SMS to the confirmed number, and push while granted."""
    save_alert_settings(verified, {(category, "inbox"): False for category in ("logistics", "events", "interactions")})
    consent.grant(verified, Purpose.PUSH_NOTIFICATIONS, context=web)

    with django_capture_on_commit_callbacks(execute=True):
        notice = services.post_security_notice(member=verified, title="Your password was changed")

    assert notice.kind == AlertCategory.SECURITY
    assert PushNotification.objects.get(member=verified).title == "Your password was changed"
    assert SmsMessage.objects.get(phone=verified.phone).body.startswith("Your password was changed")
