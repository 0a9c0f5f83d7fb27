"""The base every read-only ledger or log admin uses, whichever app it belongs to."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Ledgers and logs are written by services only; admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
