"""Jobs that finish although the broker forgets them: a private Redis without persistence restarts mid-job.

A worker and celery beat run as subprocesses against this test's database and a redis-server of its own
(tests.rights.test_retention_failures); beat runs the reaper every second and a run counts as stalled
after two seconds without progress.
"""

import subprocess
import time
from unittest import mock

import pytest
from django.db.models import Value
from django.db.models.functions import Concat
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from members.models import Member
from orders.models import Order
from rights.erasure import start_erasure
from rights.models import ErasureRun, RetentionChunk, RetentionRun, RunStatus
from rights.tasks import erase_member
from tests.conftest import wait_until
from tests.rights.test_retention_failures import (
    CELERY,
    ROOT,
    Workers,
    anonymized,
    changed_so_far,
    make_orders,
    untouched,
)

pytestmark = pytest.mark.django_db(transaction=True)

STALLED_AFTER_S = 2
REAPER_EVERY_S = 1
# The run's last progress, plus the threshold, the reaper's period, the worker's reconnection and the work left.
FINISHED_WITHIN_S = 60


def start_beat(workers: Workers) -> subprocess.Popen:
    """celery beat with only the reaper scheduled, every REAPER_EVERY_S seconds, on the workers' queue."""
    PeriodicTask.objects.update(enabled=False)
    every, _ = IntervalSchedule.objects.get_or_create(every=REAPER_EVERY_S, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        name="test: the reaper", defaults={"task": "rights.resume_stalled", "interval": every, "enabled": True}
    )
    process = subprocess.Popen(
        [str(CELERY), "-A", "portal", "beat", "-l", "WARNING", "--max-interval", "1"],
        cwd=ROOT,
        env=workers.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    workers.processes.append(process)
    return process


def restart(redis) -> float:
    """Stop the Redis without persistence (every queued message is gone), start it again; returns when."""
    redis.stop()
    time.sleep(1)
    redis.start()
    return time.monotonic()


def test_a_sweep_finishes_after_redis_restarts_and_loses_its_queued_chunks(workers_on, private_redis, member):
    """clause: STO-05 — one worker, eight chunks; the chunks queued on Redis are lost and sent again."""
    expired, inside = make_orders(member, expired=300, inside=20)
    workers = workers_on(
        private_redis.url,
        PRIVACY_RETENTION_BATCH_SIZE=10,
        PRIVACY_RETENTION_CHUNK_SIZE=40,
        PRIVACY_RETENTION_BATCH_PAUSE_MS=100,
        RIGHTS_STALLED_AFTER=STALLED_AFTER_S,
    )
    workers.start("only")
    start_beat(workers)
    workers.send("privacy.sweep_rule", "orders.Order")
    assert wait_until(lambda: changed_so_far() >= 20, timeout=60), "the sweep never started"

    restarted_at = restart(private_redis)

    assert wait_until(lambda: RetentionRun.objects.get().status == RunStatus.FINISHED, timeout=FINISHED_WITHIN_S), list(
        RetentionChunk.objects.values("first_id", "status", "attempts")
    )
    assert time.monotonic() - restarted_at < FINISHED_WITHIN_S
    run = RetentionRun.objects.get()
    assert run.chunks.count() == 8
    assert not run.chunks.exclude(status=RunStatus.FINISHED).exists()
    # Every expired row anonymized, and counted, exactly once; nothing inside its period touched.
    assert anonymized(expired) == len(expired)
    assert run.rows_changed == len(expired)
    assert untouched(inside, member)
    assert any("sent again by the reaper" in event for event in run.errors), run.errors


def test_erasures_finish_after_redis_restarts_and_loses_the_queued_ones(workers_on, private_redis, member):
    """clause: RGT-12 — one worker, three erasure runs; the runs queued on Redis are lost and sent again."""
    members = [
        member,
        *(Member.objects.create_user(f"m{n}", "a long enough password", phone=f"+861380013810{n}") for n in (1, 2)),
    ]
    orders = {}
    for m in members:
        before = set(Order.objects.values_list("pk", flat=True))
        make_orders(m, expired=60, inside=0)
        Order.objects.filter(buyer=m).update(number=Concat(Value(f"M{m.pk}-"), "number"))
        orders[m.pk] = sorted(set(Order.objects.values_list("pk", flat=True)) - before)
    workers = workers_on(
        private_redis.url,
        PRIVACY_RETENTION_BATCH_SIZE=10,
        PRIVACY_RETENTION_BATCH_PAUSE_MS=100,
        RIGHTS_STALLED_AFTER=STALLED_AFTER_S,
    )
    with mock.patch.object(erase_member, "delay"):  # sent below, through the private Redis
        runs = [start_erasure(member=m, reason="account closed") for m in members]
    workers.start("only")
    start_beat(workers)
    for run in runs:
        workers.send("privacy.erase_member", run.pk)
    assert wait_until(lambda: Order.objects.filter(buyer__isnull=True).count() >= 20, timeout=60), (
        "the erasure never started"
    )

    restarted_at = restart(private_redis)

    assert wait_until(
        lambda: not ErasureRun.objects.exclude(status=RunStatus.FINISHED).exists(), timeout=FINISHED_WITHIN_S
    ), list(ErasureRun.objects.values("pk", "status", "attempts", "events"))
    assert time.monotonic() - restarted_at < FINISHED_WITHIN_S
    for run in ErasureRun.objects.all():
        step = run.steps.get(model_label="orders.Order")
        assert (step.rows_anonymized, step.attempts) == (60, 1)
        assert Order.objects.filter(pk__in=orders[run.member_id], buyer__isnull=True).count() == 60
    assert any(
        "sent again by the reaper" in event
        for events in ErasureRun.objects.values_list("events", flat=True)
        for event in events
    )
