"""Fixtures of the support tests: a member's order, a ticket, a staff agent signed in to admin."""

from decimal import Decimal

import pytest

from orders.models import Order
from support import services
from tests.staff import sign_in_staff


@pytest.fixture
def order(member):
    return Order.objects.create(
        number="20260101000001",
        buyer=member,
        total_amount=Decimal("199.00"),
        consignee_name="Alice Wang",
        consignee_phone="+8613800138001",
        delivery_address="12 Wensan Road, Hangzhou",
    )


@pytest.fixture
def others_order(other_member):
    return Order.objects.create(
        number="20260101000099",
        buyer=other_member,
        total_amount=Decimal("5.00"),
        consignee_name="Bob Li",
        consignee_phone="+8613800138002",
        delivery_address="3 Nanshan Road, Hangzhou",
    )


@pytest.fixture
def ticket(member, order):
    return services.open_ticket(
        member=member, kind="dispute", subject="Broken lid", body="The lid arrived cracked.", order=order
    )


@pytest.fixture
def agent(django_user_model):
    return django_user_model.objects.create_superuser("agentli", "staff password 1234")


@pytest.fixture
def admin_client(client, agent):
    sign_in_staff(client, agent)
    return client
