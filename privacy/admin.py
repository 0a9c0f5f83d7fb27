from django.contrib import admin

from privacy.models import ConsentEvent, Partner, PolicyVersion, SharingRecord, StaffAccessLog


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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Ledgers and logs are written by services only; admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "member", "purpose", "scope", "is_granted", "channel", "policy_version"]
    list_filter = ["purpose", "is_granted", "channel"]
    list_select_related = ["member", "policy_version"]
    search_fields = ["member__member_name", "scope"]
    date_hierarchy = "occurred_at"


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "code"]


@admin.register(SharingRecord)
class SharingRecordAdmin(ReadOnlyAdmin):
    list_display = ["shared_at", "member", "partner", "purpose", "legal_basis", "reference"]
    list_filter = ["partner", "legal_basis"]
    list_select_related = ["member", "partner"]
    search_fields = ["member__member_name", "reference"]
    date_hierarchy = "shared_at"


@admin.register(StaffAccessLog)
class StaffAccessLogAdmin(ReadOnlyAdmin):
    list_display = ["accessed_at", "staff", "member", "object_label", "reason"]
    list_select_related = ["staff", "member"]
    search_fields = ["staff__member_name", "member__member_name", "object_label"]
    date_hierarchy = "accessed_at"


import privacy.retention_admin  # noqa: E402, F401
