"""Celery tasks of the portal."""

from celery import shared_task

from portal.services import record_heartbeat
from privacy.purposes import processes_no_personal_data


@shared_task(name="portal.heartbeat", ignore_result=True)
@processes_no_personal_data(description="Records that a worker is alive; names no member.")
def heartbeat(source: str = "beat") -> None:
    """Record that a worker processed a message from `source`; safe to run twice (it only moves a time forward)."""
    record_heartbeat(source=source, worker=heartbeat.request.hostname or "")
