"""The site's admin: the heartbeat the Celery worker writes."""

from django.contrib import admin

from portal.models import Heartbeat
from privacy.admin_base import ReadOnlyAdmin


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["source", "beat_at", "worker"]
