"""Section V(I): retention sweeps. When a registered retention period ends, rows are deleted or anonymized (STO-05).

A sweep of one rule is a RetentionRun split into id-range chunks; any number of
workers take chunks at once, and each chunk commits per batch (rights.erasure).
Rows under a legal hold (STO-03) or whose member has granted extended retention
(STO-04) are skipped; rows inside their period are never selected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Max, Min, Sum
from django.utils import timezone

from privacy.consent import has_consent
from privacy.purposes import Purpose
from privacy.registry import Erasure, Registration, registry
from rights.erasure import full_rewrite, lock_timeout, run_batches
from rights.locks import exclusive
from rights.models import LegalHold, RetentionChunk, RetentionRun, RunStatus


def retention_rules() -> list[Registration]:
    return [r for r in registry if r.retention is not None]


def rule_for(label: str) -> Registration:
    for registration in retention_rules():
        if registration.label.lower() == label.lower():
            return registration
    raise LookupError(f"No retention rule is registered for {label!r}.")


def members_with_extended_retention() -> list[int]:
    """Members whose extended-retention consent is granted now (STO-04), read through the consent ledger."""
    from members.models import Member
    from privacy.models import ConsentEvent

    candidates = ConsentEvent.objects.filter(purpose=Purpose.EXTENDED_RETENTION).values("member_id").distinct()
    return [m.pk for m in Member.objects.filter(pk__in=candidates) if has_consent(m, Purpose.EXTENDED_RETENTION)]


def expired(registration: Registration, *, cutoff: datetime, extended: list[int] | None = None) -> models.QuerySet[Any]:
    """Rows past their retention period that no hold or extended-retention consent keeps."""
    model = registration.model
    rows = model._base_manager.filter(**{f"{registration.rule.after}__lt": cutoff})
    rows = rows.exclude(
        pk__in=LegalHold.objects.filter(
            target_label=registration.label, target_id__isnull=False, lifted_at__isnull=True
        ).values("target_id")
    )
    subject = "pk" if registration.subject == "pk" else registration.subject
    held_members = LegalHold.objects.filter(member__isnull=False, lifted_at__isnull=True).values("member_id")
    rows = rows.exclude(**{f"{subject}__in": held_members})
    extended = members_with_extended_retention() if extended is None else extended
    if extended:
        rows = rows.exclude(**{f"{subject}__in": extended})
    return rows


def pending(registration: Registration, rows: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """Of `rows`, those the rule would still change (anonymized rows are done)."""
    if registration.rule.then is Erasure.DELETE_ROW:
        return rows
    rewrite = full_rewrite(registration)
    return rows.filter(rewrite.pending()) if rewrite else rows.none()


@dataclass(frozen=True)
class Forecast:
    rule: str
    action: str
    cutoff: datetime
    expired: int
    would_change: int


def forecast(*, now: datetime | None = None) -> list[Forecast]:
    """What a sweep would do now, per rule, changing nothing (`retention_sweep --dry-run`)."""
    now = now or timezone.now()
    extended = members_with_extended_retention()
    found = []
    for registration in retention_rules():
        cutoff = now - registration.rule.keep
        rows = expired(registration, cutoff=cutoff, extended=extended)
        found.append(
            Forecast(
                registration.label,
                registration.rule.then.value,
                cutoff,
                rows.count(),
                pending(registration, rows).count(),
            )
        )
    return found


def start_sweep(registration: Registration, *, now: datetime | None = None) -> RetentionRun:
    """Record a sweep of one rule and split the candidate id range into chunks; nothing is changed yet."""
    now = now or timezone.now()
    cutoff = now - registration.rule.keep
    bounds = registration.model._base_manager.filter(**{f"{registration.rule.after}__lt": cutoff}).aggregate(
        first=Min("pk"), last=Max("pk")
    )
    size = settings.PRIVACY_RETENTION_CHUNK_SIZE
    with transaction.atomic():
        run = RetentionRun.objects.create(
            rule=registration.label, action=registration.rule.then.value, cutoff=cutoff, started_at=now
        )
        if bounds["first"] is None:
            RetentionRun.objects.filter(pk=run.pk).update(status=RunStatus.FINISHED, finished_at=timezone.now())
            run.refresh_from_db()
            return run
        RetentionChunk.objects.bulk_create(
            RetentionChunk(run=run, first_id=first, last_id=min(first + size - 1, bounds["last"]))
            for first in range(bounds["first"], bounds["last"] + 1, size)
        )
    return run


def note(run_id: int, event: str) -> None:
    """Append a timestamped line to the run's errors and events."""
    with transaction.atomic():
        run = RetentionRun.objects.select_for_update().get(pk=run_id)
        run.errors = [*run.errors, f"{timezone.now():%Y-%m-%d %H:%M:%S} {event}"]
        run.save(update_fields=["errors"])


def sweep_chunk(chunk_id: int, *, worker: str = "") -> RetentionChunk:
    """Sweep one id range in committed batches; safe to run again after a crash, and beside other workers
    given the same chunk (only one of them sweeps it)."""
    with exclusive("retention-chunk", chunk_id) as acquired:
        if not acquired:
            return RetentionChunk.objects.get(pk=chunk_id)
        return _sweep_claimed(chunk_id, worker=worker)


def _sweep_claimed(chunk_id: int, *, worker: str) -> RetentionChunk:
    with transaction.atomic():
        chunk = RetentionChunk.objects.select_related("run").get(pk=chunk_id)
        if chunk.status == RunStatus.FINISHED:
            finish_if_done(chunk.run_id)  # the worker that finished it may have died before closing the run
            return chunk
        attempt = chunk.attempts + 1
        # Conditional on the state read above: of two claims, only one moves the chunk.
        claimed = RetentionChunk.objects.filter(pk=chunk.pk, status=chunk.status, attempts=chunk.attempts).update(
            status=RunStatus.RUNNING,
            worker=worker,
            attempts=attempt,
            started_at=chunk.started_at or timezone.now(),
            progress_at=timezone.now(),
        )
        if not claimed:
            return RetentionChunk.objects.get(pk=chunk_id)
        if chunk.status == RunStatus.RUNNING:
            # The lock was free, so the worker that left it running is gone: its message came back to us.
            event = (
                f"chunk {chunk.first_id}-{chunk.last_id} was interrupted on {chunk.worker or '?'}; "
                f"resumed by {worker or '?'}"
            )
            RetentionRun.objects.filter(pk=chunk.run_id).update(interruptions=F("interruptions") + 1)
            transaction.on_commit(lambda: note(chunk.run_id, event))
        RetentionRun.objects.filter(pk=chunk.run_id, status=RunStatus.PENDING).update(status=RunStatus.RUNNING)
    mine = RetentionChunk.objects.filter(pk=chunk.pk, status=RunStatus.RUNNING, attempts=attempt)
    run = chunk.run
    registration = rule_for(run.rule)
    rows = expired(registration, cutoff=run.cutoff).filter(pk__gte=chunk.first_id, pk__lte=chunk.last_id)
    rewrite = None if registration.rule.then is Erasure.DELETE_ROW else full_rewrite(registration)

    def counted(n: int) -> None:
        RetentionChunk.objects.filter(pk=chunk.pk).update(
            rows_changed=F("rows_changed") + n, batches=F("batches") + 1, progress_at=timezone.now()
        )

    try:
        with lock_timeout(settings.PRIVACY_ERASURE_LOCK_TIMEOUT_MS):
            examined = rows.count()
            mine.update(rows_examined=examined, progress_at=timezone.now())
            run_batches(rows, rewrite=rewrite, on_batch=counted)
    except Exception as error:
        mine.update(status=RunStatus.FAILED, error=str(error)[:2000])
        note(run.pk, f"chunk {chunk.first_id}-{chunk.last_id} failed: {error}")
        raise
    mine.update(status=RunStatus.FINISHED, finished_at=timezone.now(), progress_at=timezone.now())
    finish_if_done(run.pk)
    chunk.refresh_from_db()
    return chunk


def finish_if_done(run_id: int) -> bool:
    """Add up the chunks' counts on the run, and close it once every chunk is finished; True if this call closed it."""
    with transaction.atomic():
        # The row lock orders two workers finishing the last two chunks: the second sees both finished.
        run = RetentionRun.objects.select_for_update().get(pk=run_id)
        totals = run.chunks.aggregate(
            examined=Sum("rows_examined"), changed=Sum("rows_changed"), batches=Sum("batches")
        )
        counts = {
            "rows_examined": totals["examined"] or 0,
            "rows_changed": totals["changed"] or 0,
            "batches": totals["batches"] or 0,
        }
        if run.chunks.exclude(status=RunStatus.FINISHED).exists():
            RetentionRun.objects.filter(pk=run_id).update(**counts)
            return False
        return bool(
            RetentionRun.objects.filter(pk=run_id)
            .exclude(status=RunStatus.FINISHED)
            .update(**counts, status=RunStatus.FINISHED, finished_at=timezone.now())
        )


def sweep_now(registration: Registration, *, now: datetime | None = None, worker: str = "") -> RetentionRun:
    """Run a whole sweep of one rule in this process (the command, and tests of the engine)."""
    run = start_sweep(registration, now=now)
    for chunk_id in run.chunks.values_list("pk", flat=True):
        sweep_chunk(chunk_id, worker=worker)
    run.refresh_from_db()
    return run
