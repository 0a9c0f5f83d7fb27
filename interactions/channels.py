"""The channels a notice takes besides the Messages inbox: SMS, e-mail and push, each pluggable by setting.

`settings.SMS_BACKEND` names the SMS backend class (`send(phone, body, *, member=None)`): the
development backend writes each text to the SmsMessage outbox with its codes and links masked, so
that no staff member can read a live code in admin, and prints the full text on the console;
production plugs in the carrier's gateway (and refuses to start with the outbox). `settings.PUSH_BACKEND` names the push backend
(`send(member, *, category, title, body)`): the default queues a PushNotification row that the
app fetches through the API. E-mail goes through Django's `EMAIL_BACKEND`.
Verification codes use `send_sms` directly; every notice goes through `interactions.services.notify`.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from interactions.models import PushNotification, SmsMessage
from privacy.masking import MASK

logger = logging.getLogger(__name__)

# Verification codes are runs of digits; one-time links (unsubscribe, consent) carry their token in the path.
CODE = re.compile(r"\d{5,}")
LINK = re.compile(r"(https?://[^/\s]+)/\S*")

# What one text message may hold (the SMS outbox and carriers' long-message limit).
SMS_MAX_LENGTH = 300


def conceal(body: str) -> str:
    """The body with every code and every link's path masked: what the outbox may keep."""
    body = LINK.sub(lambda match: f"{match.group(1)}/{MASK * 3}", body)
    return CODE.sub(lambda match: MASK * len(match.group()), body)


class DatabaseSmsBackend:
    """Development only: delivers nothing, stores the masked message and prints the full one on the console.

    The developer running `make run` reads codes in its console output; staff reading the outbox in
    admin never see them.
    """

    def send(self, phone: str, body: str, *, member=None) -> None:
        logger.info("Development SMS to %s: %s", phone, body)
        SmsMessage.objects.create(member=member, phone=phone, body=conceal(body))


class DatabasePushBackend:
    """Queues the notice for the member's app, which fetches it through the API (INT-05, PERM-11)."""

    def send(self, member, *, category: str, title: str, body: str) -> PushNotification:
        return PushNotification.objects.create(member=member, kind=category, title=title, body=body)


def send_sms(*, phone: str, body: str, member=None) -> None:
    """Send `body` to `phone` (belonging to `member`, when there is one) through the configured backend."""
    import_string(settings.SMS_BACKEND)().send(phone, body, member=member)


def send_push(member, *, category: str, title: str, body: str):
    """Hand a notice to the configured push backend; returns what the backend returns (the queued row by default)."""
    return import_string(settings.PUSH_BACKEND)().send(member, category=category, title=title, body=body)


def send_email(*, address: str, subject: str, body: str, headers: dict[str, str] | None = None) -> None:
    """Send one e-mail through Django's configured e-mail backend."""
    EmailMessage(subject=subject, body=body, to=[address], headers=headers).send()
