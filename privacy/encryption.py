"""Encryption at rest for sensitive personal information (SEC-06): ID numbers, customs ID details.

One key, from the environment (IDENTITY_ENCRYPTION_KEY), never from the database
and never derived from SECRET_KEY, so rotating the session secret loses no data.
Encrypted columns cannot be searched: `keyed_digest` gives a lookup value instead.
"""

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    return Fernet(settings.IDENTITY_ENCRYPTION_KEY)


def seal(text: str) -> str:
    """The ciphertext of `text`, as a string for a text column."""
    return _fernet().encrypt(text.encode()).decode()


def unseal(token: str | None) -> str:
    """The plain text, or "" when there is none or it can no longer be decrypted (erased, or another key)."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def keyed_digest(text: str, *, purpose: str) -> str:
    """An HMAC-SHA256 of `text` for equality lookups; `purpose` separates the digests of different fields."""
    key = hmac.new(settings.IDENTITY_ENCRYPTION_KEY.encode(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
