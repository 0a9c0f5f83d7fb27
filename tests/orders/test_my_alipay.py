"""My Alipay: the linked account shown masked, changed through a request customer service decides (TRX-08)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import Member
from orders.models import AlipayAccount, AlipayChangeRequest
from privacy.registry import DataCategory, Erasure, registry
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db
URL = "/me/settings/alipay/"


def agent() -> Member:
    staff = Member.objects.create_user("agent", "pw-staff-123", is_staff=True)
    staff.groups.add(Group.objects.get(name="customer_service"))
    return staff


def test_the_page_lives_at_the_settings_address():
    # clause: TRX-08
    assert reverse("orders:my-alipay") == URL


def test_the_linked_account_is_shown_with_only_its_last_four_characters(client, member):
    # clause: TRX-08
    AlipayAccount.objects.create(member=member, account="+8613800135678")
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert "••••5678" in page
    assert "+8613800135678" not in page


def test_a_member_without_a_linked_account_is_told_so(client, member):
    # clause: TRX-08
    client.force_login(member)
    assert "No Alipay account is linked to you." in client.get(URL).content.decode()


def test_a_visitor_is_sent_to_sign_in(client):
    # clause: TRX-08
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(URL, {"new_account": "+8613800135678", "account_consent": "on"}).status_code == 302
    assert not AlipayChangeRequest.objects.exists()


def test_a_change_request_is_saved_shown_to_the_member_and_appears_in_admin(client, member):
    # clause: TRX-08
    AlipayAccount.objects.create(member=member, account="+8613800135678")
    client.force_login(member)

    response = client.post(URL, {"new_account": "ali.wang@example.com", "account_consent": "on"})

    assert response.status_code == 302
    change = AlipayChangeRequest.objects.get()
    assert (change.member, change.new_account, change.status) == (member, "ali.wang@example.com", "pending")
    page = client.get(URL).content.decode()
    assert "Waiting for customer service" in page and "••••.com" in page
    assert AlipayAccount.objects.get().account == "+8613800135678"  # unchanged until approved

    sign_in_staff(client, agent())
    listing = client.get(reverse("admin:orders_alipaychangerequest_changelist")).content.decode()
    assert "alice" in listing and "••••.com" in listing and "ali.wang@example.com" not in listing


@pytest.mark.parametrize("bad", ["", "not an account", "12345", "a@b"])
def test_bad_input_gets_a_field_error_and_writes_nothing(client, member, bad):
    # clause: TRX-08
    client.force_login(member)

    response = client.post(URL, {"new_account": bad, "account_consent": "on"})

    assert response.status_code == 400
    assert response.context["form"].errors["new_account"]
    assert not AlipayChangeRequest.objects.exists()


def test_a_second_request_waits_for_the_first_and_writes_nothing(client, member):
    # clause: TRX-08
    client.force_login(member)
    client.post(URL, {"new_account": "+8613800135678", "account_consent": "on"})

    response = client.post(URL, {"new_account": "+8613900139000", "account_consent": "on"})

    assert response.status_code == 400
    assert "already have a request" in response.content.decode()
    assert AlipayChangeRequest.objects.count() == 1


def test_another_members_requests_and_account_are_not_shown(client, member, other_member):
    # clause: TRX-08
    AlipayAccount.objects.create(member=other_member, account="bob.pay@example.com")
    AlipayChangeRequest.objects.create(member=other_member, new_account="+8613900139999")
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert "••••.com" not in page and "••••9999" not in page
    assert "No requests." in page


def test_customer_service_approves_with_a_reason_and_the_account_is_linked(client, member):
    # clause: TRX-08
    change = AlipayChangeRequest.objects.create(member=member, new_account="+8613800135678")
    staff = agent()
    sign_in_staff(client, staff)

    response = client.post(
        reverse("admin:orders_alipaychangerequest_change", args=[change.pk]),
        {"decision": "approve", "decision_reason": "Identity checked on ticket 42"},
    )

    assert response.status_code == 302
    change.refresh_from_db()
    assert (change.status, change.decided_by, change.decision_reason) == (
        "approved",
        staff,
        "Identity checked on ticket 42",
    )
    assert AlipayAccount.objects.get(member=member).account == "+8613800135678"
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "Approved" in page and "Identity checked on ticket 42" in page and "••••5678" in page


def test_customer_service_refuses_with_a_reason_and_nothing_is_linked(client, member):
    # clause: TRX-08
    change = AlipayChangeRequest.objects.create(member=member, new_account="+8613800135678")
    sign_in_staff(client, agent())

    client.post(
        reverse("admin:orders_alipaychangerequest_change", args=[change.pk]),
        {"decision": "refuse", "decision_reason": "The account holder's name does not match"},
    )

    change.refresh_from_db()
    assert change.status == "refused"
    assert not AlipayAccount.objects.exists()
    client.force_login(member)
    assert "Refused" in client.get(URL).content.decode()


def test_a_decision_without_a_reason_is_refused_and_changes_nothing(client, member):
    # clause: TRX-08
    change = AlipayChangeRequest.objects.create(member=member, new_account="+8613800135678")
    sign_in_staff(client, agent())

    response = client.post(
        reverse("admin:orders_alipaychangerequest_change", args=[change.pk]),
        {"decision": "approve", "decision_reason": "  "},
    )

    assert response.status_code == 200 and "State the reason" in response.content.decode()
    change.refresh_from_db()
    assert change.status == "pending"
    assert not AlipayAccount.objects.exists()


def test_a_decided_request_cannot_be_decided_again(client, member):
    # clause: TRX-08
    sign_in_staff(client, agent())
    change = AlipayChangeRequest.objects.create(member=member, new_account="+8613800135678")
    url = reverse("admin:orders_alipaychangerequest_change", args=[change.pk])
    client.post(url, {"decision": "refuse", "decision_reason": "Name mismatch"})

    client.post(url, {"decision": "approve", "decision_reason": "Changed my mind"})

    change.refresh_from_db()
    assert (change.status, change.decision_reason) == ("refused", "Name mismatch")
    assert not AlipayAccount.objects.exists()


def test_the_account_is_sensitive_payment_data_deleted_on_erasure():
    # clause: TRX-08
    for model in (AlipayAccount, AlipayChangeRequest):
        row = registry.get(model).row
        assert (row.category, row.erase) == (DataCategory.PAYMENT, Erasure.DELETE_ROW)
        assert row.sensitive
