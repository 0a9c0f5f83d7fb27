"""Celery is wired for real: a worker on the Redis broker runs tasks enqueued after commit."""

import pytest
from django.db import transaction

from portal.celery import app
from portal.models import Heartbeat
from portal.services import request_heartbeat
from tests.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_settings_make_redelivery_safe():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.broker_url.startswith("redis://")


def test_a_real_worker_runs_a_task_enqueued_on_commit(celery_worker):
    with transaction.atomic():
        request_heartbeat(source="committed")
        # Nothing is sent before the transaction commits.
        assert not Heartbeat.objects.filter(source="committed").exists()

    heartbeat = wait_until(lambda: Heartbeat.objects.filter(source="committed").first())

    assert heartbeat is not None
    assert heartbeat.worker  # the hostname of the worker that ran it


def test_a_rolled_back_transaction_sends_no_task(celery_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        request_heartbeat(source="rolled-back")
        raise RuntimeError("the change is abandoned")
    with transaction.atomic():
        request_heartbeat(source="after-rollback")

    # One solo worker takes messages in order: once the later one is done,
    # the rolled-back one would have been done too, had it been sent.
    assert wait_until(lambda: Heartbeat.objects.filter(source="after-rollback").exists())
    assert not Heartbeat.objects.filter(source="rolled-back").exists()
