"""Staff access to members' personal data: every reveal is logged (VER-06)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError

from privacy.models import StaffAccessLog

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # django-stubs' name for AUTH_USER_MODEL, the member
    from django.db.models import Model

VIEW_PERSONAL_DATA = "members.view_personal_data"


def log_staff_access(
    *, staff: _User, member: _User, record: Model, fields: Iterable[str], reason: str
) -> StaffAccessLog:
    """Check that `staff` may see personal data, then log which fields of `record` they see and why."""
    if not staff.has_perm(VIEW_PERSONAL_DATA):
        raise PermissionDenied("Revealing personal data needs the view_personal_data permission.")
    if not reason.strip():
        raise ValidationError("Say why you need to see this member's personal data.")
    return StaffAccessLog.objects.create(
        staff=staff,
        member=member,
        object_label=f"{record._meta.label} #{record.pk}",
        fields=sorted(fields),
        reason=reason.strip()[:300],
    )
