"""Celery jobs of the rights pages and queue (section IV): they take ids, call a service, and are safe to run twice."""

from celery import shared_task

from privacy.purposes import Purpose, processes
from rights.closure import start_due_closures


@shared_task(name="rights.start_due_closures", ignore_result=True)
@processes(Purpose.LEGAL_RETENTION, description="Starts the erasure of accounts whose closure cooling-off has ended.")
def start_due_closures_job() -> None:
    """The beat job of RGT-11: accounts whose cooling-off window has ended are closed and erased."""
    start_due_closures()
