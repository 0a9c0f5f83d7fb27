"""Encryption at rest for sensitive personal information (SEC-06, DEF-02): ID numbers, payment accounts, birth dates.

The key comes from the environment (IDENTITY_ENCRYPTION_KEY), never from the database
and never from SECRET_KEY, so rotating the session secret loses no data. Rotation:
the new key goes first, the old ones into IDENTITY_ENCRYPTION_OLD_KEYS, and
`manage.py rotate_encryption_key` re-encrypts every sealed column in batches.
Encrypted columns cannot be searched: `keyed_digest` (and `KeyedDigestField`) gives a
lookup value under IDENTITY_LOOKUP_KEY instead, which rotation leaves alone.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper


def current_fernet() -> Fernet:
    return Fernet(settings.IDENTITY_ENCRYPTION_KEY)


def _fernet() -> MultiFernet:
    # Encrypts with the current key; decrypts with it or any old key still listed.
    return MultiFernet([current_fernet(), *(Fernet(key) for key in settings.IDENTITY_ENCRYPTION_OLD_KEYS)])


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


def is_sealed_with_current_key(token: str) -> bool:
    try:
        current_fernet().decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def reseal(token: str) -> str | None:
    """`token` encrypted again under the current key, or None when no listed key opens it (masked or erased)."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken:
        return None


def keyed_digest(text: str, *, purpose: str) -> str:
    """An HMAC-SHA256 of `text` for equality lookups; `purpose` separates the digests of different fields."""
    key = hmac.new(settings.IDENTITY_LOOKUP_KEY.encode(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


class SealedTextField(models.TextField):  # type: ignore[type-arg]  # generic in the stubs only
    """A column that holds Fernet tokens, sealed by the service that writes it; key rotation re-encrypts it."""


class EncryptedTextField(SealedTextField):
    """Text kept encrypted at rest and read back in plain text. An empty value stays empty, so blank checks work.

    Equality lookups cannot match (each encryption differs): keep a KeyedDigestField beside it.
    """

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return value if not value else unseal(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return value if not value else seal(str(value))


class EncryptedDateField(SealedTextField):
    """A date kept encrypted at rest (a birth date: minors' data is sensitive), read back as a `date`."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> datetime.date | None:
        text = unseal(value) if value else ""
        return datetime.date.fromisoformat(text) if text else None

    def to_python(self, value: Any) -> datetime.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, datetime.date):
            return value
        return datetime.date.fromisoformat(str(value))

    def get_prep_value(self, value: Any) -> Any:
        date = self.to_python(value)
        return None if date is None else seal(date.isoformat())

    def value_to_string(self, obj: models.Model) -> str:
        date = self.value_from_object(obj)
        return "" if date is None else date.isoformat()

    def formfield(  # type: ignore[override]  # the stubs' signature names form_class; it is passed through
        self, **kwargs: Any
    ) -> Any:
        return models.Field.formfield(self, **{"form_class": forms.DateField, **kwargs})


class EncryptedBinaryField(SealedTextField):
    """Bytes (an uploaded document) kept encrypted at rest as a Fernet token, read back as `bytes`.

    The token is text, so key rotation re-encrypts it like every other sealed column. Not editable in forms.
    """

    # What django-stubs' plugin reads as the attribute's type on the model.
    _pyi_private_set_type: bytes  # type: ignore[assignment]  # the column is text (a token); the attribute is bytes
    _pyi_private_get_type: bytes  # type: ignore[assignment]  # as above

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> bytes | None:
        if value is None:
            return None
        try:
            return _fernet().decrypt(value.encode()) if value else b""
        except InvalidToken:
            return b""

    def to_python(self, value: Any) -> bytes | None:
        if value is None or isinstance(value, bytes):
            return value
        if isinstance(value, (bytearray, memoryview)):
            return bytes(value)
        if value == "":
            return b""
        raise ValueError("EncryptedBinaryField holds bytes.")

    def get_prep_value(self, value: Any) -> Any:
        content = self.to_python(value)
        if content is None:
            return None
        return _fernet().encrypt(content).decode() if content else ""

    def value_to_string(self, obj: models.Model) -> str:
        # Serialised (dumpdata) as the token, never as the plain document.
        return self.get_prep_value(self.value_from_object(obj)) or ""


class KeyedDigestField(models.CharField):  # type: ignore[type-arg]  # generic in the stubs only
    """The keyed hash of another field's plain text, set on every save, for lookups on an encrypted column."""

    def __init__(self, *args: Any, source: str, purpose: str, **kwargs: Any) -> None:
        self.source, self.purpose = source, purpose
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, purpose=self.purpose)
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        plain = getattr(model_instance, self.source)
        value = keyed_digest(str(plain), purpose=self.purpose) if plain else ""
        setattr(model_instance, self.attname, value)
        return value

    def digest(self, plain: str) -> str:
        """The value to look `plain` up by: `Model.objects.filter(field=field.digest(plain))`."""
        return keyed_digest(plain, purpose=self.purpose)


def rewrite_rows(
    *,
    table: str,
    read: str,
    write: tuple[str, ...],
    transform: Callable[[str], tuple[str, ...] | None],
    batch_size: int = 500,
    using: BaseDatabaseWrapper | None = None,
) -> int:
    """Pass every non-empty value of column `read` through `transform` and store what it returns in `write`.

    Set-based and resumable: each batch is one SELECT ... FOR UPDATE SKIP LOCKED over the next id range and
    one UPDATE ... FROM (VALUES ...), in its own transaction; `transform` returns None for a row already done,
    so a rerun after a stop only does what is left. Returns the number of rows changed.
    """
    db = using or connection
    qn = db.ops.quote_name
    changed, last = 0, 0
    while True:
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            # SQLite (the development default) has no row locks to skip: it runs one writer at a time.
            lock = " FOR UPDATE SKIP LOCKED" if db.features.has_select_for_update_skip_locked else ""
            cursor.execute(
                f"SELECT id, {qn(read)} FROM {qn(table)} WHERE id > %s AND {qn(read)} IS NOT NULL "  # noqa: S608 - quoted identifiers
                f"AND {qn(read)} <> '' ORDER BY id LIMIT %s{lock}",
                [last, batch_size],
            )
            rows = cursor.fetchall()
            if not rows:
                return changed
            last = rows[-1][0]
            updates = [(pk, *new) for pk, old in rows if (new := transform(old)) is not None]
            if updates and db.vendor != "postgresql":
                assignments = ", ".join(f"{qn(column)} = %s" for column in write)
                cursor.executemany(
                    f"UPDATE {qn(table)} SET {assignments} WHERE id = %s",  # noqa: S608 - quoted identifiers
                    [(*values, pk) for pk, *values in updates],
                )
            elif updates:
                row_sql = "(" + ", ".join(["%s"] * (len(write) + 1)) + ")"
                assignments = ", ".join(f"{qn(column)} = v.{qn(column)}" for column in write)
                names = ", ".join(qn(column) for column in ("id", *write))
                cursor.execute(
                    f"UPDATE {qn(table)} AS t SET {assignments} "  # noqa: S608 - quoted identifiers, bound values
                    f"FROM (VALUES {', '.join([row_sql] * len(updates))}) AS v({names}) WHERE t.id = v.id",
                    [value for row in updates for value in row],
                )
            changed += len(updates)
        if len(rows) < batch_size:
            return changed


def seal_if_plain(value: str) -> tuple[str] | None:
    """For a data migration: the sealed value of a column written in plain text before; None once sealed."""
    return None if unseal(value) else (seal(value),)


def reseal_if_old(value: str) -> tuple[str] | None:
    """For key rotation: the value under the current key; None when it already is, or no listed key opens it."""
    if is_sealed_with_current_key(value):
        return None
    token = reseal(value)
    return None if token is None else (token,)


def sealed_columns() -> list[tuple[type[models.Model], SealedTextField]]:
    """Every column of an installed model that holds Fernet tokens, for rotation and its check."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, SealedTextField)
    ]
