"""Staff-facing member admin: masked personal fields, logged reveals, SMS outbox, level rules (SEC-08, MEM-03)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from interactions.channels import send_sms
from interactions.models import SmsMessage
from members.models import LevelRule, Member
from privacy.masking import mask
from privacy.models import StaffAccessLog
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


def staff_in(group: str, name: str = "agent") -> Member:
    staff = Member.objects.create_user(name, "pw-staff-123", is_staff=True)
    staff.groups.add(Group.objects.get(name=group))
    return staff


@pytest.fixture
def profiled(member):
    Member.objects.filter(pk=member.pk).update(real_name="Alice Wang", landline="0571-88888888")
    return member


def test_customer_service_sees_profile_fields_masked(client, profiled):
    """SEC-08: masked by default."""
    sign_in_staff(client, staff_in("customer_service"))

    html = client.get(reverse("admin:members_member_change", args=[profiled.pk])).content.decode()

    for value in ["Alice Wang", "0571-88888888", "+8613800138001"]:
        assert value not in html
        assert mask(value) in html


def test_a_reveal_of_profile_fields_is_logged_with_its_reason(client, profiled):
    """SEC-08: who, whom, which fields, when, why."""
    agent = staff_in("customer_service")
    sign_in_staff(client, agent)

    html = client.post(
        reverse("admin:members_member_reveal", args=[profiled.pk]),
        {"fields_to_reveal": ["real_name", "landline"], "reason": "ticket 42"},
    ).content.decode()

    assert "Alice Wang" in html
    log = StaffAccessLog.objects.get()
    assert (log.staff, log.member, sorted(log.fields), log.reason) == (
        agent,
        profiled,
        ["landline", "real_name"],
        "ticket 42",
    )


def test_customer_service_finds_a_member_by_phone(client, member):
    sign_in_staff(client, staff_in("customer_service"))

    html = client.get(reverse("admin:members_member_changelist"), {"q": "+8613800138001"}).content.decode()

    assert ">alice<" in html


def test_no_staff_role_opens_the_sms_outbox(client, member):
    """Codes in the outbox would let any staff member sign in as a member."""
    send_sms(phone="+8613800138001", body="Your 1688 verification code is 123456.", member=member)

    for group in ("customer_service", "privacy_officer", "auditor"):
        sign_in_staff(client, staff_in(group, name=f"agent_{group}"))
        assert client.get(reverse("admin:interactions_smsmessage_changelist")).status_code == 403


def test_the_development_outbox_keeps_codes_links_and_numbers_masked(client, member, settings):
    settings.DEBUG = True
    send_sms(
        phone="+8613800138001",
        body="Your 1688 verification code is 123456. Stop: https://portal.example.com/privacy/unsubscribe/abc123/",
        member=member,
    )
    sign_in_staff(client, Member.objects.create_superuser("root", "pw-root-123", phone="+8613800138099"))

    html = client.get(reverse("admin:interactions_smsmessage_changelist")).content.decode()

    assert "123456" not in SmsMessage.objects.get().body
    assert "abc123" not in SmsMessage.objects.get().body
    assert "123456" not in html
    assert "+8613800138001" not in html
    assert mask("+8613800138001") in html
    assert "Development only" in html


def test_the_outbox_is_closed_outside_development(client, member, settings):
    settings.DEBUG = False
    sign_in_staff(client, Member.objects.create_superuser("root", "pw-root-123", phone="+8613800138099"))

    assert client.get(reverse("admin:interactions_smsmessage_changelist")).status_code == 403


def test_privacy_officers_edit_level_rules_and_customer_service_cannot(client):
    """MEM-03: staff edit the rules in admin."""
    rule = LevelRule.objects.get(level=2)
    url = reverse("admin:members_levelrule_change", args=[rule.pk])
    sign_in_staff(client, staff_in("customer_service", "cs"))
    assert client.get(url).status_code == 403

    sign_in_staff(client, staff_in("privacy_officer", "po"))
    response = client.post(
        url,
        {"level": 2, "name": "Silver", "min_completed_orders": 2, "min_spent": "200.00", "benefits": "Priority"},
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.min_completed_orders == 2


def test_face_results_are_read_only_in_admin_and_hold_no_image(client, member):
    """VER-05: staff see passed or failed, provider and time; there is nothing else to see or edit."""
    from members.models import FaceVerification

    record = FaceVerification.objects.create(member=member, provider="state_agency", is_passed=True)
    sign_in_staff(client, Member.objects.create_superuser("root", "pw-root-12345"))

    listing = client.get(reverse("admin:members_faceverification_changelist"))
    edit = client.post(reverse("admin:members_faceverification_change", args=[record.pk]), {"is_passed": "off"})

    assert listing.status_code == 200
    assert "State-recognised agency" in listing.content.decode()
    assert edit.status_code == 403
    assert FaceVerification.objects.get().is_passed is True
