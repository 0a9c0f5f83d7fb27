"""Section V(III)3: security incidents: the register, closing it, the notice to affected members and the announcement.

The privacy officer works these from admin (STO-09); every rule lives here and admin actions call it.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from interactions.models import AlertCategory
from interactions.services import notify_all
from members.models import Member
from rights.models import AffectedMember, IncidentTimelineEntry, SecurityIncident
from rights.selectors import BANNER_CACHE_KEY

NOTICE_BATCH = 500

Status = SecurityIncident.Status


def missing_notice_sections(incident: SecurityIncident) -> list[str]:
    """The headings of the notice's five parts that are still empty (STO-10)."""
    return [heading for heading, text in incident.notice_sections() if not text.strip()]


def _require_notice(incident: SecurityIncident) -> None:
    missing = missing_notice_sections(incident)
    if missing:
        raise ValidationError(
            _("The notice cannot go out while these parts are empty: %(parts)s.") % {"parts": ", ".join(missing)},
            code="incomplete_notice",
        )


def record_timeline_entry(
    *, incident: SecurityIncident, entry: str, staff: Member, occurred_at: datetime | None = None
) -> IncidentTimelineEntry:
    """Add one step to the incident's timeline, recorded by `staff` (at `occurred_at`, or now)."""
    return IncidentTimelineEntry.objects.create(
        incident=incident, entry=entry, recorded_by=staff, occurred_at=occurred_at or timezone.now()
    )


@transaction.atomic
def close_incident(*, incident_id: int, staff: Member) -> SecurityIncident:
    """Close an open incident; refused until the regulator report is dated or marked not required with a reason."""
    incident = SecurityIncident.objects.select_for_update().get(pk=incident_id)
    if incident.status == Status.CLOSED:
        return incident
    if incident.regulator_reported_on is None and not (
        incident.regulator_report_not_required and incident.regulator_not_required_reason.strip()
    ):
        raise ValidationError(
            _("Record when the incident was reported to the regulator, or mark the report not required and say why."),
            code="regulator_outcome_missing",
        )
    now = timezone.now()
    SecurityIncident.objects.filter(pk=incident.pk, status=Status.OPEN).update(status=Status.CLOSED, closed_at=now)
    IncidentTimelineEntry.objects.create(
        incident=incident, entry=_("Incident closed."), recorded_by=staff, occurred_at=now
    )
    incident.status, incident.closed_at = Status.CLOSED, now
    return incident


@transaction.atomic
def send_incident_notice(*, incident_id: int, staff: Member) -> bool:
    """Start the notice to every affected member (STO-10); False when it was already started (no second notice)."""
    incident = SecurityIncident.objects.select_for_update().get(pk=incident_id)
    _require_notice(incident)
    now = timezone.now()
    started = SecurityIncident.objects.filter(pk=incident.pk, notice_sent_at__isnull=True).update(notice_sent_at=now)
    if not started:
        return False
    count = AffectedMember.objects.filter(incident=incident).count()
    IncidentTimelineEntry.objects.create(
        incident=incident,
        entry=_("Notice sent to %(count)d affected members.") % {"count": count},
        recorded_by=staff,
        occurred_at=now,
    )
    from rights.tasks import deliver_incident_notice

    transaction.on_commit(lambda: deliver_incident_notice.delay(incident.pk))
    return True


def notice_text(incident: SecurityIncident) -> tuple[str, str]:
    """The title and body of the notice in the site's language: the five parts, each under its heading."""
    with override(settings.LANGUAGE_CODE):
        title = _("Security incident: %(title)s") % {"title": incident.title}
        parts = [f"{heading}\n{text.strip()}" for heading, text in incident.notice_sections()]
        return title, "\n\n".join(parts)


def deliver_notice_batch(incident_id: int) -> int:
    """Notify one batch of affected members not yet notified; returns how many. Safe to run twice or at once."""
    incident = SecurityIncident.objects.get(pk=incident_id)
    if incident.notice_sent_at is None:
        return 0
    _require_notice(incident)
    title, body = notice_text(incident)
    with transaction.atomic():
        batch = list(
            AffectedMember.objects.select_for_update(skip_locked=True)
            .filter(incident_id=incident_id, notified_at__isnull=True)
            .order_by("id")
            .values_list("id", "member_id")[:NOTICE_BATCH]
        )
        if not batch:
            return 0
        # Security notices always reach the inbox; SMS and push follow the member's switches.
        notify_all(Member.objects.filter(pk__in=[m for _, m in batch]), AlertCategory.SECURITY, title=title, body=body)
        AffectedMember.objects.filter(pk__in=[pk for pk, _ in batch]).update(notified_at=timezone.now())
    return len(batch)


@transaction.atomic
def announce_incident(*, incident_id: int, staff: Member) -> bool:
    """Publish the incident's public page and the site-wide banner linking it (STO-11); False if already announced."""
    incident = SecurityIncident.objects.select_for_update().get(pk=incident_id)
    _require_notice(incident)
    now = timezone.now()
    if not SecurityIncident.objects.filter(pk=incident.pk, announced_at__isnull=True).update(announced_at=now):
        return False
    IncidentTimelineEntry.objects.create(
        incident=incident, entry=_("Public announcement published."), recorded_by=staff, occurred_at=now
    )
    forget_banner()
    transaction.on_commit(forget_banner)
    return True


def forget_banner() -> None:
    cache.delete(BANNER_CACHE_KEY)
