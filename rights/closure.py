"""Section IV(V): account closure. Confirming starts a cooling-off window in which the account is locked; when it
ends the account is deactivated, every session ends and the erasure starts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import AlertCategory
from interactions.services import notify
from members.models import Member
from members.services import end_other_sessions, revoke_all_api_tokens
from orders.models import Order
from orders.selectors import orders_for
from privacy.registry import Registration, keeps_rows_after_closure, registry
from rights.erasure import (
    erasure_order,
    full_rewrite,
    holds_on_member,
    inside_retention,
    linked_rows_of,
    start_erasure,
    step_name,
    subject_filter,
)
from rights.models import AccountClosure, ErasureRun
from support.selectors import open_tickets_of

RECEIPT_SALT = "rights.erasure-receipt"
SESSION_FLAG = "rights.closure_cooling_off"


# What stops a closure (RGT-11) -----------------------------------------------------


@dataclass(frozen=True)
class Blocker:
    """Something that must be finished before the account can close, and what the member can do about it."""

    title: str
    what_to_do: str
    url: str = ""


def closure_blockers(member: Member) -> list[Blocker]:
    """Unfinished orders, unpaid balances, open after-sales cases and legal holds: each stops a closure."""
    blockers = []
    orders = orders_for(member).exclude(status__in=[Order.Status.COMPLETED, Order.Status.CANCELLED])
    for order in orders.order_by("created_at", "pk").only("number", "status"):
        url = reverse("orders:detail", args=[order.number])
        if order.status == Order.Status.PLACED:
            blockers.append(
                Blocker(
                    _("Order %(number)s has an unpaid balance.") % {"number": order.number},
                    _("Pay for the order or cancel it."),
                    url,
                )
            )
        elif order.status == Order.Status.AFTER_SALES:
            blockers.append(
                Blocker(
                    _("Order %(number)s has an open after-sales case.") % {"number": order.number},
                    _("Wait until customer service has closed the case, or withdraw it."),
                    url,
                )
            )
        else:
            blockers.append(
                Blocker(
                    _("Order %(number)s is not finished yet.") % {"number": order.number},
                    _("Wait until it is delivered and confirm receipt, or ask the seller to cancel it."),
                    url,
                )
            )
    for ticket in open_tickets_of(member).only("subject"):
        blockers.append(
            Blocker(
                _("Your customer-service case “%(subject)s” is still open.") % {"subject": ticket.subject},
                _("Wait until customer service closes it, or ask them to close it."),
            )
        )
    if holds_on_member(member.pk):
        blockers.append(
            Blocker(
                _("Some of your records must be kept for a court, a regulator or a dispute (a legal hold)."),
                _("Contact customer service; the account can close once the hold is lifted."),
                reverse("contact"),
            )
        )
    return blockers


# What closure does to each kind of record, from the registry ------------------------


def record_name(registration: Registration) -> str:
    """The name of a kind of record on the closure page and on the receipt: one source for both."""
    return step_name(registration.label)


def closure_preview(member: Member, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """What closing would delete, anonymize and keep (and why) for this member, by kind of record.

    Built from the same registry and the same retention test as the erasure, so the page agrees with the receipt.
    """
    now = now or timezone.now()
    items = []
    for registration in erasure_order():
        base = registration.model._base_manager.filter(subject_filter(registration, member.pk))
        kept = base.filter(inside_retention(registration, now)).count()
        is_row = registration.row is not None
        gone = base.exclude(inside_retention(registration, now))
        rewrite = None if is_row else full_rewrite(registration)
        # Like the erasure itself, a row whose values are already erased is not counted again.
        changed = gone.count() if is_row else (gone.filter(rewrite.pending()).count() if rewrite else 0)
        if not (kept or changed):
            continue
        items.append(
            {
                "record": record_name(registration),
                "deleted": changed if is_row else 0,
                "anonymized": 0 if is_row else changed,
                "kept": kept,
                "why_kept": str(registration.rule.basis) if kept else "",
                "period": registration.rule.period if kept and keeps_rows_after_closure(registration) else "",
            }
        )
    for linked in registry.linked_rows():
        deleted = linked_rows_of(linked, member.pk).count()
        if deleted:
            items.append(
                {
                    "record": step_name(linked.label),
                    "deleted": deleted,
                    "anonymized": 0,
                    "kept": 0,
                    "why_kept": "",
                    "period": "",
                }
            )
    return items


# Cooling-off ---------------------------------------------------------------------


def cooling_off_closure(member: Member) -> AccountClosure | None:
    return AccountClosure.objects.filter(member=member, status=AccountClosure.Status.COOLING_OFF).first()


def request_closure(*, member: Member, reason: str = "", session_key: str | None = None) -> AccountClosure:
    """Confirm a closure: refused while a blocker exists; otherwise lock the account until the window ends."""
    if closure_blockers(member):
        raise ValidationError(_("Finish or resolve the items listed first."), code="blocked")
    now = timezone.now()
    starts_at = now + timedelta(days=settings.RIGHTS_CLOSURE_COOLING_OFF_DAYS)
    try:
        with transaction.atomic():
            # The partial unique constraint makes a double submit create one closure.
            closure = AccountClosure.objects.create(
                member=member, reason=reason, requested_at=now, erasure_starts_at=starts_at
            )
            end_other_sessions(member=member, current_session_key=session_key)
            # The locked account answers only the closure pages; an API key would get round the lock.
            revoke_all_api_tokens(member=member)
            notify(
                member,
                AlertCategory.SECURITY,
                title=_("Your account will be closed"),
                body=_(
                    "You confirmed the closure of your account. Until %(date)s you can still download a copy of "
                    "your data or cancel the closure; after that your data is erased."
                )
                % {"date": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")},
            )
    except IntegrityError:
        raise ValidationError(_("Your account is already being closed."), code="pending") from None
    return closure


def cancel_closure(*, member: Member) -> bool:
    """Cancel a closure still in its cooling-off window; False when there is none to cancel."""
    with transaction.atomic():
        cancelled = AccountClosure.objects.filter(member=member, status=AccountClosure.Status.COOLING_OFF).update(
            status=AccountClosure.Status.CANCELLED, cancelled_at=timezone.now()
        )
        if cancelled:
            notify(
                member,
                AlertCategory.SECURITY,
                title=_("Account closure cancelled"),
                body=_("You cancelled the closure of your account. It works as before."),
            )
    return bool(cancelled)


def start_due_closures(*, now: datetime | None = None) -> list[int]:
    """The beat job: close every account whose cooling-off window has ended; returns the erasure runs started."""
    now = now or timezone.now()
    started = []
    due = AccountClosure.objects.filter(status=AccountClosure.Status.COOLING_OFF, erasure_starts_at__lte=now)
    for closure_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            # Conditional: a cancel in the same instant, or a second beat worker, wins or loses cleanly.
            if not AccountClosure.objects.filter(pk=closure_id, status=AccountClosure.Status.COOLING_OFF).update(
                status=AccountClosure.Status.STARTED
            ):
                continue
            closure = AccountClosure.objects.select_related("member").get(pk=closure_id)
            reason = closure.get_reason_display() if closure.reason else ""
            run = close_account(member=closure.member, reason=str(reason))
            AccountClosure.objects.filter(pk=closure_id).update(run=run)
            started.append(run.pk)
    return started


def close_account(*, member: Member, reason: str = "") -> ErasureRun:
    """Deactivate `member` (once), sign them out everywhere and queue the erasure of their data (RGT-11, RGT-12)."""
    with transaction.atomic():
        # A conditional update: a double submit, or two tabs, close the account once.
        if not Member.objects.filter(pk=member.pk, is_active=True).update(is_active=False):
            raise ValidationError(_("This account is already closed."), code="closed")
        end_other_sessions(member=member, current_session_key=None)
        detail = f": {reason.strip()}" if reason.strip() else ""
        return start_erasure(member=member, reason=f"Account closed by the member{detail}"[:200])


def receipt_token(run: ErasureRun) -> str:
    """A link the former member keeps to follow the erasure: it names the run and nothing else."""
    return signing.dumps({"run": run.pk}, salt=RECEIPT_SALT)


def closure_token(closure: AccountClosure) -> str:
    """The same kind of link, given when the closure is confirmed: it follows the closure to its erasure."""
    return signing.dumps({"closure": closure.pk}, salt=RECEIPT_SALT)


def receipt_for_token(token: str) -> tuple[AccountClosure | None, ErasureRun | None] | None:
    """(closure, run) a receipt link names; None for a forged or altered link."""
    try:
        payload = signing.loads(token, salt=RECEIPT_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    if isinstance(payload.get("closure"), int):
        closure = AccountClosure.objects.select_related("run").filter(pk=payload["closure"]).first()
        return None if closure is None else (closure, closure.run)
    if isinstance(payload.get("run"), int):
        run = ErasureRun.objects.filter(pk=payload["run"]).first()
        return None if run is None else (getattr(run, "closure", None), run)
    return None
