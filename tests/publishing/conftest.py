from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import StoreMembership
from members.models import Member
from orders.models import Order, OrderItem
from privacy import consent
from tests.catalog.factories import CommodityFactory, StoreFactory

_numbers = iter(range(10**6))


def order_of(member, commodity, *, status=Order.Status.COMPLETED) -> OrderItem:
    """An order of `commodity` by `member` in `status` (completed: bought and received)."""
    now = timezone.now()
    order = Order.objects.create(
        number=f"P{next(_numbers):012d}",
        buyer=member,
        status=status,
        total_amount=commodity.price,
        consignee_name="Alice Wang",
        consignee_phone="+8613800138001",
        delivery_address="12 Wensan Road, Hangzhou",
        completed_at=now if status == Order.Status.COMPLETED else None,
    )
    return OrderItem.objects.create(
        order=order, commodity=commodity, title=commodity.title, unit_price=Decimal(commodity.price), quantity=1
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded pictures go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def store(db):
    return StoreFactory(name="Ningbo Tools Direct", slug="ningbo-tools")


@pytest.fixture
def drill(store):
    return CommodityFactory(store=store, title="Cordless drill", price=Decimal("199.00"))


@pytest.fixture
def bought(member, drill):
    return order_of(member, drill)


@pytest.fixture
def seller(db, store):
    staff = Member.objects.create_user("seller1", "a long enough secret", phone="+8613800138077", nickname="Shop Li")
    StoreMembership.objects.create(store=store, member=staff)
    return staff


@pytest.fixture
def grant(web):
    def grant(member, purpose):
        consent.grant(member, purpose, context=web)

    return grant
