"""Staff groups exist with the least permissions their work needs."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import Member
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


def permissions_of(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_staff_groups_are_created_by_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {"customer_service", "privacy_officer", "auditor"}


def test_customer_service_reads_members_and_works_tickets_but_cannot_change_members():
    perms = permissions_of("customer_service")

    assert {"members.view_member", "support.change_ticket"} <= perms
    assert "members.change_member" not in perms
    assert "members.delete_member" not in perms


def test_auditors_only_read():
    assert all(code.split(".")[1].startswith("view_") for code in permissions_of("auditor"))


ADMIN_PAGES = {
    "members": "admin:members_member_changelist",
    "orders": "admin:orders_order_changelist",
    "tickets": "admin:support_ticket_changelist",
    "alipay changes": "admin:orders_alipaychangerequest_changelist",
    "account retrieval": "admin:members_accountretrievalrequest_changelist",
    "policy versions": "admin:privacy_policyversion_changelist",
    "partners": "admin:privacy_partner_changelist",
    "sharing records": "admin:privacy_sharingrecord_changelist",
    "staff access log": "admin:privacy_staffaccesslog_changelist",
    "legal holds": "admin:rights_legalhold_changelist",
    "new legal hold": "admin:rights_legalhold_add",
    "erasure runs": "admin:rights_erasurerun_changelist",
    "retention runs": "admin:rights_retentionrun_changelist",
    "tombstones": "admin:rights_tombstone_changelist",
    "schedules": "admin:django_celery_beat_periodictask_changelist",
    "level rules": "admin:members_levelrule_changelist",
    "sms outbox": "admin:interactions_smsmessage_changelist",
    "staff groups": "admin:auth_group_changelist",
    "security incidents": "admin:rights_securityincident_changelist",
}

# DESIGN "Who uses it": customer service works members' requests and looks members up; the privacy officer
# keeps policy versions, the partner register, legal holds, erasure and retention runs and their schedules;
# auditors read the ledgers. Nobody but an administrator edits staff groups or reads the SMS outbox.
OPENS = {
    "customer_service": {"members", "orders", "tickets", "alipay changes", "account retrieval"},
    "privacy_officer": {
        "members",
        "policy versions",
        "partners",
        "sharing records",
        "staff access log",
        "legal holds",
        "new legal hold",
        "erasure runs",
        "retention runs",
        "tombstones",
        "schedules",
        "level rules",
        "security incidents",
    },
    "auditor": {"policy versions", "sharing records", "staff access log", "schedules"},
}


@pytest.mark.parametrize("group", sorted(OPENS))
def test_each_staff_group_opens_its_work_and_nothing_else(client, group):
    staff = Member.objects.create_user(f"staff_{group}", "pw-staff-123", is_staff=True)
    staff.groups.add(Group.objects.get(name=group))
    sign_in_staff(client, staff)

    opened = {name for name, url in ADMIN_PAGES.items() if client.get(reverse(url)).status_code == 200}

    assert opened == OPENS[group]


def test_staff_denied_a_page_are_told_to_ask_an_administrator_not_customer_service(client):
    staff = Member.objects.create_user("agent", "pw-staff-123", is_staff=True)
    staff.groups.add(Group.objects.get(name="customer_service"))
    sign_in_staff(client, staff)

    response = client.get(reverse("admin:rights_legalhold_changelist"))

    assert response.status_code == 403
    assert "ask an administrator" in response.content.decode()
    assert "contact customer service" not in response.content.decode()
