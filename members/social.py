"""Third-party login (MEM-06): the fields each provider may give us, and consent per provider."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Only these fields of a provider's answer are kept; everything else is dropped before saving.
IMPORTED_FIELDS: dict[str, dict[str, StrOrPromise]] = {
    "weixin": {"openid": _("WeChat account identifier"), "nickname": _("WeChat nickname")},
    "dummy": {"id": _("Account identifier"), "username": _("User name")},
}


def imported_fields(provider: str) -> dict[str, StrOrPromise]:
    return IMPORTED_FIELDS.get(provider, {})


def keep_imported_fields(provider: str, data: dict) -> dict:
    allowed = imported_fields(provider)
    return {key: value for key, value in data.items() if key in allowed}
