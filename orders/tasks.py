"""Celery tasks of the orders app."""

from celery import shared_task

from orders.services import alert_price_drops


@shared_task(name="orders.price_drop_alerts", ignore_result=True)
def price_drop_alerts() -> int:
    """TRX-01: alert members to price drops in their carts; safe to run twice."""
    return alert_price_drops()
