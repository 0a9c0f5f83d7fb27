"""API tokens: the keys a member makes for the mobile app (Authorization: Bearer <key>), stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from members.models import ApiToken

if TYPE_CHECKING:
    from members.models import Member

KEY_BYTES = 32
PREFIX_LENGTH = 8
# Recording every use would write a row on every request; once in a while is enough to show "last used".
LAST_USED_RESOLUTION = timedelta(minutes=5)


def new_key() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


def key_hash(key: str) -> str:
    # A 256-bit random key needs no slow hash: SHA-256 cannot be reversed or guessed from it.
    return hashlib.sha256(key.encode()).hexdigest()


class BearerTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Bearer <key>` for a key the member made; a revoked key or closed account is refused."""

    keyword = "Bearer"

    def authenticate_credentials(self, key: str) -> tuple[Member, ApiToken]:
        token = ApiToken.objects.select_related("member").filter(key_hash=key_hash(key)).first()
        if token is None or not token.member.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.member, token
