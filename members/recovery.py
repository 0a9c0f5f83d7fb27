"""Password recovery by e-mail, only where it can work (issue 15, item 9).

Members sign up with a mobile number and usually have no e-mail address. Recovery by e-mail is
offered only while a mail backend is configured, and a message goes only to an address that
belongs to a member; otherwise the page says plainly that it is not available.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings

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
