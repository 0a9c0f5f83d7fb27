"""RGT-06: when a deletion is carried out, every partner that received the member's data is asked to delete it.

Recipients come from the sharing records (section III); each gets one notice row with its own status and retries.
The transmission is the outside world and is simulated here, as the order hand-offs are.
"""

from __future__ import annotations

import logging

from django.db import models, transaction
from django.utils import timezone

from privacy.models import Partner, SharingRecord
from rights.models import DeletionNotice, RightsRequest

logger = logging.getLogger(__name__)


class PartnerUnavailable(Exception):
    """The partner did not take the notice; the job retries."""


def queue_deletion_notices(request: RightsRequest) -> list[int]:
    """One notice per partner in the member's sharing records, sent after commit; returns the notice ids."""
    from rights.jobs import send_deletion_notice

    partner_ids = (
        SharingRecord.objects.filter(member_id=request.member_id)  # type: ignore[misc]  # a request loses its member only when anonymized, long after closing
        .values_list("partner_id", flat=True)
        .distinct()
    )
    DeletionNotice.objects.bulk_create(
        [DeletionNotice(request=request, partner_id=pk) for pk in partner_ids], ignore_conflicts=True
    )
    ids = list(DeletionNotice.objects.filter(request=request).values_list("pk", flat=True))
    transaction.on_commit(lambda: [send_deletion_notice.delay(pk) for pk in ids])
    return ids


def transmit(partner: Partner, *, reference: str) -> None:
    """The partner's deletion endpoint: simulated; a real adapter raises PartnerUnavailable when it fails."""
    logger.info("deletion notice %s to %s", reference, partner.code)


def deliver(notice_id: int) -> bool:
    """Send one notice unless already sent; safe to run twice. Raises PartnerUnavailable for a retry."""
    notice = DeletionNotice.objects.select_related("partner").get(pk=notice_id)
    if notice.status in (DeletionNotice.Status.SENT, DeletionNotice.Status.CONFIRMED):
        return False
    DeletionNotice.objects.filter(pk=notice_id).update(attempts=models.F("attempts") + 1)
    try:
        transmit(notice.partner, reference=f"rights-request-{notice.request_id}")
    except PartnerUnavailable as error:
        DeletionNotice.objects.filter(pk=notice_id).update(last_error=str(error)[:500])
        raise
    return bool(
        DeletionNotice.objects.filter(
            pk=notice_id, status__in=[DeletionNotice.Status.PENDING, DeletionNotice.Status.FAILED]
        ).update(status=DeletionNotice.Status.SENT, sent_at=timezone.now(), last_error="")
    )


def give_up(notice_id: int, *, error: str) -> None:
    DeletionNotice.objects.filter(pk=notice_id, status=DeletionNotice.Status.PENDING).update(
        status=DeletionNotice.Status.FAILED, last_error=error[:500]
    )


def confirm(notice_id: int) -> bool:
    """The partner answered that it deleted the data."""
    return bool(
        DeletionNotice.objects.filter(pk=notice_id, status=DeletionNotice.Status.SENT).update(
            status=DeletionNotice.Status.CONFIRMED, confirmed_at=timezone.now()
        )
    )
