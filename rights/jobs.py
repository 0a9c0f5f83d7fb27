"""Celery jobs of the rights pages and queue (section IV): they take ids, call a service, and are safe to run twice."""

from celery import Task, shared_task
from django.db import DatabaseError

from privacy.purposes import Purpose, processes, processes_no_personal_data
from rights import exports, partners
from rights.closure import start_due_closures
from rights.requests import expire_unverified, warn_and_flag_deadlines


@shared_task(name="rights.start_due_closures", ignore_result=True)  # type: ignore[untyped-decorator]  # Celery's shared_task carries no type hints
@processes(Purpose.LEGAL_RETENTION, description="Starts the erasure of accounts whose closure cooling-off has ended.")
def start_due_closures_job() -> None:
    """The beat job of RGT-11: accounts whose cooling-off window has ended are closed and erased."""
    start_due_closures()


@shared_task(name="rights.request_deadlines", ignore_result=True)  # type: ignore[untyped-decorator]  # Celery's shared_task carries no type hints
@processes_no_personal_data(description="Flags rights requests near or past their due date; reads dates and ids.")
def request_deadlines() -> None:
    """The beat job of RGT-16: warn assignees before the deadline, flag overdue requests, close unverified ones."""
    warn_and_flag_deadlines()
    expire_unverified()


@shared_task(  # type: ignore[untyped-decorator]  # Celery's shared_task carries no type hints
    bind=True,
    name="rights.send_deletion_notice",
    ignore_result=True,
    autoretry_for=(partners.PartnerUnavailable,),
    retry_backoff=30,
    max_retries=6,
)
@processes(Purpose.LEGAL_RETENTION, description="Asks a partner that received a member's data to delete it (RGT-06).")
def send_deletion_notice(self: Task, notice_id: int) -> None:
    try:
        partners.deliver(notice_id)
    except partners.PartnerUnavailable as error:
        if self.request.retries >= self.max_retries:
            partners.give_up(notice_id, error=str(error))
            return
        raise


@shared_task(  # type: ignore[untyped-decorator]  # Celery's shared_task carries no type hints
    bind=True,
    name="rights.build_export",
    ignore_result=True,
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=10,
    max_retries=3,
)
@processes(Purpose.ACCOUNT, description="Builds the copy of a member's data they asked for (RGT-03).")
def build_export_job(self: Task, export_id: int) -> None:
    try:
        exports.build_export(export_id)
    except (DatabaseError, OSError) as error:
        if self.request.retries >= self.max_retries:
            exports.fail_export(export_id, error=str(error))
            return
        raise


@shared_task(name="rights.expire_exports", ignore_result=True)  # type: ignore[untyped-decorator]  # Celery's shared_task carries no type hints
@processes(Purpose.ACCOUNT, description="Deletes the files of copies whose 7-day link has expired.")
def expire_exports_job() -> None:
    exports.expire_exports()
