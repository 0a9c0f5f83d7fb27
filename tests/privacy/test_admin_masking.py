"""Staff see personal fields masked; revealing them takes a permission and a reason, and is logged."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import Member
from orders.models import Order
from privacy.masking import mask
from privacy.models import StaffAccessLog
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

PHONE = "+8613800138001"


@pytest.fixture
def customer(db):
    return Member.objects.create_user("alice", "pw-alice-123", phone=PHONE)


@pytest.fixture
def order(customer):
    return Order.objects.create(
        number="T0001",
        buyer=customer,
        total_amount=10,
        consignee_name="Wang Fang",
        consignee_phone="+8613900139000",
        delivery_address="18 Binjiang Avenue, Nanshan District, Shenzhen",
    )


def staff_in(group: str, name: str = "agent") -> Member:
    staff = Member.objects.create_user(name, "pw-staff-123", is_staff=True)
    staff.groups.add(Group.objects.get(name=group))
    return staff


def test_masking_keeps_the_ends_and_hides_the_middle():
    assert mask(PHONE) == "+8••••••••8001"
    assert mask("Wang Fang") == "Wa•••••ng"
    assert mask("Li") == "••"
    assert mask("") == ""


def test_staff_see_phone_numbers_masked_in_the_member_list_and_page(client, customer):
    # clause: VER-06
    sign_in_staff(client, staff_in("customer_service"))

    listing = client.get(reverse("admin:members_member_changelist"), {"q": "alice"}).content.decode()
    page = client.get(reverse("admin:members_member_change", args=[customer.pk])).content.decode()

    for html in (listing, page):
        assert PHONE not in html
        assert mask(PHONE) in html


def test_customer_service_can_search_members_by_phone(client, customer):
    sign_in_staff(client, staff_in("customer_service"))

    listing = client.get(reverse("admin:members_member_changelist"), {"q": PHONE}).content.decode()

    assert "alice" in listing


def test_order_consignee_fields_are_masked_for_staff(client, order):
    sign_in_staff(client, staff_in("customer_service"))

    page = client.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()

    assert "Wang Fang" not in page
    assert "+8613900139000" not in page
    assert mask("Wang Fang") in page


def test_revealing_shows_the_values_and_logs_who_whom_which_and_why(client, order, customer):
    # clause: VER-06
    agent = staff_in("customer_service")
    sign_in_staff(client, agent)

    response = client.post(
        reverse("admin:orders_order_reveal", args=[order.pk]),
        {"fields_to_reveal": ["consignee_phone"], "reason": "Ticket T-77: courier cannot reach consignee"},
    )

    html = response.content.decode()
    assert "+8613900139000" in html
    assert "Wang Fang" not in html  # only the field asked for
    entry = StaffAccessLog.objects.get()
    assert (entry.staff, entry.member, entry.fields) == (agent, customer, ["consignee_phone"])
    assert entry.object_label == f"orders.Order #{order.pk}"
    assert entry.reason.startswith("Ticket T-77")


def test_revealing_without_a_reason_reveals_nothing_and_logs_nothing(client, order):
    sign_in_staff(client, staff_in("customer_service"))

    response = client.post(
        reverse("admin:orders_order_reveal", args=[order.pk]), {"fields_to_reveal": ["consignee_phone"]}
    )

    assert "+8613900139000" not in response.content.decode()
    assert not StaffAccessLog.objects.exists()


def test_staff_without_the_permission_cannot_reveal(client, customer):
    auditor = staff_in("auditor")
    auditor.user_permissions.add(
        *Group.objects.get(name="customer_service").permissions.exclude(codename="view_personal_data")
    )
    sign_in_staff(client, auditor)

    response = client.post(
        reverse("admin:members_member_reveal", args=[customer.pk]), {"fields_to_reveal": ["phone"], "reason": "curious"}
    )

    assert response.status_code == 403
    assert not StaffAccessLog.objects.exists()


def test_saving_a_member_in_admin_leaves_the_masked_fields_untouched(client, customer):
    admin_user = Member.objects.create_superuser("root", "pw-root-123")
    sign_in_staff(client, admin_user)
    url = reverse("admin:members_member_change", args=[customer.pk])

    response = client.post(url, {"member_name": "alice", "nickname": "Alice", "is_active": "", "groups": []})

    assert response.status_code == 302, response.content.decode()[:2000]
    customer.refresh_from_db()
    assert customer.is_active is False
    assert customer.phone == PHONE
