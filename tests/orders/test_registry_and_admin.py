"""Registry entries of orders (STO-02, TRX-10) and the order admin with masked fields (VER-06)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import Member
from orders import services
from orders.models import Address, CartItem, Order, OrderItem, Payment, Shipment
from privacy.models import SharingRecord, StaffAccessLog
from privacy.registry import DataCategory, Erasure, project_models, registry, years
from tests.staff import sign_in_staff


def test_transaction_records_are_kept_three_years_after_completion_then_anonymized():
    # clause: STO-02, STO-05
    for model, after in ((Order, "completed_at"), (Payment, "order__completed_at"), (Shipment, "order__completed_at")):
        retention = registry.get(model).retention
        assert (retention.after, retention.keep, retention.then) == (after, years(3), Erasure.ANONYMIZE)


def test_customs_id_details_are_sensitive_and_optional():
    # clause: TRX-03
    fields = registry.get(Order).fields
    for name in ("customs_id_name", "customs_id_number_encrypted"):
        assert fields[name].category == DataCategory.CUSTOMS
        assert fields[name].sensitive and not fields[name].is_necessary


def test_the_payers_account_is_sensitive_payment_data():
    # clause: TRX-11
    pi = registry.get(Payment).fields["payer_account"]
    assert pi.category == DataCategory.PAYMENT and pi.sensitive


def test_address_book_and_cart_rows_are_deleted_on_erasure():
    # clause: RGT-04
    assert registry.get(Address).row.erase == Erasure.DELETE_ROW
    assert registry.get(CartItem).row.erase == Erasure.DELETE_ROW


def test_no_model_can_store_a_full_card_number_or_expiry():
    # clause: TRX-10
    names = {f.name for model in project_models() for f in model._meta.get_fields()}
    assert not {n for n in names if "card_number" in n or "expiry" in n or n in {"cvv", "pan"}}


@pytest.fixture
def paid_order(db, shelf):
    buyer = Member.objects.create_user("carol", "pw-carol-123", phone="+8613800138009")
    order = Order.objects.create(
        number="T0001",
        buyer=buyer,
        total_amount=199,
        consignee_name="Wang Fang",
        consignee_phone="+8613900139000",
        delivery_address="18 Binjiang Avenue, Shenzhen",
        alternative_phone="+8613700137000",
    )
    OrderItem.objects.create(order=order, commodity=shelf["drill"], title="Cordless drill", unit_price=199, quantity=1)
    services.pay_order(member=buyer, order=order, partner_code="alipay")
    return order


def staff_in(group: str) -> Member:
    staff = Member.objects.create_user("agent", "pw-staff-123", is_staff=True)
    staff.groups.add(Group.objects.get(name=group))
    return staff


@pytest.mark.django_db
def test_customer_service_sees_order_fields_masked_and_filters_by_status(client, paid_order):
    # clause: VER-06
    sign_in_staff(client, staff_in("customer_service"))

    page = client.get(reverse("admin:orders_order_change", args=[paid_order.pk])).content.decode()
    listing = client.get(reverse("admin:orders_order_changelist"), {"status__exact": "paid"}).content.decode()

    assert "+8613700137000" not in page and "+8613900139000" not in page
    assert "Reveal personal data" in page
    assert "T0001" in listing and "Wang Fang" not in listing
    assert (
        "T0001"
        not in client.get(reverse("admin:orders_order_changelist"), {"status__exact": "placed"}).content.decode()
    )


@pytest.mark.django_db
def test_revealing_an_order_field_is_logged(client, paid_order):
    # clause: VER-06
    staff = staff_in("customer_service")
    sign_in_staff(client, staff)

    page = client.post(
        reverse("admin:orders_order_reveal", args=[paid_order.pk]),
        {"fields_to_reveal": ["alternative_phone"], "reason": "Ticket 42"},
    ).content.decode()

    assert "+8613700137000" in page
    entry = StaffAccessLog.objects.get()
    assert (entry.staff, entry.member, entry.fields) == (staff, paid_order.buyer, ["alternative_phone"])


@pytest.mark.django_db
def test_the_ship_action_hands_paid_orders_to_cainiao(client, admin_user, paid_order):
    # clause: TRX-13
    sign_in_staff(client, admin_user)
    client.post(
        reverse("admin:orders_order_changelist"), {"action": "ship_with_cainiao", "_selected_action": [paid_order.pk]}
    )

    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.SHIPPED
    assert SharingRecord.objects.filter(partner__code="cainiao", reference="T0001").exists()
