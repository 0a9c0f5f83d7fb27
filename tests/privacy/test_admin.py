"""Staff change a consent on the member's behalf in admin, under the member's rights request (INT-02, RGT-09); the
ledger stays read-only."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import Member
from members.roles import sync_staff_groups
from privacy import consent
from privacy.models import ConsentEvent
from privacy.purposes import Purpose
from rights.models import RequestType, StaffAction
from rights.requests import submit_request, verify_identity
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db
ADD = reverse("admin:privacy_consentevent_add")


def sync_groups() -> None:
    sync_staff_groups(app_config=list(apps.get_app_configs())[-1])


@pytest.fixture
def agent(db) -> Member:
    sync_groups()
    agent = Member.objects.create_user("agent", "agent password 123", is_staff=True)
    agent.groups.add(Group.objects.get(name="customer_service"))
    return agent


@pytest.fixture
def consent_request(member, agent):
    """The member's verified request to change a permission."""
    request = submit_request(member=member, type=RequestType.CONSENT, details="No more calls, please")
    return verify_identity(request=request, staff=agent, method="sms_code")


def test_customer_service_withdraws_marketing_for_a_member_under_their_request(
    client, agent, member, web, consent_request
):
    # clause: INT-02
    consent.grant(member, Purpose.MARKETING_PHONE, context=web)
    sign_in_staff(client, agent)

    response = client.post(
        ADD,
        {
            "member": member.pk,
            "purpose": "marketing_phone",
            "scope": "",
            "rights_request": consent_request.pk,
            "reason": "Asked by phone",
        },
    )

    assert response.status_code == 302
    assert not consent.has_consent(member, Purpose.MARKETING_PHONE)
    event = ConsentEvent.objects.filter(member=member).first()
    assert (event.channel, event.staff_ticket, event.is_granted) == (
        "staff",
        f"rights-request-{consent_request.pk}",
        False,
    )
    assert StaffAction.objects.get().staff == agent


def test_a_change_without_a_request_or_on_a_necessary_purpose_is_refused(client, agent, member, other_member):
    sign_in_staff(client, agent)
    theirs = submit_request(member=other_member, type=RequestType.CONSENT, details="x")
    unverified = submit_request(member=member, type=RequestType.CONSENT, details="x")
    base = {"member": member.pk, "purpose": "marketing_sms", "reason": "Asked"}

    no_request = client.post(ADD, base)
    another_members = client.post(ADD, {**base, "rights_request": theirs.pk})
    not_verified = client.post(ADD, {**base, "rights_request": unverified.pk})
    necessary = client.post(ADD, {**base, "purpose": "account", "rights_request": unverified.pk})
    bad_scope = client.post(ADD, {**base, "scope": "x", "rights_request": unverified.pk})

    assert [r.status_code for r in (no_request, another_members, not_verified, necessary, bad_scope)] == [200] * 5
    assert not ConsentEvent.objects.exists()


def test_the_ledger_cannot_be_edited_or_deleted_in_admin(client, agent, member, web):
    event = consent.grant(member, Purpose.MARKETING_SMS, context=web)
    sign_in_staff(client, agent)

    client.post(reverse("admin:privacy_consentevent_change", args=[event.pk]), {"is_granted": ""})
    client.post(reverse("admin:privacy_consentevent_delete", args=[event.pk]), {"post": "yes"})

    assert ConsentEvent.objects.get(pk=event.pk).is_granted is True


def test_roles_give_the_privacy_officer_publishing_and_customer_service_the_ledger():
    sync_groups()
    officer = set(Group.objects.get(name="privacy_officer").permissions.values_list("codename", flat=True))
    agent = set(Group.objects.get(name="customer_service").permissions.values_list("codename", flat=True))

    assert "change_policyversion" in officer
    assert {"add_consentevent", "view_consentevent"} <= agent
