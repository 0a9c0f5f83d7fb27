"""What the portal itself does: record that the background machinery is alive."""

from django.db import transaction
from django.utils import timezone

from portal.models import Heartbeat


def record_heartbeat(*, source: str, worker: str = "") -> Heartbeat:
    """Store that `source` was processed by `worker` now (one row per source, updated in place)."""
    heartbeat, _ = Heartbeat.objects.update_or_create(
        source=source, defaults={"beat_at": timezone.now(), "worker": worker[:200]}
    )
    return heartbeat


def request_heartbeat(*, source: str) -> None:
    """Ask a worker to record a heartbeat, once the current transaction commits."""
    from portal.tasks import heartbeat

    transaction.on_commit(lambda: heartbeat.delay(source))
