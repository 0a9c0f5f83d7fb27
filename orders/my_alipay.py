"""My Alipay (TRX-08): the linked Alipay account, changed only through a request customer service decides."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.models import AlipayAccount, AlipayChangeRequest
from privacy.consent import RequestContext, grant
from privacy.purposes import Purpose

Status = AlipayChangeRequest.Status


def masked_account(account: str) -> str:
    """Only the last four characters show: '••••1234'."""
    return "••••" + account[-4:] if account else ""


@transaction.atomic
def request_change(*, member, new_account: str, account_consent: bool, context: RequestContext) -> AlipayChangeRequest:
    """Ask to link or change the member's Alipay account; one request waits at a time.

    The account is sensitive (a financial account): it is kept only with its separate consent (DEF-02).
    """
    if not account_consent:
        raise ValidationError(
            _("Giving a payment account needs your separate consent."), code="financial_account_consent"
        )
    try:
        with transaction.atomic():
            change = AlipayChangeRequest.objects.create(member=member, new_account=new_account)
            grant(member, Purpose.FINANCIAL_ACCOUNT, context=context)
            return change
    except IntegrityError as exc:
        raise ValidationError(
            _("You already have a request waiting for customer service."), code="already_pending"
        ) from exc


@transaction.atomic
def decide_change(*, request_id: int, approve: bool, reason: str, staff) -> AlipayChangeRequest:
    """Customer service approves (the account is linked) or refuses a pending request, with a stated reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("State the reason for the decision."), code="reason")
    change = AlipayChangeRequest.objects.select_for_update().filter(pk=request_id, status=Status.PENDING).first()
    if change is None:
        raise ValidationError(_("This request has already been decided."), code="decided")
    now = timezone.now()
    change.status = Status.APPROVED if approve else Status.REFUSED
    change.decision_reason = reason
    change.decided_by = staff
    change.decided_at = now
    change.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    if approve:
        AlipayAccount.objects.update_or_create(
            member_id=change.member_id, defaults={"account": change.new_account, "linked_at": now}
        )
    return change
