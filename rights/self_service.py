"""RGT-04: the records a member may delete themselves, a kind at a time, from the My data page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from members.models import Member
from privacy.registry import registry
from rights.erasure import run_batches
from rights.selectors import SELF_SERVICE_DELETE, rows_of


def delete_my_records(*, member: Member, label: str) -> int:
    """Delete every row of one self-deletable kind of record of `member`, set-based; returns rows deleted."""
    registration = next((r for r in registry if r.label == label), None)
    if registration is None or label not in SELF_SERVICE_DELETE:
        raise ValidationError(_("These records cannot be deleted here; file a deletion request."), code="not_deletable")
    return run_batches(rows_of(registration, member), rewrite=None)
