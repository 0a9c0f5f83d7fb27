"""Text messages to members' phones (VER-01 codes, security notices), through a pluggable backend.

`settings.SMS_BACKEND` names the backend class. The development backend writes
each message to the SmsMessage table, which staff read in admin; production
plugs in the carrier's gateway with the same `send(phone, body)` method.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from members.models import SmsMessage


class DatabaseSmsBackend:
    """Delivers nothing: stores the message so that staff and tests can read it."""

    def send(self, phone: str, body: str, *, member=None) -> None:
        SmsMessage.objects.create(member=member, phone=phone, body=body)


def send_sms(*, phone: str, body: str, member=None) -> None:
    """Send `body` to `phone` (belonging to `member`, when there is one) through the configured backend."""
    import_string(settings.SMS_BACKEND)().send(phone, body, member=member)
