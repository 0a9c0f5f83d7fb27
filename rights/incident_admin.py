"""Admin for the privacy officer's security-incident register (STO-09..11); actions call rights.incidents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from privacy.admin_base import staff_member
from rights.incidents import announce_incident, close_incident, record_timeline_entry, send_incident_notice
from rights.models import AffectedMember, IncidentTimelineEntry, SecurityIncident


class TimelineInline(admin.TabularInline):  # type: ignore[type-arg]  # generic in the stubs only
    """New steps are added here; steps already recorded stay as they were."""

    model = IncidentTimelineEntry
    fields = ["occurred_at", "entry", "recorded_by"]
    readonly_fields = ["recorded_by"]
    extra = 1
    can_delete = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AffectedMemberInline(admin.TabularInline):  # type: ignore[type-arg]  # generic in the stubs only
    model = AffectedMember
    fields = ["member", "notified_at"]
    readonly_fields = ["notified_at"]
    raw_id_fields = ["member"]
    extra = 1
    can_delete = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _run(
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[SecurityIncident],
    service: Callable[..., Any],
    done: str,
) -> None:
    for incident in queryset:
        try:
            result = service(incident_id=incident.pk, staff=staff_member(request))
        except ValidationError as error:
            modeladmin.message_user(request, f"{incident}: {' '.join(error.messages)}", messages.ERROR)
            continue
        if result is False:
            modeladmin.message_user(request, gettext("%(incident)s: already done.") % {"incident": incident})
        else:
            modeladmin.message_user(request, done % {"incident": incident}, messages.SUCCESS)


@admin.register(SecurityIncident)
class SecurityIncidentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only
    list_display = ["title", "discovered_at", "status", "affected_count", "notice_sent_at", "announced_at", "closed_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    date_hierarchy = "discovered_at"
    readonly_fields = ["status", "notice_sent_at", "announced_at", "closed_at"]
    fieldsets = [
        (None, {"fields": ["title", "discovered_at", "scope", "measures", "status"]}),
        (
            _("Notice to affected members"),
            {
                "fields": [
                    "what_happened",
                    "likely_impact",
                    "measures_taken",
                    "self_protection",
                    "remedies",
                    "notice_sent_at",
                    "announced_at",
                ]
            },
        ),
        (
            _("Report to the regulator"),
            {
                "fields": [
                    "regulator_reported_on",
                    "regulator_reference",
                    "regulator_report_not_required",
                    "regulator_not_required_reason",
                    "closed_at",
                ]
            },
        ),
    ]
    inlines = [TimelineInline, AffectedMemberInline]
    actions = ["send_notice", "announce", "close"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[SecurityIncident]:
        incidents: QuerySet[SecurityIncident] = super().get_queryset(request)
        return incidents.annotate(
            affected_total=Count("affected", distinct=True),
            not_notified=Count("affected", filter=Q(affected__notified_at__isnull=True), distinct=True),
        )

    @admin.display(description=_("affected members (not yet notified)"))
    def affected_count(self, obj: Any) -> str:
        return f"{obj.affected_total} ({obj.not_notified})"

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not IncidentTimelineEntry:
            super().save_formset(request, form, formset, change)
            return
        for entry in formset.save(commit=False):
            record_timeline_entry(
                incident=form.instance, entry=entry.entry, staff=staff_member(request), occurred_at=entry.occurred_at
            )

    @admin.action(description=_("Send the notice to the affected members"), permissions=["change"])
    def send_notice(self, request: HttpRequest, queryset: QuerySet[SecurityIncident]) -> None:
        _run(self, request, queryset, send_incident_notice, gettext("%(incident)s: the notice is being sent."))

    @admin.action(description=_("Publish the public announcement and site banner"), permissions=["change"])
    def announce(self, request: HttpRequest, queryset: QuerySet[SecurityIncident]) -> None:
        _run(self, request, queryset, announce_incident, gettext("%(incident)s: announced on every page."))

    @admin.action(description=_("Close the incident"), permissions=["change"])
    def close(self, request: HttpRequest, queryset: QuerySet[SecurityIncident]) -> None:
        _run(self, request, queryset, close_incident, gettext("%(incident)s: closed."))
