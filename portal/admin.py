"""The site's admin: the heartbeat, and the base every read-only ledger or log admin uses."""

from django.contrib import admin

from portal.models import Heartbeat


class ReadOnlyAdmin(admin.ModelAdmin):
    """Ledgers and logs are written by services only; admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["source", "beat_at", "worker"]
