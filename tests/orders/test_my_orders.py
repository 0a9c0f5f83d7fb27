"""My Orders, the order page, payment, delivery and completion (II(III), III(I)5.1, TRX rows)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from orders import services
from orders.models import Order, OrderEvent, OrderItem, Payment
from privacy.models import SharingRecord

pytestmark = pytest.mark.django_db


def make_order(member, shelf, *, number="20260101000001", status=Order.Status.PLACED, **fields) -> Order:
    order = Order.objects.create(
        number=number,
        buyer=member,
        status=status,
        total_amount=Decimal("199.00"),
        consignee_name="Alice Wang",
        consignee_phone="+8613800138001",
        delivery_address="12 Wensan Road, Hangzhou",
        **fields,
    )
    OrderItem.objects.create(order=order, commodity=shelf["drill"], title="Cordless drill", unit_price=199, quantity=1)
    OrderEvent.objects.create(order=order, status="placed", source="member")
    return order


def test_my_orders_lists_only_the_members_orders_and_filters_by_status(client, member, other_member, shelf):
    # clause: TRX-07
    make_order(member, shelf, number="A1")
    make_order(member, shelf, number="A2", status=Order.Status.COMPLETED, completed_at=timezone.now())
    make_order(other_member, shelf, number="B1")
    client.force_login(member)

    everything = client.get(reverse("orders:list"))
    completed = client.get(reverse("orders:list"), {"status": "completed"})

    assert sorted(o.number for o in everything.context["page"]) == ["A1", "A2"]
    assert [o.number for o in completed.context["page"]] == ["A2"]


def test_another_members_order_is_a_404_for_every_action(client, member, other_member, shelf):
    # clause: TRX-07
    order = make_order(other_member, shelf)
    client.force_login(member)

    assert client.get(reverse("orders:detail", args=[order.number])).status_code == 404
    for name in ("orders:pay", "orders:confirm", "orders:after-sales"):
        assert client.post(reverse(name, args=[order.number]), {"partner": "alipay"}).status_code == 404
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED
    assert not SharingRecord.objects.exists()


def test_my_orders_needs_a_bounded_number_of_queries(client, member, shelf, django_assert_max_num_queries):
    for n in range(15):
        make_order(member, shelf, number=f"N{n}")
    client.force_login(member)
    client.get(reverse("orders:list"))

    # The member (the session comes from the cache), then the page and its goods: no COUNT, not one per order.
    with django_assert_max_num_queries(3):
        response = client.get(reverse("orders:list"))
    assert len(response.context["page"]) == 15
    assert all(order.item_list == [(1, "Cordless drill")] for order in response.context["page"])


def test_my_orders_pages_through_without_counting(client, member, shelf, django_assert_max_num_queries):
    for n in range(21):
        make_order(member, shelf, number=f"N{n:02}")
    client.force_login(member)

    first = client.get(reverse("orders:list"))
    second = client.get(reverse("orders:list"), {"page": "2"})
    past_the_end = client.get(reverse("orders:list"), {"page": "9"})
    not_a_number = client.get(reverse("orders:list"), {"page": "x<script>"})

    assert len(first.context["page"]) == 20 and "page=2" in first.content.decode()
    assert [o.number for o in second.context["page"]] == ["N00"]
    assert "page=1" in second.content.decode() and "page=3" not in second.content.decode()
    assert [o.number for o in past_the_end.context["page"]] == ["N00"]  # the last page, as Django's paginator
    assert len(not_a_number.context["page"]) == 20


def test_the_status_filter_keeps_the_chosen_status_and_ignores_an_unknown_one(client, member, shelf):
    make_order(member, shelf, number="A1")
    client.force_login(member)

    chosen = client.get(reverse("orders:list"), {"status": "completed"}).content.decode()
    unknown = client.get(reverse("orders:list"), {"status": "<script>x</script>"})

    assert '<option value="completed" selected>' in chosen and "A1" not in chosen
    assert '<option value="" selected>' in unknown.content.decode() and "<script>x" not in unknown.content.decode()
    assert [o.number for o in unknown.context["page"]] == ["A1"]


def test_the_order_page_shows_what_is_stored_in_a_bounded_number_of_queries(
    client, member, shelf, django_assert_max_num_queries
):
    # clause: TRX-05
    order = make_order(member, shelf, remarks="Ring twice", alternative_phone="+8613900139000")
    services.pay_order(member=member, order=order, partner_code="alipay")
    client.force_login(member)
    client.get(reverse("orders:detail", args=[order.number]))

    # The member (the session comes from the cache), then the order with payment and shipment, items,
    # events and sharing records; the recommendation slot's blocks are cached, its goods kept by the worker.
    with django_assert_max_num_queries(5):
        page = client.get(reverse("orders:detail", args=[order.number])).content.decode()
    for text in (order.number, "¥199.00", "Ring twice", "+8613900139000", "12 Wensan Road", "Cordless drill", "Alipay"):
        assert text in page


def test_paying_with_alipay_marks_the_order_paid_and_records_the_sharing(client, member, shelf):
    # clause: TRX-09, TRX-12, SHR-16
    order = make_order(member, shelf)
    client.force_login(member)

    response = client.post(reverse("orders:pay", args=[order.number]), {"partner": "alipay"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.PAID and order.paid_at is not None
    assert list(order.events.values_list("status", "source")) == [("placed", "member"), ("paid", "alipay")]
    record = SharingRecord.objects.get()
    assert (record.member, record.partner.code, record.legal_basis, record.reference) == (
        member,
        "alipay",
        "contract",
        order.number,
    )
    assert record.fields == ["amount", "order_number"]
    assert set(record.categories) == {"payment", "transaction"}
    page = client.get(reverse("orders:detail", args=[order.number])).content.decode()
    assert "Necessary for the contract with the member" in page


def test_an_order_cannot_be_paid_twice(client, member, shelf):
    order = make_order(member, shelf)
    client.force_login(member)
    client.post(reverse("orders:pay", args=[order.number]), {"partner": "mybank"})

    response = client.post(reverse("orders:pay", args=[order.number]), {"partner": "alipay"})

    assert response.status_code == 400
    assert Payment.objects.count() == SharingRecord.objects.count() == 1


def test_pay_on_behalf_needs_the_payers_account_or_phone_and_the_attestation(client, member, shelf):
    # clause: TRX-11, POL-08
    order = make_order(member, shelf)
    client.force_login(member)
    url = reverse("orders:pay", args=[order.number])

    neither = client.post(url, {"partner": "alipay", "is_paid_by_other": "on", "payer_agreed": "on"})
    unattested = client.post(url, {"partner": "alipay", "is_paid_by_other": "on", "payer_phone": "13900139000"})

    assert "payer_account" in neither.context["payment_form"].errors
    assert "payer_agreed" in unattested.context["payment_form"].errors
    assert not Payment.objects.exists()

    client.post(
        url,
        {
            "partner": "alipay",
            "is_paid_by_other": "on",
            "payer_phone": "13900139000",
            "payer_agreed": "on",
            "payer_details_consent": "on",
        },
    )

    payment = Payment.objects.get()
    assert payment.is_paid_by_other and payment.payer_phone == "+8613900139000"
    assert payment.payer_consent_attested_at is not None
    assert SharingRecord.objects.get().fields == ["amount", "order_number", "payer_phone"]


def test_shipping_hands_only_the_consignee_delivery_fields_to_cainiao(member, shelf):
    # clause: TRX-13, SHR-01
    order = make_order(member, shelf, remarks="Secret note", alternative_phone="+8613900139000")
    services.pay_order(member=member, order=order, partner_code="alipay")

    shipment = services.ship_order(order=order)

    record = SharingRecord.objects.get(partner__code="cainiao")
    assert record.fields == ["consignee_name", "consignee_phone", "delivery_address"]
    assert record.categories == ["delivery"] and record.reference == order.number
    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED and shipment.tracking_number.startswith("CAINIAO-")


def test_the_member_confirms_receipt_and_then_asks_for_after_sales(client, member, shelf):
    # clause: TRX-07, STO-02
    order = make_order(member, shelf)
    services.pay_order(member=member, order=order, partner_code="alipay")
    services.ship_order(order=order)
    client.force_login(member)

    client.post(reverse("orders:confirm", args=[order.number]))
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    assert timezone.now() - order.completed_at < timedelta(minutes=1)

    client.post(reverse("orders:after-sales", args=[order.number]))
    order.refresh_from_db()
    assert order.status == Order.Status.AFTER_SALES
    timeline = client.get(reverse("orders:detail", args=[order.number])).context["order"].events.all()
    assert [e.status for e in timeline] == ["placed", "paid", "shipped", "completed", "after_sales"]


def test_a_placed_order_cannot_be_confirmed_as_received(client, member, shelf):
    order = make_order(member, shelf)
    client.force_login(member)

    client.post(reverse("orders:confirm", args=[order.number]))

    order.refresh_from_db()
    assert order.status == Order.Status.PLACED


def test_my_orders_shows_a_changed_order_on_the_next_request(client, member, shelf):
    """The list is kept per worker under everything it shows: a new status or item title is a new key."""
    order = make_order(member, shelf, number="C1")
    client.force_login(member)
    client.get(reverse("orders:list"))
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CANCELLED)
    OrderItem.objects.filter(order=order).update(title="Renamed <drill>")

    page = client.get(reverse("orders:list")).content.decode()

    assert f"<td>{Order.Status.CANCELLED.label}</td>" in page
    assert "Renamed &lt;drill&gt;" in page


def test_my_orders_lists_each_orders_goods_in_order_and_escaped(client, member, other_member, shelf):
    mixed = make_order(member, shelf, number="M-1")
    OrderItem.objects.create(order=mixed, commodity=shelf["kite"], title="Kite <b>red</b>", unit_price=20, quantity=3)
    empty = Order.objects.create(number="M-0", buyer=member, total_amount=Decimal("1.00"), consignee_name="A")
    make_order(other_member, shelf, number="X-1")
    client.force_login(member)

    response = client.get(reverse("orders:list"))

    lists = {order.number: order.item_list for order in response.context["page"]}
    assert lists == {"M-1": [(1, "Cordless drill"), (3, "Kite <b>red</b>")], "M-0": []}
    html = response.content.decode()
    assert "Kite &lt;b&gt;red&lt;/b&gt;" in html and "<b>red</b>" not in html and "X-1" not in html
    assert empty.number in html
