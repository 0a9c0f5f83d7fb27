"""Celery tasks of the retention and erasure engine: they take ids, call rights.retention / rights.erasure, and are safe to run twice."""

from celery import Task, shared_task
from django.db import DatabaseError, transaction

from privacy.purposes import Purpose, processes, processes_no_personal_data
from rights.erasure import ErasureBlocked, VerificationFailed, run_erasure
from rights.incidents import deliver_notice_batch
from rights.resumption import resume_stalled
from rights.retention import retention_rules, rule_for, start_sweep, sweep_chunk


@shared_task(name="privacy.sweep_all", ignore_result=True)
@processes_no_personal_data(description="Starts one retention sweep per rule; handles rule labels only.")
def sweep_all() -> None:
    """The daily beat job (STO-05): one sweep per registered retention rule."""
    for registration in retention_rules():
        sweep_rule.delay(registration.label)


@shared_task(name="privacy.sweep_rule", ignore_result=True)
@processes_no_personal_data(description="Splits a retention rule into id ranges; reads ids only.")
def sweep_rule(label: str) -> None:
    """Record a sweep of one rule and hand each of its id-range chunks to whichever worker is free."""
    run = start_sweep(rule_for(label))
    chunk_ids = list(run.chunks.values_list("pk", flat=True))
    transaction.on_commit(lambda: [sweep_retention_chunk.delay(pk) for pk in chunk_ids])


@shared_task(
    bind=True,
    name="privacy.sweep_chunk",
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    max_retries=5,
)
@processes(
    Purpose.LEGAL_RETENTION, description="Deletes or anonymises records past the retention period the policy promises."
)
def sweep_retention_chunk(self: Task, chunk_id: int) -> None:
    sweep_chunk(chunk_id, worker=self.request.hostname or "")


@shared_task(
    name="privacy.erase_member",
    ignore_result=True,
    # A verification failure resets the steps where data survived, so a retry finishes them.
    autoretry_for=(DatabaseError, VerificationFailed),
    retry_backoff=10,
    max_retries=8,
)
@processes(Purpose.LEGAL_RETENTION, description="Erases a closed account's personal information.")
def erase_member(run_id: int) -> None:
    """Run (or resume, from the failed step) one member's erasure; a legal hold leaves it waiting."""
    try:
        run_erasure(run_id)
    except ErasureBlocked:
        return


@shared_task(name="rights.resume_stalled", ignore_result=True)
@processes_no_personal_data(
    description="Finds stalled sweeps and erasures and sends their ids again; reads statuses only."
)
def resume_stalled_runs() -> None:
    """The reaper (every 5 minutes): close finished sweeps, send stalled chunks, erasure runs and copies again."""
    resume_stalled()


@shared_task(name="rights.deliver_incident_notice", ignore_result=True, autoretry_for=(DatabaseError,), retry_backoff=5)
@processes(Purpose.ACCOUNT, description="Tells members whose personal information a security incident touched.")
def deliver_incident_notice(incident_id: int) -> None:
    """STO-10: the incident notice to every affected member, batch by batch; a rerun skips those already told."""
    while deliver_notice_batch(incident_id):
        pass
