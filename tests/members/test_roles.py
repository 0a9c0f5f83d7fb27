"""Staff groups exist with the least permissions their work needs."""

import pytest
from django.contrib.auth.models import Group

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
