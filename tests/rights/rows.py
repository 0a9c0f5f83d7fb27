"""Test data: one row of the member in every model of the privacy registry, made generically from the fields.

A model registered later gets its row here without a change, which is what the closure-page and export tests need.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone

from catalog.models import Store
from members.models import Member
from orders.models import Order
from privacy.registry import registry

_counter = itertools.count(1)


# Values a check constraint or a choice needs; everything else is filled by type.
def _now(member, made):
    return timezone.now()


def _store(member, made):
    return made.get(Store) or make(Store, member, made)


def _another_member(member, made):
    n = next(_counter)
    return Member.objects.create_user(f"other{n}", "a long enough secret", phone=f"+86139{n:08d}")


OVERRIDES: dict[str, dict] = {
    # A member is never their own friend (database constraints).
    "interactions.Friendship": {"friend": _another_member},
    "interactions.FriendRequest": {"to_member": _another_member},
    "orders.Order": {"status": Order.Status.COMPLETED, "completed_at": _now},
    "rights.LegalHold": {"lifted_at": _now},
    "support.Ticket": {"status": "closed", "closed_at": _now},
    "catalog.Follow": {"store": _store},
    "orders.Payment": {"paid_at": _now},
    "rights.RightsRequest": {"type": "deletion", "deletion_ground": "no_consent"},
    "rights.DataExport": {"status": "expired"},
    # A comment or like is on a channel or on a video, never both.
    "publishing.LiveComment": {"video": None},
    "publishing.LiveLike": {"video": None},
    "publishing.Comment": {"post": None},  # on a review: a comment is on one review or one post
    "privacy.Disclosure": {"kind": "public"},
    "rights.TrainingRecord": {"expires_on": lambda member, made: date(2001, 1, 1)},  # after completed_on
}


def _value(field: models.Field, member: Member, made: dict):
    n = next(_counter)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.ForeignKey | models.OneToOneField):
        related = field.related_model
        if related is Member:
            return member
        if related in made:
            return made[related]
        return make(related, member, made)
    if isinstance(field, models.EmailField):
        return f"r{n}@example.com"
    if isinstance(field, models.CharField | models.TextField):
        text = f"r{n}"
        return text[: field.max_length] if getattr(field, "max_length", None) else text
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal("1")
    if isinstance(field, models.IntegerField | models.BigIntegerField | models.PositiveIntegerField):
        return 1
    if isinstance(field, models.DateTimeField):
        # Later fields later: "ends after it starts" holds in field order.
        return timezone.now() + timedelta(seconds=n)
    if isinstance(field, models.DateField):
        return date(2000, 1, 1)
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.GenericIPAddressField):
        return "203.0.113.9"
    if isinstance(field, models.UUIDField):
        import uuid

        return uuid.uuid4()
    if isinstance(field, models.BinaryField):
        return b"%PDF-1.4 test"
    if isinstance(field, models.FileField):
        return f"test/r{n}.png"
    raise TypeError(f"no test value for {field!r}")


def make(model: type[models.Model], member: Member, made: dict) -> models.Model:
    """One row of `model`, with every required field filled and links to `member` where they lead to members."""
    values = {}
    overrides = OVERRIDES.get(model._meta.label, {})
    registration = registry.get(model)
    subject_root = registration.subject.split(LOOKUP_SEP, 1)[0] if registration else ""
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in overrides:
            continue
        if field.has_default() or ((field.null or field.blank) and not field.is_relation):
            continue
        if field.null and field.is_relation and field.related_model is Member and field.name != subject_root:
            continue
        if field.null and field.related_model is model:
            continue
        values[field.name] = _value(field, member, made)
    for name, value in overrides.items():
        values[name] = value(member, made) if callable(value) else value
    row = model._base_manager.create(**values)
    made[model] = row
    return row


def row_in_every_registered_model(member: Member) -> dict[str, models.Model]:
    """{label: row} for every registered model, each row belonging to `member` through its subject."""
    made: dict = {Member: member}
    rows = {}
    # Models reached through others first need those others: make the deepest subjects last.
    for registration in sorted(registry, key=lambda r: r.subject.count(LOOKUP_SEP)):
        if registration.model is Member:
            rows[registration.label] = member
            continue
        rows[registration.label] = made.get(registration.model) or make(registration.model, member, made)
    return rows
