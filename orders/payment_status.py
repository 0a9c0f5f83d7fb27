"""Payment status from the payment partner (TRX-12): signed notices and a status poll.

Both paths end in `settle_payment`, which moves a placed order with a pending
payment to paid and writes the partner as the source on the order's timeline.
It is conditional, so a notice and a poll racing on one order settle it once.
"""

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from orders.models import Order, OrderEvent, Payment, PaymentNotification
from orders.partners import AlipayAdapter, adapter

# A notice older (or further in the future) than this is refused as a possible replay.
NOTICE_MAX_AGE = timedelta(minutes=5)
NOTICE_FIELDS = ("notify_id", "out_trade_no", "trade_no", "trade_status", "timestamp")


class NoticeRejected(Exception):
    """A payment notice that is forged, stale, replayed or does not match a pending payment."""


def sign(body: bytes) -> str:
    """The HMAC-SHA256 signature Alipay puts in the X-Alipay-Signature header of a notice."""
    return hmac.new(settings.ALIPAY_NOTIFY_KEY.encode(), body, hashlib.sha256).hexdigest()


def _parse(body: bytes, signature: str, now: datetime) -> dict:
    # compare_digest raises TypeError on a non-ASCII str: such a header is simply a wrong signature.
    if not signature or not signature.isascii() or not hmac.compare_digest(sign(body), signature):
        raise NoticeRejected("bad signature")
    try:
        notice = json.loads(body)
    except ValueError as exc:
        raise NoticeRejected("not JSON") from exc
    if not isinstance(notice, dict) or any(not isinstance(notice.get(key), str | int) for key in NOTICE_FIELDS):
        raise NoticeRejected("missing fields")
    try:
        sent_at = datetime.fromtimestamp(int(notice["timestamp"]), tz=UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise NoticeRejected("bad timestamp") from exc
    if abs(now - sent_at) > NOTICE_MAX_AGE:
        raise NoticeRejected("stale notice")
    return notice


def _settle(payment: Payment, *, source: str, now: datetime) -> bool:
    """Mark a pending payment and its placed order paid; False when someone else settled it first."""
    if not Payment.objects.filter(pk=payment.pk, status=Payment.Status.PENDING).update(
        status=Payment.Status.PAID, paid_at=now
    ):
        return False
    Order.objects.filter(pk=payment.order_id, status=Order.Status.PLACED).update(status=Order.Status.PAID, paid_at=now)
    OrderEvent.objects.create(order_id=payment.order_id, status=Order.Status.PAID, source=source, occurred_at=now)
    return True


@transaction.atomic
def receive_alipay_notice(*, body: bytes, signature: str) -> bool:
    """Apply a signed Alipay notice; raises NoticeRejected (nothing changed) for a forged or replayed one.

    Returns True when the notice settled the payment, False when it was already settled.
    """
    now = timezone.now()
    notice = _parse(body, signature, now)
    payment = (
        Payment.objects.select_for_update(of=("self",))
        .filter(
            partner_code="alipay",
            reference=str(notice["trade_no"]),
            order__number=str(notice["out_trade_no"]),
            order__buyer__isnull=False,
        )
        .first()
    )
    if payment is None:
        raise NoticeRejected("unknown payment")
    if notice["trade_status"] not in ("TRADE_SUCCESS", "TRADE_FINISHED"):
        raise NoticeRejected("unsupported status")
    try:
        with transaction.atomic():
            PaymentNotification.objects.create(
                partner_code="alipay", notify_id=str(notice["notify_id"])[:64], payment=payment, received_at=now
            )
    except IntegrityError as exc:
        raise NoticeRejected("replayed notice") from exc
    return _settle(payment, source=OrderEvent.Source.ALIPAY, now=now)


@transaction.atomic
def poll_pending_payments() -> int:
    """Ask the partner about placed orders whose payment is pending, and settle the paid ones; safe to rerun."""
    now = timezone.now()
    pending = list(
        Payment.objects.filter(status=Payment.Status.PENDING, order__status=Order.Status.PLACED)
        .select_for_update(of=("self",), skip_locked=True)
        .order_by("id")
    )
    settled = 0
    for payment in pending:
        payment_partner = cast(AlipayAdapter, adapter(payment.partner_code))  # payments go to PAYMENT_PARTNERS only
        answer = payment_partner.payment_status(
            partner_reference=payment.reference, requested_at=payment.requested_at, now=now
        )
        if answer == "paid" and _settle(payment, source=payment.partner_code, now=now):
            settled += 1
    return settled
