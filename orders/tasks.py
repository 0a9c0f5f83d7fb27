"""Celery tasks of the orders app."""

from celery import shared_task

from orders.payment_status import poll_pending_payments
from orders.services import alert_price_drops, sync_tracking
from privacy.purposes import Purpose, processes


@shared_task(name="orders.price_drop_alerts", ignore_result=True)
@processes(Purpose.TRANSACTIONS, description="Compares the prices in members' carts and alerts them to drops.")
def price_drop_alerts() -> int:
    """TRX-01: alert members to price drops in their carts; safe to run twice."""
    return alert_price_drops()


@shared_task(name="orders.tracking_sync", ignore_result=True)
@processes(Purpose.TRANSACTIONS, description="Fetches delivery progress of members' orders and tells them.")
def tracking_sync() -> int:
    """TRX-14: fetch delivery progress for shipped orders; safe to run twice."""
    return sync_tracking()


@shared_task(name="orders.payment_status_poll", ignore_result=True)
@processes(
    Purpose.TRANSACTIONS, description="Asks the payment partners about payments members are confirming in their apps."
)
def payment_status_poll() -> int:
    """TRX-12: ask the payment partner about orders still placed with a pending payment; safe to run twice."""
    return poll_pending_payments()
