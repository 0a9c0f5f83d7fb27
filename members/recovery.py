"""Password recovery (II(VII) account safeguards): by a code texted to the registered mobile number, and by
e-mail only where it can work.

The answer is the same whether or not the number has an account (no enumeration): a code is texted
only to a confirmed number of an active account, and the page asks for a code either way. Only a hash
of the code is kept, in the visitor's session; a code expires, and a few wrong tries end the attempt.

Members sign up with a mobile number and usually have no e-mail address. Recovery by e-mail is
offered only while a mail backend is configured, and a message goes only to an address that
belongs to a member; otherwise the page says plainly that it is not available (issue 15, item 9).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import smtplib
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from interactions.services import send_code_sms
from members import services
from members.models import Member

CODE_SECONDS = 10 * 60
MAX_ATTEMPTS = 5
# A hash of a code nobody was sent: checking it costs what checking a real one costs.
_NO_CODE = make_password(secrets.token_hex(16))


def _account_for(phone: str) -> Member | None:
    return Member.objects.filter(phone=phone, phone_verified_at__isnull=False, is_active=True).order_by("pk").first()


def start_recovery(*, phone: str) -> dict[str, Any]:
    """Text a recovery code to `phone` when it is an account's confirmed number; return the pending state."""
    member = _account_for(phone)
    code = f"{secrets.randbelow(10**6):06d}"
    if member is not None:
        send_code_sms(
            phone=phone,
            member=member,
            body=_(
                "Your 1688 code to reset your password is %(code)s. It expires in 10 minutes; never share it. "
                "If you did not ask for it, ignore this message."
            )
            % {"code": code},
        )
    return {
        "phone": phone,
        "code": make_password(code) if member is not None else _NO_CODE,
        "sent_at": time.time(),
        "attempts": 0,
    }


def _issued_key(phone: str) -> str:
    # The number itself never becomes a cache key.
    return "members.recovery.issued:" + hashlib.sha256(phone.encode()).hexdigest()


def issue_reset_code(*, member: Member, recovery_url: str) -> bool:
    """CS-06: at the member's request, customer service texts a reset code to the account's confirmed number.

    The recovery page takes this code (instead of texting another) when the member enters that number; it
    counts tries and expires like any recovery code. False when the account has no confirmed number.
    """
    phone = member.phone
    if not phone or member.phone_verified_at is None:
        return False
    code = f"{secrets.randbelow(10**6):06d}"
    send_code_sms(
        phone=phone,
        member=member,
        body=_(
            "At your request, 1688 customer service sent you this code to reset your password: %(code)s. "
            "Enter your mobile number at %(url)s, then this code, within 10 minutes. Never share it."
        )
        % {"code": code, "url": recovery_url},
    )
    pending = {"phone": phone, "code": make_password(code), "sent_at": time.time(), "attempts": 0}
    cache.set(_issued_key(phone), pending, CODE_SECONDS)
    return True


def take_issued_code(phone: str) -> dict[str, Any] | None:
    """The pending state of a code customer service texted to `phone`, for one visitor only (it is removed)."""
    key = _issued_key(phone)
    pending = cache.get(key)
    if pending is not None:
        cache.delete(key)
    return pending


def is_pending(pending: dict[str, Any] | None) -> bool:
    return pending is not None and bool(pending) and pending.get("attempts", 0) < MAX_ATTEMPTS


def check_code(pending: dict[str, Any], code: str) -> Member | None:
    """The account whose number the code was texted to; None for a wrong, expired or overused code.

    `pending` is updated in place (one more attempt), so the caller keeps it to count the tries.
    """
    pending["attempts"] = pending.get("attempts", 0) + 1
    fresh = time.time() - pending.get("sent_at", 0) < CODE_SECONDS
    matches = check_password(code, pending.get("code", _NO_CODE))
    if not (fresh and pending["attempts"] <= MAX_ATTEMPTS and matches):
        return None
    return _account_for(pending.get("phone", ""))


@transaction.atomic
def reset_password(*, member: Member, password: str, request: HttpRequest | None) -> None:
    """Set the new password, sign the member out everywhere (MEM-08) and record the change."""
    validate_password(password, user=member)
    member.set_password(password)
    member.save(update_fields=["password"])
    services.end_other_sessions(member=member, current_session_key=None)
    services.record_security_event(member=member, kind="password_changed", request=request)


# Recovery by e-mail ---------------------------------------------------------------

logger = logging.getLogger(__name__)

SEND_ERRORS = (smtplib.SMTPException, OSError)


def email_recovery_is_available() -> bool:
    """Whether mail can leave: an SMTP backend with a host, or another real backend (console, in-memory)."""
    backend = settings.EMAIL_BACKEND
    if backend.endswith(".dummy.EmailBackend"):
        return False
    if backend.endswith(".smtp.EmailBackend"):
        return bool(settings.EMAIL_HOST)
    return True
