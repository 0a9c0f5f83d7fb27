"""Price-drop alerts for carts (TRX-01)."""

from decimal import Decimal

import pytest
from django_celery_beat.models import PeriodicTask

from interactions.models import Message
from orders.models import CartItem
from orders.tasks import price_drop_alerts

pytestmark = pytest.mark.django_db


def test_a_price_below_the_snapshot_creates_one_alert_for_that_member(cart, other_member, shelf):
    # clause: TRX-01
    drill = shelf["drill"]
    CartItem.objects.create(
        member=other_member, commodity=shelf["kite"], quantity=1, price_snapshot=shelf["kite"].price
    )
    drill.price = Decimal("150.00")
    drill.save(update_fields=["price"])

    assert price_drop_alerts() == 1
    assert price_drop_alerts() == 0  # the same drop is reported once

    message = Message.objects.get()
    assert message.member == cart
    assert "Cordless drill" in message.title and "¥150.00" in message.body
    assert CartItem.objects.get(member=cart, commodity=drill).price_snapshot == Decimal("150.00")


def test_the_alerts_are_scheduled_where_staff_can_edit_them():
    assert PeriodicTask.objects.filter(task="orders.price_drop_alerts", enabled=True).exists()
