"""How the engine's runs are read: which sweeps and erasures are stalled (no progress past RIGHTS_STALLED_AFTER)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from rights.models import ErasureRun, RetentionChunk, RetentionRun, RunStatus

UNFINISHED = [RunStatus.PENDING, RunStatus.RUNNING]


def stalled_cutoff(now: datetime | None = None) -> datetime:
    """Progress older than this is no progress: a run whose last sign of life is before it is stalled."""
    return (now or timezone.now()) - timedelta(seconds=settings.RIGHTS_STALLED_AFTER)


def retention_run_is_stalled(cutoff: datetime) -> Q:
    """A sweep is stalled when it is unfinished, older than the cutoff, and none of its chunks moved since.

    Judged per run, not per chunk: chunks waiting on the queue behind a live chunk are not stalled.
    """
    moved = RetentionChunk.objects.filter(run=OuterRef("pk"), progress_at__gte=cutoff)
    return Q(status__in=UNFINISHED, started_at__lt=cutoff) & ~Q(Exists(moved))


def idle_since(cutoff: datetime) -> Q:
    """An erasure run neither created nor moved since the cutoff."""
    return Q(created_at__lt=cutoff) & (Q(progress_at__isnull=True) | Q(progress_at__lt=cutoff))


def erasure_run_is_stalled(cutoff: datetime, *, max_attempts: int | None) -> Q:
    """An erasure is stalled when it is unfinished and idle since the cutoff.

    A failed run counts while it has been tried fewer than `max_attempts` times (None: always), because
    its own retry may have been lost with the broker; past that it waits for staff.
    """
    failed = Q(status=RunStatus.FAILED)
    if max_attempts is not None:
        failed &= Q(attempts__lt=max_attempts)
    return (Q(status__in=UNFINISHED) | failed) & idle_since(cutoff)


def stalled_retention_runs(*, cutoff: datetime) -> QuerySet[RetentionRun]:
    return RetentionRun.objects.filter(retention_run_is_stalled(cutoff))


def stalled_erasure_runs(*, cutoff: datetime) -> QuerySet[ErasureRun]:
    return ErasureRun.objects.filter(erasure_run_is_stalled(cutoff, max_attempts=settings.RIGHTS_RESUME_MAX_ATTEMPTS))


def idle_held_erasure_runs(*, cutoff: datetime) -> QuerySet[ErasureRun]:
    """Erasures stopped by a legal hold and idle since the cutoff: the reaper checks whether their holds are lifted."""
    return ErasureRun.objects.filter(idle_since(cutoff), status=RunStatus.HELD)


def closable_retention_runs() -> QuerySet[RetentionRun]:
    """Unfinished sweeps whose chunks have all finished: the worker that finished the last one did not close it."""
    open_chunks = RetentionChunk.objects.filter(run=OuterRef("pk")).exclude(status=RunStatus.FINISHED)
    return RetentionRun.objects.filter(status__in=UNFINISHED).filter(~Q(Exists(open_chunks)))


def count_stalled_runs(*, cutoff: datetime) -> dict[str, int]:
    """{"retention": n, "erasure": m}, in one query over the partial indexes of unfinished runs (/healthz)."""
    # No ORDER BY inside the union: SQLite (`make run`) refuses it, and counting needs none.
    retention = stalled_retention_runs(cutoff=cutoff).order_by().annotate(kind=Value("retention"))
    erasure = stalled_erasure_runs(cutoff=cutoff).order_by().annotate(kind=Value("erasure"))
    kinds = retention.values_list("kind", flat=True).union(erasure.values_list("kind", flat=True), all=True)
    found = list(kinds)
    return {"retention": found.count("retention"), "erasure": found.count("erasure")}
