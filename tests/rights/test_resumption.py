"""The reaper: sweeps and erasures whose messages the broker lost are sent again from the database's state."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from members.models import Member
from orders.models import Order
from portal import health
from rights.erasure import place_hold, run_erasure, start_erasure
from rights.models import ErasureRun, LegalHold, RetentionChunk, RetentionRun, RunStatus
from rights.resumption import resume_chosen, resume_stalled
from rights.retention import rule_for, start_sweep, sweep_chunk
from rights.selectors import count_stalled_runs, stalled_cutoff
from rights.tasks import erase_member, sweep_retention_chunk
from tests.conftest import wait_until
from tests.rights.test_claims import HeldElsewhere
from tests.rights.test_retention import THREE_YEARS, make_order
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db

EXPIRED = THREE_YEARS + timedelta(days=2)
LONG_AGO = timedelta(hours=1)


def expired_orders(member, count: int) -> list[int]:
    return [make_order(member, completed_ago=EXPIRED, n=i).pk for i in range(count)]


def anonymized(ids: list[int]) -> int:
    return Order.objects.filter(pk__in=ids, buyer__isnull=True, consignee_name="Z*******i", remarks="").count()


def lost_sweep(settings, member, *, orders: int, chunk_size: int) -> tuple[RetentionRun, list[int]]:
    """A sweep recorded an hour ago whose chunk messages never reached a worker (start_sweep sends none)."""
    settings.PRIVACY_RETENTION_CHUNK_SIZE = chunk_size
    ids = expired_orders(member, orders)
    run = start_sweep(rule_for("orders.Order"))
    RetentionRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - LONG_AGO)
    run.refresh_from_db()
    return run, ids


def lost_erasure(member) -> ErasureRun:
    """An erasure run created an hour ago whose message the broker lost."""
    with mock.patch.object(erase_member, "delay"):
        run = start_erasure(member=member, reason="account closed")
    ErasureRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - LONG_AGO)
    return run


def sent_again(run: RetentionRun) -> list[str]:
    run.refresh_from_db()
    return [event for event in run.errors if "sent again" in event]


def test_the_reaper_is_scheduled_in_beat_every_few_minutes():
    task = PeriodicTask.objects.get(task="rights.resume_stalled")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (5, "minutes")


@pytest.mark.django_db(transaction=True)
def test_a_sweep_whose_chunk_messages_were_lost_is_finished_by_the_reaper(celery_worker, member, settings):
    run, ids = lost_sweep(settings, member, orders=12, chunk_size=4)
    assert run.chunks.count() == 3

    done = resume_stalled()

    assert (done.retention_runs, done.chunks) == (1, 3)
    assert wait_until(lambda: RetentionRun.objects.get(pk=run.pk).status == RunStatus.FINISHED, timeout=30)
    run.refresh_from_db()
    assert anonymized(ids) == len(ids)
    assert run.rows_changed == len(ids)
    assert set(run.chunks.values_list("attempts", flat=True)) == {1}
    [event] = sent_again(run)
    assert "by the reaper" in event and "(pending)" in event
    assert resume_stalled().chunks == 0


def test_the_reaper_sends_a_run_again_once_per_threshold(settings, member):
    run, _ = lost_sweep(settings, member, orders=4, chunk_size=2)

    assert resume_stalled().chunks == 2
    assert resume_stalled().chunks == 0  # sent a moment ago: the message may still be on its way
    assert len(sent_again(run)) == 1

    with time_machine.travel(timezone.now() + timedelta(seconds=settings.RIGHTS_STALLED_AFTER + 1)):
        assert resume_stalled().chunks == 2
    assert len(sent_again(run)) == 2


def test_a_sweep_that_moved_recently_is_not_stalled(settings, member):
    run, _ = lost_sweep(settings, member, orders=4, chunk_size=2)
    # One chunk is being swept by a live worker: the chunks queued behind it are not lost.
    run.chunks.filter(first_id=run.chunks.first().first_id).update(status=RunStatus.RUNNING, progress_at=timezone.now())

    assert resume_stalled().chunks == 0
    assert count_stalled_runs(cutoff=stalled_cutoff()) == {"retention": 0, "erasure": 0}
    assert sent_again(run) == []


@pytest.mark.django_db(transaction=True)
def test_two_reapers_at_once_send_a_stalled_run_once(celery_worker, member, settings):
    run, ids = lost_sweep(settings, member, orders=9, chunk_size=3)
    barrier = threading.Barrier(2)
    sent: list[int] = []

    def reaper():
        try:
            barrier.wait()
            sent.append(resume_stalled().chunks)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reaper) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(sent) == [0, 3]
    assert wait_until(lambda: RetentionRun.objects.get(pk=run.pk).status == RunStatus.FINISHED, timeout=30)
    assert len(sent_again(run)) == 1
    assert set(run.chunks.values_list("attempts", flat=True)) == {1}
    assert run.rows_changed == anonymized(ids) == len(ids)


@pytest.mark.django_db(transaction=True)
def test_a_chunk_that_a_live_worker_holds_is_not_sent_again(member, settings):
    run, _ = lost_sweep(settings, member, orders=4, chunk_size=2)
    first, second = run.chunks.order_by("first_id")
    RetentionChunk.objects.filter(pk=first.pk).update(status=RunStatus.RUNNING, attempts=1, worker="slow@host")

    with HeldElsewhere("retention-chunk", first.pk), mock.patch.object(sweep_retention_chunk, "delay") as delay:
        done = resume_stalled()

    assert done.chunks == 1
    assert [call.args for call in delay.call_args_list] == [(second.pk,)]
    [event] = sent_again(run)
    assert f"{second.first_id}-{second.last_id} (pending)" in event
    assert f"{first.first_id}-{first.last_id}" not in event
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_reaper_racing_a_live_worker_on_the_same_chunk_leaves_the_counts_exact(celery_worker, member, settings):
    settings.PRIVACY_RETENTION_BATCH_SIZE = 3
    settings.PRIVACY_RETENTION_BATCH_PAUSE_MS = 30
    settings.RIGHTS_STALLED_AFTER = 0  # every pass of the reaper finds the run stalled and sends the chunk again
    ids = expired_orders(member, 30)
    run = start_sweep(rule_for("orders.Order"))
    chunk = run.chunks.get()
    live = threading.Thread(target=lambda: (sweep_chunk(chunk.pk, worker="live@host"), connections.close_all()))

    sends = resume_stalled().chunks  # sent before the live worker starts: the two race for the chunk
    live.start()
    while live.is_alive():
        sends += resume_stalled().chunks
    live.join()

    assert sends >= 1
    assert wait_until(lambda: RetentionRun.objects.get(pk=run.pk).status == RunStatus.FINISHED, timeout=30)
    chunk.refresh_from_db()
    run.refresh_from_db()
    assert (chunk.attempts, chunk.rows_changed) == (1, len(ids))
    assert (run.rows_changed, run.interruptions) == (len(ids), 0)
    assert anonymized(ids) == len(ids)


def test_a_sweep_whose_last_worker_died_before_closing_it_is_closed_by_the_reaper(member):
    make_order(member, completed_ago=EXPIRED)
    run = start_sweep(rule_for("orders.Order"))
    sweep_chunk(run.chunks.get().pk, worker="first")
    RetentionRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, finished_at=None)

    done = resume_stalled()

    run.refresh_from_db()
    assert done.closed_runs == 1
    assert (run.status, run.rows_changed) == (RunStatus.FINISHED, 1)
    assert any("closed by the reaper" in event for event in run.errors)


def test_a_failed_chunk_is_sent_again_until_its_attempts_run_out_then_staff_resume_it(settings, member):
    run, _ = lost_sweep(settings, member, orders=2, chunk_size=2)
    chunk = run.chunks.get()
    RetentionChunk.objects.filter(pk=chunk.pk).update(status=RunStatus.FAILED, attempts=3, error="connection lost")

    assert resume_stalled().chunks == 1  # its own retry may have been lost with the broker

    RetentionRun.objects.filter(pk=run.pk).update(resumed_at=None)
    RetentionChunk.objects.filter(pk=chunk.pk).update(attempts=settings.RIGHTS_RESUME_MAX_ATTEMPTS)
    assert resume_stalled().chunks == 0
    # Still stalled, so /healthz and admin keep showing it until staff act.
    assert count_stalled_runs(cutoff=stalled_cutoff())["retention"] == 1
    assert resume_chosen(retention_run_ids=[run.pk], by="staff member #1 in admin").chunks == 1
    assert "by staff member #1 in admin" in sent_again(run)[-1]


@pytest.mark.django_db(transaction=True)
def test_an_erasure_whose_message_was_lost_is_finished_by_the_reaper(celery_worker, member):
    make_order(member, completed_ago=EXPIRED)
    run = lost_erasure(member)

    assert resume_stalled().erasure_runs == 1

    assert wait_until(lambda: ErasureRun.objects.get(pk=run.pk).status == RunStatus.FINISHED, timeout=30)
    run.refresh_from_db()
    assert run.attempts == 1
    assert run.steps.get(model_label="orders.Order").rows_anonymized == 1
    [event] = run.events
    assert "sent again by the reaper (pending" in event
    assert resume_stalled().erasure_runs == 0


@pytest.mark.django_db(transaction=True)
def test_a_reaper_racing_a_live_worker_on_the_same_erasure_leaves_the_counts_exact(celery_worker, member, settings):
    settings.PRIVACY_RETENTION_BATCH_SIZE = 3
    settings.PRIVACY_RETENTION_BATCH_PAUSE_MS = 30
    settings.RIGHTS_STALLED_AFTER = 0
    ids = expired_orders(member, 30)
    run = lost_erasure(member)
    live = threading.Thread(target=lambda: (run_erasure(run.pk), connections.close_all()))

    sends = resume_stalled().erasure_runs  # sent before the live worker starts: the two race for the run
    live.start()
    while live.is_alive():
        sends += resume_stalled().erasure_runs
    live.join()

    assert sends >= 1
    assert wait_until(lambda: ErasureRun.objects.get(pk=run.pk).status == RunStatus.FINISHED, timeout=30)
    run.refresh_from_db()
    assert run.attempts == 1
    step = run.steps.get(model_label="orders.Order")
    assert (step.attempts, step.rows_anonymized) == (1, len(ids))
    assert anonymized(ids) == len(ids)


def test_a_held_erasure_is_sent_again_once_its_hold_is_lifted(member):
    officer = Member.objects.create_user("officer", "a long officer password", phone="+8613800138088", is_staff=True)
    run = lost_erasure(member)
    hold = place_hold(by=officer, reason="Court order 17", member=member)
    ErasureRun.objects.filter(pk=run.pk).update(status=RunStatus.HELD, progress_at=timezone.now() - LONG_AGO)

    assert resume_stalled().erasure_runs == 0  # the hold still stands

    # Lifted, but lift_hold's message never reached a worker.
    LegalHold.objects.filter(pk=hold.pk).update(lifted_at=timezone.now(), lifted_by=officer)
    assert resume_stalled().erasure_runs == 1
    run.refresh_from_db()
    assert "(held," in run.events[0]


def test_healthz_reports_stalled_runs_as_degraded_in_one_query(client, member, settings):
    settings.HEALTHZ_CELERY_PING_TIMEOUT = 0.2
    assert health.check_stalled_runs().ok is True
    lost_erasure(member)

    with CaptureQueriesContext(connection) as queries:
        check = health.check_stalled_runs()
    assert len(queries) == 1  # before the request below, which empties the query log

    body = client.get(reverse("healthz")).json()

    assert check.ok is False and "1 erasure run" in check.detail
    assert body["status"] == "degraded"
    assert body["checks"]["stalled_runs"] == check.as_json()


@pytest.fixture
def officer(db) -> Member:
    return Member.objects.create_superuser("officer", "a long officer password", phone="+8613800138088")


def test_stalled_sweeps_are_highlighted_in_admin_and_resumed_from_there(client, officer, member, settings):
    stalled, _ = lost_sweep(settings, member, orders=2, chunk_size=2)
    moving = start_sweep(rule_for("support.Ticket"))
    sign_in_staff(client, officer)
    url = reverse("admin:rights_retentionrun_changelist")
    page = client.get(url).content.decode()  # the first request after sign-in also records the session

    with CaptureQueriesContext(connection) as two_runs:
        client.get(url)
    for _ in range(3):
        start_sweep(rule_for("support.Ticket"))
    with CaptureQueriesContext(connection) as five_runs:
        client.get(url)
    assert len(two_runs) == len(five_runs) > 0  # read now: the next request empties the query log
    only_stalled = client.get(url, {"stalled": "yes"}).content.decode()
    response = client.post(url, {"action": "resume_now", "_selected_action": [stalled.pk, moving.pk]}, follow=True)

    assert page.count('class="run-stalled"') == 1
    assert "css/admin_runs.css" in page
    assert reverse("admin:rights_retentionrun_change", args=[stalled.pk]) in only_stalled
    assert reverse("admin:rights_retentionrun_change", args=[moving.pk]) not in only_stalled
    assert "Sent again: 1 run(s), 1 chunk(s)" in response.content.decode()
    assert f"by staff member #{officer.pk} in admin" in sent_again(stalled)[0]
    assert sent_again(moving) == []


def test_stalled_erasures_are_highlighted_in_admin_and_resumed_from_there(
    client, officer, member, django_capture_on_commit_callbacks
):
    stalled = lost_erasure(member)
    ErasureRun.objects.create(member=officer, reason="account closed")  # created just now: not stalled
    sign_in_staff(client, officer)
    url = reverse("admin:rights_erasurerun_changelist")

    page = client.get(url).content.decode()
    with django_capture_on_commit_callbacks() as sends:
        client.post(url, {"action": "resume_now", "_selected_action": [stalled.pk]})
    detail = client.get(reverse("admin:rights_erasurerun_change", args=[stalled.pk])).content.decode()

    assert page.count('class="run-stalled"') == 1
    stalled.refresh_from_db()
    assert stalled.resumed_at is not None and len(stalled.events) == 1
    assert f"staff member #{officer.pk}" in detail
    assert len(sends) == 1
