"""De-identification for analytics and model training (POL-09).

Every analytics or training export passes its rows through `deidentify()`: direct
identifiers (names, phone numbers, ID numbers, emails, addresses, account and
payment details) are removed, member and order references become stable keyed
pseudonyms, and any identifier left inside free text is replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from privacy.encryption import keyed_digest

# Keys whose values identify a person directly: dropped from the row.
REMOVED_KEYS = frozenset(
    {
        "member_name",
        "username",
        "nickname",
        "real_name",
        "name",
        "consignee_name",
        "customs_id_name",
        "phone",
        "mobile",
        "consignee_phone",
        "alternative_phone",
        "payer_phone",
        "landline",
        "other_contact",
        "email",
        "address",
        "delivery_address",
        "id_number",
        "customs_id_number",
        "taxpayer_id",
        "invoice_title",
        "payer_account",
        "tracking_number",
        "ip_address",
        "user_agent",
    }
)
# Keys that link rows to a member or an order: replaced by a stable pseudonym, so analysis can still group by them.
PSEUDONYMISED_KEYS = frozenset({"member", "member_id", "buyer", "buyer_id", "user_id", "order", "order_id", "number"})

PHONE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
REDACTED = "[removed]"


def pseudonym(value: Any, *, kind: str = "member") -> str:
    """A stable keyed pseudonym: the same value always maps to the same token, which cannot be reversed."""
    return f"{kind[:1]}-{keyed_digest(str(value), purpose=f'deidentify:{kind}')[:16]}"


def deidentify_text(text: str) -> str:
    """`text` with every phone number, 18-digit ID number and email address replaced."""
    for pattern in (EMAIL, ID_NUMBER, PHONE):
        text = pattern.sub(REDACTED, text)
    return text


def _kind(key: str) -> str:
    return "order" if key in {"order", "order_id", "number"} else "member"


def deidentify_row(row: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in row.items():
        if key in REMOVED_KEYS:
            continue
        if key in PSEUDONYMISED_KEYS:
            clean[key] = pseudonym(value, kind=_kind(key)) if value is not None else None
        elif isinstance(value, str):
            clean[key] = deidentify_text(value)
        else:
            clean[key] = value
    return clean


def deidentify(rows: Iterable[Mapping[str, Any]] | str) -> list[dict[str, Any]] | str:
    """De-identify a text, or rows (dicts) as a list: the only way data reaches analytics or training (POL-09)."""
    if isinstance(rows, str):
        return deidentify_text(rows)
    return [deidentify_row(row) for row in rows]
