"""Cart and address book (II(III)1-2, RGT-04): owners succeed, visitors sign in, others get 404."""

import pytest
from django.urls import reverse

from orders.models import Address, CartItem

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["orders:cart", "orders:checkout", "orders:list", "orders:addresses"])
def test_a_visitor_is_sent_to_sign_in(client, name):
    # clause: MEM-02
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_adding_to_the_cart_keeps_the_price_snapshot_and_adds_up_quantities(client, member, shelf):
    # clause: TRX-01
    client.force_login(member)
    drill = shelf["drill"]

    client.post(reverse("orders:cart-add", args=[drill.pk]), {"quantity": 2})
    client.post(reverse("orders:cart-add", args=[drill.pk]), {"quantity": 1})

    item = CartItem.objects.get(member=member)
    assert (item.commodity, item.quantity, item.price_snapshot) == (drill, 3, drill.price)
    page = client.get(reverse("orders:cart"))
    assert page.context["total"] == drill.price * 3


@pytest.mark.parametrize("quantity", ["0", "-1", "abc", "10000"])
def test_a_quantity_out_of_range_is_refused_and_nothing_written(client, member, shelf, quantity):
    client.force_login(member)

    response = client.post(reverse("orders:cart-add", args=[shelf["drill"].pk]), {"quantity": quantity}, follow=True)

    assert not CartItem.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_the_cart_shows_a_price_drop_against_the_snapshot(client, cart, shelf):
    # clause: TRX-01
    drill = shelf["drill"]
    drill.price = 150
    drill.save(update_fields=["price"])
    client.force_login(cart)

    page = client.get(reverse("orders:cart")).content.decode()

    assert "was ¥199.00" in page


def test_another_members_cart_item_cannot_be_changed_or_removed(client, cart, other_member):
    item = CartItem.objects.filter(member=cart).first()
    client.force_login(other_member)

    assert client.post(reverse("orders:cart-update", args=[item.pk]), {"quantity": 9}).status_code == 404
    assert client.post(reverse("orders:cart-remove", args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.quantity == 2


def test_the_owner_updates_and_removes_cart_items(client, cart):
    item = CartItem.objects.filter(member=cart).first()
    client.force_login(cart)

    client.post(reverse("orders:cart-update", args=[item.pk]), {"quantity": 5})
    item.refresh_from_db()
    assert item.quantity == 5
    client.post(reverse("orders:cart-update", args=[item.pk]), {"quantity": 0})
    item.refresh_from_db()
    assert item.quantity == 5
    client.post(reverse("orders:cart-remove", args=[item.pk]))
    assert not CartItem.objects.filter(pk=item.pk).exists()


def test_a_member_adds_edits_and_deletes_an_address(client, member):
    # clause: RGT-01, RGT-04
    client.force_login(member)

    client.post(
        reverse("orders:address-create"),
        {"consignee_name": "Wang Fang", "phone": "139 0013 9000", "address": "Shenzhen"},
    )
    address = Address.objects.get(member=member)
    assert address.phone == "+8613900139000"
    client.post(
        reverse("orders:address-edit", args=[address.pk]),
        {"consignee_name": "Wang Fang", "phone": "13900139000", "address": "18 Binjiang Avenue, Shenzhen"},
    )
    address.refresh_from_db()
    assert address.address == "18 Binjiang Avenue, Shenzhen"

    client.post(reverse("orders:address-delete", args=[address.pk]))

    assert not Address.objects.exists()
    assert "Binjiang" not in client.get(reverse("orders:checkout")).content.decode()


def test_a_malformed_phone_is_a_field_error_and_nothing_is_saved(client, member):
    client.force_login(member)

    response = client.post(
        reverse("orders:address-create"), {"consignee_name": "Wang Fang", "phone": "12345", "address": "Shenzhen"}
    )

    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not Address.objects.exists()


def test_another_members_address_is_a_404(client, address, other_member):
    client.force_login(other_member)

    assert client.get(reverse("orders:address-edit", args=[address.pk])).status_code == 404
    assert client.post(reverse("orders:address-delete", args=[address.pk])).status_code == 404
    assert Address.objects.filter(pk=address.pk).exists()
