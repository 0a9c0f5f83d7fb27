"""SEC-10 in admin: staff training records, and the report of staff whose PI-protection training is overdue."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rights.models import TrainingRecord
from rights.selectors import staff_overdue_training


@admin.register(TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only
    list_display = ["staff", "course", "completed_on", "exam_passed", "score", "expires_on"]
    list_filter = ["exam_passed", "course"]
    list_select_related = ["staff"]
    search_fields = ["staff__member_name", "course"]
    raw_id_fields = ["staff"]
    date_hierarchy = "expires_on"
    change_list_template = "admin/rights/trainingrecord/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        overdue = path("overdue/", self.admin_site.admin_view(self.overdue_view), name="rights_trainingrecord_overdue")
        return [overdue, *super().get_urls()]

    def overdue_view(self, request: HttpRequest) -> HttpResponse:
        """Staff with no passed training still valid today, working-group members first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Staff whose training is overdue"),
            "today": today,
            "overdue": staff_overdue_training(today=today),
        }
        return TemplateResponse(request, "admin/rights/trainingrecord/overdue.html", context)
