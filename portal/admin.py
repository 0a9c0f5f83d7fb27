from django.contrib import admin

from portal.models import Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["source", "beat_at", "worker"]
    readonly_fields = ["source", "beat_at", "worker"]

    def has_add_permission(self, request):
        return False
