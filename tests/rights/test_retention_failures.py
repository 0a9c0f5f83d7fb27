"""The retention sweep under failure: real worker processes, real Redis, real PostgreSQL (STO-05).

Workers run as subprocesses so they can be killed with SIGKILL; the Redis test
restarts a private redis-server on its own port, never the shared one.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection
from django.utils import timezone

from orders.models import Order
from privacy.registry import years
from rights.models import RetentionChunk, RetentionRun, RunStatus
from tests.conftest import wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]

ROOT = Path(settings.BASE_DIR)
CELERY = ROOT / ".venv" / "bin" / "celery"


def make_orders(member, *, expired: int, inside: int) -> tuple[list[int], list[int]]:
    now = timezone.now()
    rows = [
        Order(
            number=f"F{n}",
            buyer=member,
            status=Order.Status.COMPLETED,
            total_amount=Decimal("10.00"),
            consignee_name="Wang Fang",
            consignee_phone="+8613900139000",
            delivery_address="8 Nanjing Road",
            remarks="ring twice",
            completed_at=now - (years(3) + timedelta(days=2) if n < expired else timedelta(days=20)),
        )
        for n in range(expired + inside)
    ]
    Order.objects.bulk_create(rows)
    ids = sorted(Order.objects.values_list("pk", flat=True))
    return ids[:expired], ids[expired:]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Celery worker subprocesses on one queue; each in its own process group so it can be killed alone."""

    def __init__(self, redis_url: str, **env):
        self.redis_url = redis_url
        self.queue = f"retention-test-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "CELERY_QUEUE": self.queue,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            **{k: str(v) for k, v in env.items()},
        }
        self.processes: list[subprocess.Popen] = []
        self.app = Celery("retention-test", broker=redis_url, set_as_current=False)
        self.app.conf.update(task_serializer="json", broker_connection_retry_on_startup=True)

    def start(self, name: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "portal",
                "worker",
                "-P",
                "solo",
                "-n",
                f"{name}@%h",
                "-Q",
                self.queue,
                "-l",
                "WARNING",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def send(self, task: str, *args) -> None:
        self.app.send_task(task, args=list(args), queue=self.queue)

    def kill(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(10)

    def stop_all(self) -> None:
        for process in self.processes:
            self.kill(process)
        try:
            with self.app.connection_for_write() as conn:
                conn.default_channel.queue_delete(self.queue)
        except Exception:  # noqa: S110 - best effort: the broker may already be gone
            pass


@pytest.fixture
def workers_on():
    started = []

    def make(redis_url: str, **env) -> Workers:
        workers = Workers(redis_url, **env)
        started.append(workers)
        return workers

    yield make
    for workers in started:
        workers.stop_all()
    connection.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test alone, which the test may stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        assert wait_until(self._answers, timeout=10)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def private_redis():
    redis = PrivateRedis()
    redis.start()
    yield redis
    redis.stop()


def anonymized(ids: list[int]) -> int:
    return Order.objects.filter(pk__in=ids, buyer__isnull=True, consignee_name="W*******g", remarks="").count()


def untouched(ids: list[int], member) -> bool:
    return Order.objects.filter(
        pk__in=ids, buyer=member, consignee_name="Wang Fang", remarks="ring twice"
    ).count() == len(ids)


def changed_so_far() -> int:
    return sum(RetentionChunk.objects.values_list("rows_changed", flat=True))


def test_a_worker_killed_mid_sweep_loses_only_its_batch_and_a_new_worker_finishes(workers_on, member):
    """clause: STO-05 — SIGKILL in the middle of a sweep; every expired row anonymized exactly once."""
    expired, inside = make_orders(member, expired=300, inside=40)
    workers = workers_on(
        settings.REDIS_URL,
        PRIVACY_RETENTION_BATCH_SIZE=10,
        PRIVACY_RETENTION_BATCH_PAUSE_MS=150,
        CELERY_VISIBILITY_TIMEOUT=3,
    )
    first = workers.start("first")
    workers.send("privacy.sweep_rule", "orders.Order")
    assert wait_until(lambda: changed_so_far() >= 40, timeout=60), "the sweep never started"

    workers.kill(first)
    done_before_restart = anonymized(expired)
    assert 40 <= done_before_restart < len(expired)
    # Never half-anonymized: every row the killed worker touched is complete.
    assert Order.objects.filter(buyer__isnull=True).count() == done_before_restart
    assert Order.objects.exclude(consignee_name="Wang Fang").count() == done_before_restart
    chunk = RetentionChunk.objects.get()
    assert chunk.status == RunStatus.RUNNING and chunk.rows_changed == done_before_restart

    workers.start("second")
    assert wait_until(lambda: RetentionRun.objects.get().status == RunStatus.FINISHED, timeout=90)

    run = RetentionRun.objects.get()
    assert anonymized(expired) == len(expired)
    assert untouched(inside, member)
    # Counts commit with their batch: the total is exactly the rows changed, none twice.
    assert run.rows_changed == len(expired)
    assert run.interruptions == 1
    assert any("interrupted on first@" in event and "resumed by second@" in event for event in run.errors)


def test_the_sweep_completes_when_redis_restarts_during_it(workers_on, private_redis, member):
    """clause: STO-05 — the private Redis goes away mid-sweep and comes back."""
    expired, inside = make_orders(member, expired=300, inside=20)
    workers = workers_on(private_redis.url, PRIVACY_RETENTION_BATCH_SIZE=10, PRIVACY_RETENTION_BATCH_PAUSE_MS=100)
    workers.start("only")
    workers.send("privacy.sweep_rule", "orders.Order")
    assert wait_until(lambda: changed_so_far() >= 20, timeout=60), "the sweep never started"

    private_redis.stop()
    time.sleep(1)
    private_redis.start()

    assert wait_until(lambda: RetentionRun.objects.get().status == RunStatus.FINISHED, timeout=90)
    assert anonymized(expired) == len(expired)
    assert untouched(inside, member)
    assert RetentionRun.objects.get().rows_changed == len(expired)
    # The worker reconnected: it takes new work from the restarted Redis.
    workers.send("privacy.sweep_rule", "interactions.Message")
    assert wait_until(lambda: RetentionRun.objects.filter(rule="interactions.Message").exists(), timeout=60)


def test_two_workers_sweeping_at_once_never_process_a_row_twice(workers_on, member):
    """clause: STO-05 — two workers, two overlapping runs of the same sweep: no row twice, no deadlock."""
    expired, inside = make_orders(member, expired=400, inside=30)
    workers = workers_on(
        settings.REDIS_URL,
        PRIVACY_RETENTION_BATCH_SIZE=10,
        PRIVACY_RETENTION_CHUNK_SIZE=80,
        PRIVACY_RETENTION_BATCH_PAUSE_MS=20,
    )
    workers.start("left")
    workers.start("right")
    workers.send("privacy.sweep_rule", "orders.Order")
    workers.send("privacy.sweep_rule", "orders.Order")

    assert wait_until(lambda: RetentionRun.objects.filter(status=RunStatus.FINISHED).count() == 2, timeout=120), list(
        RetentionRun.objects.values("status", "errors")
    )

    runs = list(RetentionRun.objects.all())
    assert sum(run.rows_changed for run in runs) == len(expired)
    assert all(run.errors == [] for run in runs)
    assert not RetentionChunk.objects.exclude(status=RunStatus.FINISHED).exists()
    hosts = {worker.split("@")[0] for worker in RetentionChunk.objects.values_list("worker", flat=True)}
    assert hosts == {"left", "right"}
    assert anonymized(expired) == len(expired)
    assert untouched(inside, member)
