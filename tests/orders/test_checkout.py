"""Checkout (II(III)2): consignee, optional fields, invoices, ordering for others, cross-border ID details."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orders import customs, services
from orders.models import Address, CartItem, Order, OrderEvent
from privacy.consent import RequestContext, grant, has_consent
from privacy.purposes import Purpose
from tests.catalog.factories import CommodityFactory

pytestmark = pytest.mark.django_db

CONSIGNEE = {"consignee_name": "Alice Wang", "consignee_phone": "13800138001", "delivery_address": "12 Wensan Road"}


def checkout(client, **fields):
    return client.post(reverse("orders:checkout"), {**CONSIGNEE, **fields})


def test_an_order_is_placed_with_number_time_amount_remarks_and_items(client, cart):
    # clause: TRX-05, TRX-02
    client.force_login(cart)

    response = checkout(client, remarks="Leave at the door", total_amount="0.01", unit_price="0.01")

    order = Order.objects.get()
    assert response["Location"] == reverse("orders:detail", args=[order.number])
    assert len(order.number) == 18 and order.created_at is not None
    # Prices come from the catalog, never from the form.
    assert order.total_amount == Decimal("413.00")
    assert order.remarks == "Leave at the door"
    assert order.consignee_phone == "+8613800138001"
    assert sorted(order.items.values_list("title", "unit_price", "quantity")) == [
        ("Cordless drill", Decimal("199.00"), 2),
        ("Work gloves", Decimal("5.00"), 3),
    ]
    assert list(order.events.values_list("status", "source")) == [("placed", "member")]
    assert not CartItem.objects.exists()


def test_the_alternative_phone_and_delivery_time_may_be_blank_or_given(client, cart):
    # clause: TRX-02
    client.force_login(cart)

    checkout(client, alternative_phone="139 0013 9000", delivery_time="evenings")

    order = Order.objects.get()
    assert (order.alternative_phone, order.delivery_time) == ("+8613900139000", "evenings")


def test_checkout_without_a_consignee_phone_fails_and_writes_nothing(client, cart):
    # clause: TRX-02
    client.force_login(cart)

    response = checkout(client, consignee_phone="")

    assert response.status_code == 200
    assert "consignee_phone" in response.context["form"].errors
    assert not Order.objects.exists()
    assert CartItem.objects.count() == 2


def test_a_malformed_phone_is_a_field_error(client, cart):
    client.force_login(cart)

    response = checkout(client, consignee_phone="12-34")

    assert "consignee_phone" in response.context["form"].errors
    assert not Order.objects.exists()


def test_checkout_with_an_empty_cart_fails(client, member):
    client.force_login(member)

    response = checkout(client)

    assert response.status_code == 200
    assert "Your cart is empty." in response.content.decode()
    assert not Order.objects.exists()


def test_a_saved_address_fills_the_consignee(client, cart, address):
    client.force_login(cart)

    client.post(reverse("orders:checkout"), {"address": address.pk})

    order = Order.objects.get()
    assert (order.consignee_name, order.delivery_address) == ("Alice Wang", "12 Wensan Road, Hangzhou")


def test_a_deleted_or_another_members_address_is_a_field_error(client, cart, other_member):
    client.force_login(cart)
    theirs = Address.objects.create(member=other_member, consignee_name="Bob", phone="+8613800138002", address="X")
    deleted = Address.objects.create(member=cart, consignee_name="Old", phone="+8613800138002", address="Y")
    deleted_pk = deleted.pk
    deleted.delete()

    for pk in (theirs.pk, deleted_pk):
        response = client.post(reverse("orders:checkout"), {"address": pk})
        assert "address" in response.context["form"].errors

    assert not Order.objects.exists()


def test_ordering_for_someone_else_needs_the_attestation(client, cart):
    # clause: TRX-06, POL-08
    client.force_login(cart)

    response = checkout(client, is_for_someone_else="on")

    assert "consignee_agreed" in response.context["form"].errors
    assert not Order.objects.exists()

    checkout(client, is_for_someone_else="on", consignee_agreed="on")

    order = Order.objects.get()
    assert order.is_for_someone_else and order.consignee_consent_attested_at is not None


def test_the_checkout_form_shows_the_attestation_checkbox(client, cart):
    # clause: POL-08
    client.force_login(cart)

    page = client.get(reverse("orders:checkout")).content.decode()

    assert 'name="consignee_agreed"' in page


def test_an_invoice_request_needs_title_taxpayer_id_and_email(client, cart):
    # clause: TRX-04
    client.force_login(cart)

    response = checkout(client, wants_invoice="on", invoice_title="Acme Ltd", invoice_email="ap@acme.example")

    assert "taxpayer_id" in response.context["form"].errors
    assert not Order.objects.exists()

    checkout(
        client,
        wants_invoice="on",
        invoice_title="Acme Ltd",
        taxpayer_id="91330100mA27xxxx1x",
        invoice_email="ap@acme.example",
    )
    order = Order.objects.get()
    assert (order.invoice_title, order.taxpayer_id, order.invoice_email) == (
        "Acme Ltd",
        "91330100MA27XXXX1X",
        "ap@acme.example",
    )


def test_an_order_without_an_invoice_request_stores_no_invoice_fields(client, cart):
    # clause: TRX-04
    client.force_login(cart)

    checkout(client, invoice_title="Acme Ltd", taxpayer_id="91330100MA27XXXX1X", invoice_email="ap@acme.example")

    order = Order.objects.get()
    assert (order.invoice_title, order.taxpayer_id, order.invoice_email) == ("", "", "")


def test_a_domestic_checkout_has_no_id_field(client, cart):
    # clause: TRX-03
    client.force_login(cart)

    page = client.get(reverse("orders:checkout")).content.decode()

    assert "customs_id_number" not in page


def test_a_cross_border_order_needs_id_details_and_the_separate_consent(client, member, imported):
    # clause: TRX-03, POL-03
    CartItem.objects.create(member=member, commodity=imported, quantity=1, price_snapshot=imported.price)
    client.force_login(member)
    assert 'name="customs_id_number"' in client.get(reverse("orders:checkout")).content.decode()

    missing_id = checkout(client, customs_consent="on")
    no_consent = checkout(client, customs_id_name="Alice Wang", customs_id_number="33010619900101123X")

    assert "customs_id_number" in missing_id.context["form"].errors
    assert "customs_consent" in no_consent.context["form"].errors
    assert not Order.objects.exists()
    assert not has_consent(member, Purpose.CUSTOMS_ID)

    checkout(client, customs_id_name="Alice Wang", customs_id_number="33010619900101123x", customs_consent="on")

    order = Order.objects.get()
    assert has_consent(member, Purpose.CUSTOMS_ID)
    assert "33010619900101123X" not in order.customs_id_number_encrypted
    assert customs.unseal(order.customs_id_number_encrypted) == "33010619900101123X"
    page = client.get(reverse("orders:detail", args=[order.number])).content.decode()
    assert "123X" in page and "33010619900101123X" not in page


def test_a_member_who_already_consented_is_not_asked_again(client, member, imported):
    # clause: TRX-03
    grant(member, Purpose.CUSTOMS_ID, context=RequestContext(channel="web"))
    CartItem.objects.create(member=member, commodity=imported, quantity=1, price_snapshot=imported.price)
    client.force_login(member)

    assert 'name="customs_consent"' not in client.get(reverse("orders:checkout")).content.decode()
    checkout(client, customs_id_name="Alice Wang", customs_id_number="33010619900101123X")

    assert Order.objects.count() == 1


def test_a_placed_order_starts_its_timeline(client, cart):
    client.force_login(cart)

    checkout(client)

    assert OrderEvent.objects.get().status == Order.Status.PLACED


def test_the_minimum_order_counts_what_is_already_in_the_cart_and_guards_quantity_changes(member):
    bulk = CommodityFactory(minimum_order=10)
    with pytest.raises(ValidationError):
        services.add_to_cart(member=member, commodity=bulk, quantity=4)
    assert not CartItem.objects.filter(member=member).exists()

    item = services.add_to_cart(member=member, commodity=bulk, quantity=10)
    assert services.add_to_cart(member=member, commodity=bulk, quantity=2).quantity == 12
    with pytest.raises(ValidationError):
        services.set_cart_quantity(member=member, item_id=item.pk, quantity=9)
    assert CartItem.objects.get(pk=item.pk).quantity == 12
    assert services.set_cart_quantity(member=member, item_id=item.pk, quantity=11) == 1
    assert services.set_cart_quantity(member=member, item_id=item.pk + 1000, quantity=11) == 0
