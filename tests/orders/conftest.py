from decimal import Decimal

import pytest

from orders.models import Address, CartItem
from tests.catalog.conftest import shelf  # noqa: F401  (the same three commodities)
from tests.catalog.factories import CommodityFactory


@pytest.fixture
def imported(shelf):  # noqa: F811
    return CommodityFactory(
        store=shelf["drill"].store,
        category=shelf["kite"].category,
        title="Imported puzzle",
        price=Decimal("88.00"),
        is_cross_border=True,
    )


@pytest.fixture
def cart(member, shelf):  # noqa: F811
    """Two drills (199.00) and three gloves (5.00) in the member's cart: 413.00."""
    CartItem.objects.create(member=member, commodity=shelf["drill"], quantity=2, price_snapshot=shelf["drill"].price)
    CartItem.objects.create(member=member, commodity=shelf["gloves"], quantity=3, price_snapshot=shelf["gloves"].price)
    return member


@pytest.fixture
def address(member):
    return Address.objects.create(
        member=member, consignee_name="Alice Wang", phone="+8613800138001", address="12 Wensan Road, Hangzhou"
    )
