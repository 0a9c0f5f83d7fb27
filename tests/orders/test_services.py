"""The order services enforce their rules whoever calls them (form, admin, API)."""

import pytest
from django.core.exceptions import ValidationError

from orders import services
from orders.models import CartItem, Order
from privacy.consent import RequestContext

pytestmark = pytest.mark.django_db

WEB = RequestContext(channel="web")
CONSIGNEE = services.Consignee(name="Wang Fang", phone="+8613900139000", address="18 Binjiang Avenue")


def test_placing_an_order_with_an_empty_cart_is_refused(member):
    with pytest.raises(ValidationError, match="cart is empty"):
        services.place_order(member=member, consignee=CONSIGNEE, context=WEB)


def test_an_order_for_someone_else_without_the_attestation_is_refused(cart):
    # clause: TRX-06, POL-08
    someone_else = services.Consignee(name="Wang Fang", phone="+8613900139000", address="X", is_someone_else=True)

    with pytest.raises(ValidationError):
        services.place_order(member=cart, consignee=someone_else, context=WEB)
    assert not Order.objects.exists()


def test_a_cross_border_order_without_the_consent_writes_nothing(member, imported):
    # clause: TRX-03
    CartItem.objects.create(member=member, commodity=imported, quantity=1, price_snapshot=imported.price)
    details = services.CustomsDetails(id_name="Wang Fang", id_number="33010619900101123X", consents_now=False)

    with pytest.raises(ValidationError):
        services.place_order(member=member, consignee=CONSIGNEE, customs_details=details, context=WEB)
    assert not Order.objects.exists()
    assert CartItem.objects.filter(member=member).count() == 1


def test_an_unlisted_commodity_in_the_cart_stops_the_order(cart, shelf):
    drill = shelf["drill"]
    drill.is_listed = False
    drill.save(update_fields=["is_listed"])

    with pytest.raises(ValidationError):
        services.place_order(member=cart, consignee=CONSIGNEE, context=WEB)


def test_paying_someone_elses_order_is_refused(other_member, cart):
    order = services.place_order(member=cart, consignee=CONSIGNEE, context=WEB)

    with pytest.raises(ValidationError):
        services.pay_order(member=other_member, order=order, partner_code="alipay")
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED
