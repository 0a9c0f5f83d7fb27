"""Sections IV(III) and V(I): sweeps and erasures finish even when the broker forgets their messages.

The database, not the broker, knows what is unfinished. The reaper (the beat job `rights.resume_stalled`,
and "resume now" in admin) closes sweeps whose chunks have all finished, and sends again the chunks of
every stalled sweep, every stalled erasure run and every copy of data still unbuilt (no progress for
RIGHTS_STALLED_AFTER seconds) unless
a live worker holds the job's lock (rights.locks). The worker that receives a message claims the job
with a conditional update, so a re-sent job never runs twice at once; each re-send is recorded on its run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from rights.erasure import holds_on_member
from rights.locks import is_held
from rights.models import DataExport, ErasureRun, RetentionChunk, RetentionRun, RunStatus
from rights.retention import finish_if_done, note
from rights.selectors import (
    UNFINISHED,
    closable_retention_runs,
    erasure_run_is_stalled,
    idle_held_erasure_runs,
    idle_since,
    retention_run_is_stalled,
    stalled_cutoff,
    stalled_erasure_runs,
    stalled_retention_runs,
)


@dataclass
class Resumed:
    """What one pass of the reaper did."""

    closed_runs: int = 0
    retention_runs: int = 0
    chunks: int = 0
    erasure_runs: int = 0
    exports: int = 0


def resume_stalled(*, by: str = "the reaper", now: datetime | None = None) -> Resumed:
    """Close finished sweeps, and send again every stalled sweep chunk and erasure run that no live worker holds."""
    now = now or timezone.now()
    cutoff = stalled_cutoff(now)
    done = Resumed()
    for run_id in closable_retention_runs().values_list("pk", flat=True):
        done.closed_runs += close_finished_run(run_id, by=by)
    for run_id in stalled_retention_runs(cutoff=cutoff).values_list("pk", flat=True):
        sent = resume_retention_run(run_id, by=by, now=now, spaced=True)
        done.retention_runs += bool(sent)
        done.chunks += sent
    erasures = stalled_erasure_runs(cutoff=cutoff).values_list("pk", flat=True)
    held = idle_held_erasure_runs(cutoff=cutoff).values_list("pk", flat=True)
    for run_id in [*erasures, *held]:
        done.erasure_runs += resume_erasure_run(run_id, by=by, now=now, spaced=True)
    done.exports = resume_stalled_exports(cutoff=cutoff, now=now)
    return done


def resume_stalled_exports(*, cutoff: datetime, now: datetime) -> int:
    """Send again the build of every copy of data still waiting or building since before the cutoff.

    A copy is one message (rights.build_export): if it was lost, nothing else would build it. A live worker
    holds the copy's lock while it builds, so one it holds is left alone; the build itself resumes a copy whose
    worker died. At most one re-send per threshold; returns how many were sent.
    """
    from rights.jobs import build_export_job

    waiting = DataExport.objects.filter(
        Q(resumed_at__isnull=True) | Q(resumed_at__lt=cutoff),
        status__in=[DataExport.Status.QUEUED, DataExport.Status.BUILDING],
        created_at__lt=cutoff,
    )
    sent = 0
    for export_id in waiting.values_list("pk", flat=True):
        if is_held("data-export", export_id):
            continue
        # Conditional, so that two reapers send it once.
        claimed = DataExport.objects.filter(
            Q(resumed_at__isnull=True) | Q(resumed_at__lt=cutoff),
            pk=export_id,
            status__in=[DataExport.Status.QUEUED, DataExport.Status.BUILDING],
        ).update(resumed_at=now)
        if claimed:
            transaction.on_commit(partial(build_export_job.delay, export_id))
            sent += 1
    return sent


def resume_chosen(*, retention_run_ids: Iterable[int] = (), erasure_run_ids: Iterable[int] = (), by: str) -> Resumed:
    """Staff's "resume now": what the reaper does, for the chosen runs, without waiting between re-sends,
    and for failed jobs however often they were tried."""
    now = timezone.now()
    done = Resumed()
    for run_id in retention_run_ids:
        if close_finished_run(run_id, by=by):
            done.closed_runs += 1
            continue
        sent = resume_retention_run(run_id, by=by, now=now, spaced=False)
        done.retention_runs += bool(sent)
        done.chunks += sent
    for run_id in erasure_run_ids:
        done.erasure_runs += resume_erasure_run(run_id, by=by, now=now, spaced=False)
    return done


def close_finished_run(run_id: int, *, by: str) -> bool:
    """Close a sweep whose chunks have all finished (its last worker died before closing it); True if closed now."""
    if RetentionChunk.objects.filter(run_id=run_id).exclude(status=RunStatus.FINISHED).exists():
        return False
    if not finish_if_done(run_id):
        return False
    note(run_id, f"closed by {by}: every chunk had finished, but the run was not closed")
    return True


def resume_retention_run(run_id: int, *, by: str, now: datetime, spaced: bool) -> int:
    """Send again the unfinished chunks of a stalled sweep that no live worker holds; returns how many were sent.

    `spaced`: the reaper sends a run again only once per RIGHTS_STALLED_AFTER, and a failed chunk only while
    it has been tried fewer than RIGHTS_RESUME_MAX_ATTEMPTS times; staff's "resume now" does neither.
    """
    from rights.tasks import sweep_retention_chunk

    cutoff = stalled_cutoff(now)
    failed = Q(status=RunStatus.FAILED)
    if spaced:
        failed &= Q(attempts__lt=settings.RIGHTS_RESUME_MAX_ATTEMPTS)
    chunks = RetentionChunk.objects.filter(Q(status__in=UNFINISHED) | failed, run_id=run_id).order_by("first_id")
    # A chunk whose lock a live session holds is being worked on (or that worker hangs): never sent twice.
    lost = [chunk for chunk in chunks if not is_held("retention-chunk", chunk.pk)]
    if not lost:
        return 0
    claim = RetentionRun.objects.filter(retention_run_is_stalled(cutoff), pk=run_id)
    if spaced:
        claim = claim.filter(Q(resumed_at__isnull=True) | Q(resumed_at__lt=cutoff))
    last = RetentionChunk.objects.filter(run_id=run_id).aggregate(last=Max("progress_at"))["last"]
    with transaction.atomic():
        # Of two reapers (or a reaper and staff) only the one whose update matched sends the chunks.
        if not claim.update(resumed_at=now):
            return 0
        ranges = ", ".join(f"{c.first_id}-{c.last_id} ({c.status})" for c in lost)
        since = f"{last:%Y-%m-%d %H:%M:%S}" if last else "it was started"
        note(run_id, f"sent again by {by}, no progress since {since}: chunks {ranges}")
        ids = [chunk.pk for chunk in lost]
        transaction.on_commit(lambda: [sweep_retention_chunk.delay(pk) for pk in ids])
    return len(lost)


def resume_erasure_run(run_id: int, *, by: str, now: datetime, spaced: bool) -> bool:
    """Send a stalled (or held, with its holds lifted) erasure run again unless a live worker holds it."""
    from rights.tasks import erase_member

    if is_held("erasure-run", run_id):
        return False
    cutoff = stalled_cutoff(now)
    max_attempts = settings.RIGHTS_RESUME_MAX_ATTEMPTS if spaced else None
    # A held run is sent again once its holds are lifted: lift_hold's own message may have been lost.
    claim = ErasureRun.objects.filter(
        erasure_run_is_stalled(cutoff, max_attempts=max_attempts) | (Q(status=RunStatus.HELD) & idle_since(cutoff)),
        pk=run_id,
    )
    if spaced:
        claim = claim.filter(Q(resumed_at__isnull=True) | Q(resumed_at__lt=cutoff))
    with transaction.atomic():
        run = claim.select_for_update().first()
        if run is None or (run.status == RunStatus.HELD and holds_on_member(run.member_id)):
            return False
        since = f"{run.progress_at:%Y-%m-%d %H:%M:%S}" if run.progress_at else "it was created"
        status = run.status  # the stored value: the run's events read the same in every language
        event = f"{now:%Y-%m-%d %H:%M:%S} sent again by {by} ({status}, no progress since {since})"
        ErasureRun.objects.filter(pk=run.pk).update(resumed_at=now, events=[*run.events, event])
        transaction.on_commit(lambda: erase_member.delay(run.pk))
    return True
