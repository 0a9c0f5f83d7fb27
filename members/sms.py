"""Text messages to members' phones (VER-01 codes, security notices), through a pluggable backend.

`settings.SMS_BACKEND` names the backend class. The development backend writes
each message to the SmsMessage table with its codes and links masked, so that no
staff member can read a live code in admin; production plugs in the carrier's
gateway with the same `send(phone, body)` method.
"""

import logging
import re

from django.conf import settings
from django.utils.module_loading import import_string

from members.models import SmsMessage
from privacy.masking import MASK

logger = logging.getLogger(__name__)

# Verification codes are runs of digits; one-time links (unsubscribe, consent) carry their token in the path.
CODE = re.compile(r"\d{5,}")
LINK = re.compile(r"(https?://[^/\s]+)/\S*")


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


def send_sms(*, phone: str, body: str, member=None) -> None:
    """Send `body` to `phone` (belonging to `member`, when there is one) through the configured backend."""
    import_string(settings.SMS_BACKEND)().send(phone, body, member=member)
