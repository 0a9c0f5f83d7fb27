"""Status changes of erasure runs, steps and sweep chunks are conditional: two workers never run one job at once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from orders.models import Order
from rights.erasure import run_erasure, start_erasure
from rights.locks import exclusive, is_held
from rights.models import ErasureRun, RetentionChunk, RunStatus
from rights.retention import rule_for, start_sweep, sweep_chunk
from tests.rights.test_retention import THREE_YEARS, make_order

pytestmark = pytest.mark.django_db(transaction=True)


def race(target, *args) -> list[BaseException]:
    """Call target(*args) from two threads released at the same instant; returns what they raised."""
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker():
        try:
            barrier.wait()
            target(*args)
        except BaseException as error:  # reported to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


class HeldElsewhere:
    """A live worker in another database session holding a job's lock."""

    def __init__(self, kind: str, pk: int):
        self.kind, self.pk = kind, pk
        self.taken, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        try:
            with exclusive(self.kind, self.pk) as acquired:
                assert acquired
                self.taken.set()
                self.release.wait(timeout=30)
        finally:
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        assert self.taken.wait(timeout=10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(timeout=10)


def orders_of(member, count: int, *, completed_ago=None) -> list[Order]:
    return [make_order(member, completed_ago=completed_ago, n=i) for i in range(count)]


def test_two_workers_racing_on_one_erasure_run_erase_each_row_once(member):
    orders_of(member, 5)
    run = start_erasure(member=member, reason="account closed")

    assert race(run_erasure, run.pk) == []

    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    assert run.attempts == 1
    assert set(run.steps.values_list("attempts", flat=True)) <= {0, 1}
    assert run.steps.get(model_label="orders.Order").attempts == 1
    assert not run.steps.exclude(status=RunStatus.FINISHED).exists()


def test_a_worker_given_a_run_that_a_live_worker_holds_leaves_it_alone(member):
    run = start_erasure(member=member, reason="account closed")

    with HeldElsewhere("erasure-run", run.pk):
        assert is_held("erasure-run", run.pk)
        run_erasure(run.pk)
        untouched = ErasureRun.objects.get(pk=run.pk)
        assert (untouched.status, untouched.attempts) == (RunStatus.PENDING, 0)
        assert not untouched.steps.exclude(status=RunStatus.PENDING).exists()

    assert run_erasure(run.pk).status == RunStatus.FINISHED


def test_a_run_left_running_by_a_dead_worker_is_resumed(member):
    run = start_erasure(member=member, reason="account closed")
    # A worker claimed it and died: the run says running, but no session holds its lock.
    ErasureRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, attempts=1)

    finished = run_erasure(run.pk)

    assert (finished.status, finished.attempts) == (RunStatus.FINISHED, 2)
    assert finished.receipt["run"] == run.pk


def test_two_workers_racing_on_one_sweep_chunk_count_each_row_once(member, settings):
    settings.PRIVACY_RETENTION_BATCH_SIZE = 3
    expired = orders_of(member, 12, completed_ago=THREE_YEARS + timedelta(days=2))
    run = start_sweep(rule_for("orders.Order"))
    chunk = run.chunks.get()

    assert race(sweep_chunk, chunk.pk) == []

    chunk.refresh_from_db()
    run.refresh_from_db()
    assert (chunk.status, chunk.attempts, chunk.rows_changed) == (RunStatus.FINISHED, 1, len(expired))
    assert (run.status, run.rows_changed, run.interruptions) == (RunStatus.FINISHED, len(expired), 0)


def test_a_chunk_whose_worker_died_after_finishing_it_still_closes_its_run(member):
    make_order(member, completed_ago=THREE_YEARS + timedelta(days=2))
    run = start_sweep(rule_for("orders.Order"))
    chunk = run.chunks.get()
    sweep_chunk(chunk.pk, worker="first")
    # The worker died between finishing the chunk and closing the run.
    run.__class__.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, finished_at=None)

    sweep_chunk(chunk.pk, worker="second")

    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    assert RetentionChunk.objects.get(pk=chunk.pk).attempts == 1


def test_the_lock_goes_with_the_session(member):
    with HeldElsewhere("retention-chunk", 77):
        assert is_held("retention-chunk", 77)
    assert not is_held("retention-chunk", 77)
    connection.close()
