"""Section IV(VI): account closure. Closing deactivates the account, ends every session and starts its erasure."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Member
from members.services import end_other_sessions
from rights.erasure import start_erasure
from rights.models import ErasureRun

RECEIPT_SALT = "rights.erasure-receipt"


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


def run_for_token(token: str) -> ErasureRun | None:
    try:
        run_id = signing.loads(token, salt=RECEIPT_SALT)["run"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return ErasureRun.objects.filter(pk=run_id).first()
