"""/api/v1/orders/ and /api/v1/addresses/: scoped to the member, numbers masked, strict input."""

from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Address, Order, OrderEvent, OrderItem

pytestmark = pytest.mark.django_db


def order_of(member, shelf, number, **fields):
    order = Order.objects.create(
        buyer=member,
        number=number,
        total_amount=Decimal("398.00"),
        consignee_name="Alice Wang",
        consignee_phone="+8613800138001",
        delivery_address="12 Wensan Road, Hangzhou",
        **fields,
    )
    OrderItem.objects.create(order=order, commodity=shelf["drill"], title="Cordless drill", unit_price=199, quantity=2)
    OrderEvent.objects.create(order=order, status=Order.Status.PLACED, source=OrderEvent.Source.MEMBER)
    return order


def test_the_member_lists_their_orders_newest_first_with_phones_masked(client, member, other_member, shelf):
    older = order_of(member, shelf, "A1", created_at=timezone.now() - timezone.timedelta(days=1))
    newer = order_of(member, shelf, "A2")
    order_of(other_member, shelf, "B1")
    client.force_login(member)

    response = client.get("/api/v1/orders/")

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [newer.pk, older.pk]
    assert body["results"][0]["items"] == [{"title": "Cordless drill", "unit_price": "199.00", "quantity": 2}]
    assert body["results"][0]["consignee_phone"] == "+8••••••••8001"
    assert "13800138001" not in response.content.decode()


def test_the_order_list_is_paginated_and_its_queries_do_not_grow(client, member, shelf, django_assert_max_num_queries):
    for number in range(25):
        order_of(member, shelf, f"P{number}")
    client.force_login(member)
    client.get("/api/v1/orders/")

    with django_assert_max_num_queries(6):
        page = client.get("/api/v1/orders/?limit=10&offset=20").json()

    assert page["count"] == 25
    assert len(page["results"]) == 5
    assert page["next"] is None


@pytest.mark.parametrize("query", ["limit=-1", "limit=abc&offset=x", "limit=100000", "offset=999999"])
def test_odd_page_parameters_never_fail(client, member, shelf, query):
    order_of(member, shelf, "Q1")
    client.force_login(member)

    assert client.get(f"/api/v1/orders/?{query}").status_code == 200


def test_the_order_detail_masks_every_number_and_keeps_the_customs_id_on_the_server(client, member, shelf):
    order = order_of(
        member,
        shelf,
        "D1",
        alternative_phone="+8613900139000",
        taxpayer_id="91330100MA27XYZ123",
        customs_id_name="Wang Li",
        customs_id_number_encrypted="gAAAA-secret",
    )
    client.force_login(member)

    response = client.get(f"/api/v1/orders/{order.pk}/")

    body = response.json()
    text = response.content.decode()
    assert response.status_code == 200
    assert body["alternative_phone"] == "+8••••••••9000"
    assert body["taxpayer_id"] == "91••••••••••••Z123"
    assert "13900139000" not in text and "MA27XYZ" not in text and "gAAAA" not in text
    assert [event["status"] for event in body["events"]] == ["placed"]
    assert body["tracking_number"] is None


def test_another_members_order_is_404(client, member, other_member, shelf):
    theirs = order_of(other_member, shelf, "T1")
    client.force_login(member)

    assert client.get(f"/api/v1/orders/{theirs.pk}/").status_code == 404


def test_the_order_detail_takes_a_bounded_number_of_queries(client, member, shelf, django_assert_max_num_queries):
    order = order_of(member, shelf, "C1")
    client.force_login(member)
    client.get(f"/api/v1/orders/{order.pk}/")

    with django_assert_max_num_queries(6):
        assert client.get(f"/api/v1/orders/{order.pk}/").status_code == 200


# -- addresses ---------------------------------------------------------------------


def test_the_member_saves_changes_and_deletes_an_address(client, member):
    client.force_login(member)

    made = client.post(
        "/api/v1/addresses/",
        {"consignee_name": "Li Lei", "phone": "13900139000", "address": "1 Huaxing Road"},
        content_type="application/json",
    )
    pk = made.json()["id"]
    changed = client.put(
        f"/api/v1/addresses/{pk}/",
        {"consignee_name": "Li Lei", "phone": "13900139001", "address": "2 Huaxing Road"},
        content_type="application/json",
    )
    listed = client.get("/api/v1/addresses/").json()
    deleted = client.delete(f"/api/v1/addresses/{pk}/")

    assert made.status_code == 201
    assert made.json()["phone"] == "+8••••••••9000"
    assert changed.status_code == 200
    assert changed.json()["address"] == "2 Huaxing Road"
    assert [row["id"] for row in listed["results"]] == [pk]
    assert deleted.status_code == 204
    assert not Address.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_another_members_address_is_404_and_stays_as_it_was(client, member, other_member, method):
    theirs = Address.objects.create(member=other_member, consignee_name="Bob", phone="+8613800138002", address="X")
    client.force_login(member)
    body = {"consignee_name": "Mallory", "phone": "13900139000", "address": "Y"}

    response = getattr(client, method)(f"/api/v1/addresses/{theirs.pk}/", body, content_type="application/json")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.consignee_name, theirs.address) == ("Bob", "X")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"consignee_name": "Li", "phone": "not a phone", "address": "1 Road"}, "phone"),
        ({"consignee_name": "Li", "phone": "13900139000"}, "address"),
        ({"consignee_name": "L" * 81, "phone": "13900139000", "address": "1 Road"}, "consignee_name"),
        ({"consignee_name": "Li\x00", "phone": "13900139000", "address": "1 Road"}, "consignee_name"),
        ({"consignee_name": "Li", "phone": "13900139000", "address": "1 Road", "member": 2}, "member"),
    ],
)
def test_a_bad_address_gets_a_field_error_and_saves_nothing(client, member, body, field):
    client.force_login(member)

    response = client.post("/api/v1/addresses/", body, content_type="application/json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Address.objects.exists()


def test_a_script_in_an_address_comes_back_as_plain_json_text(client, member):
    client.force_login(member)
    script = "<script>alert(1)</script>"

    response = client.post(
        "/api/v1/addresses/",
        {"consignee_name": script, "phone": "13900139000", "address": "1 Road"},
        content_type="application/json",
    )

    assert response["Content-Type"] == "application/json"
    assert response.json()["consignee_name"] == script


def test_the_address_list_takes_a_bounded_number_of_queries(client, member, django_assert_max_num_queries):
    Address.objects.bulk_create(
        [Address(member=member, consignee_name=f"N{n}", phone="+8613800138001", address="A") for n in range(30)]
    )
    client.force_login(member)
    client.get("/api/v1/addresses/")

    with django_assert_max_num_queries(5):
        assert len(client.get("/api/v1/addresses/").json()["results"]) == 20
