from django.contrib import admin

from privacy.models import PolicyVersion


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ["label", "effective_on", "published_at"]
    search_fields = ["label"]

    def get_readonly_fields(self, request, obj=None):
        # A published version is what members accepted: it is never edited (POL-14).
        if obj is not None and obj.published_at is not None:
            return ["label", "effective_on", "text", "published_at"]
        return []

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.published_at is None) and super().has_delete_permission(request, obj)
