"""Staff access to members' personal data: every reveal is logged (VER-06)."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError

from privacy.models import StaffAccessLog

VIEW_PERSONAL_DATA = "members.view_personal_data"


def log_staff_access(*, staff, member, record, fields: Iterable[str], reason: str) -> StaffAccessLog:
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
