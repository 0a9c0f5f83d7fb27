"""The channels a notice takes besides the Messages inbox: SMS, e-mail and push, each pluggable by setting.

`settings.SMS_BACKEND` names the SMS backend class (`send(phone, body, *, member=None)`): the
development backend writes each text to the SmsMessage outbox, which staff read in admin;
production plugs in the carrier's gateway. `settings.PUSH_BACKEND` names the push backend
(`send(member, *, category, title, body)`): the default queues a PushNotification row that the
app fetches through the API. E-mail goes through Django's `EMAIL_BACKEND`.
Verification codes use `send_sms` directly; every notice goes through `interactions.services.notify`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from interactions.models import PushNotification, SmsMessage

# What one text message may hold (the SMS outbox and carriers' long-message limit).
SMS_MAX_LENGTH = 300


class DatabaseSmsBackend:
    """Delivers nothing: stores the message so that staff and tests can read it."""

    def send(self, phone: str, body: str, *, member=None) -> None:
        SmsMessage.objects.create(member=member, phone=phone, body=body)


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
