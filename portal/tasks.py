"""Celery tasks of the portal."""

from celery import shared_task

from portal.services import record_heartbeat


@shared_task(name="portal.heartbeat", ignore_result=True)
def heartbeat(source: str = "beat") -> None:
    """Record that a worker processed a message from `source`; safe to run twice (it only moves a time forward)."""
    record_heartbeat(source=source, worker=heartbeat.request.hostname or "")
