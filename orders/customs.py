"""TRX-03: cross-border customs ID numbers are stored encrypted, with a key derived from the site's secret."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    key = hashlib.sha256(b"orders.customs-id:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(id_number: str) -> str:
    return _fernet().encrypt(id_number.encode()).decode()


def unseal(token: str | None) -> str:
    """The ID number, or "" when there is none or it can no longer be decrypted."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def masked(token: str | None) -> str:
    number = unseal(token)
    return f"{'•' * max(len(number) - 4, 0)}{number[-4:]}" if number else ""
