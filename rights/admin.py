"""Admin for the retention and erasure engine: run records (read-only), legal holds, tombstones, ceased services."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from privacy.admin_base import ReadOnlyAdmin
from rights.erasure import lift_hold
from rights.models import (
    CeasedService,
    ErasureRun,
    ErasureStep,
    LegalHold,
    RetentionChunk,
    RetentionRun,
    RunStatus,
    Tombstone,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RetentionChunkInline(ReadOnlyInline):
    model = RetentionChunk
    fields = [
        "first_id",
        "last_id",
        "status",
        "attempts",
        "worker",
        "rows_examined",
        "rows_changed",
        "batches",
        "error",
    ]
    readonly_fields = fields


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = [
        "rule",
        "action",
        "status",
        "started_at",
        "finished_at",
        "rows_examined",
        "rows_changed",
        "batches",
        "interruptions",
    ]
    list_filter = ["rule", "status"]
    date_hierarchy = "started_at"
    inlines = [RetentionChunkInline]


class ErasureStepInline(ReadOnlyInline):
    model = ErasureStep
    fields = [
        "position",
        "model_label",
        "status",
        "attempts",
        "rows_deleted",
        "rows_anonymized",
        "rows_kept",
        "kept_until",
        "kept_basis",
        "error",
    ]
    readonly_fields = fields


@admin.register(ErasureRun)
class ErasureRunAdmin(ReadOnlyAdmin):
    list_display = ["pk", "member_id", "reason", "status", "created_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["=member__pk"]
    fields = ["member_id", "reason", "status", "created_at", "started_at", "finished_at", "error", "receipt_view"]
    readonly_fields = fields
    inlines = [ErasureStepInline]
    actions = ["retry"]

    @admin.display(description=_("receipt"))
    def receipt_view(self, obj):
        return render_to_string("rights/erasure_receipt.html", {"run": obj}) if obj.receipt else "—"

    @admin.action(description=_("Retry failed erasures from the failed step"))
    def retry(self, request, queryset):
        from rights.tasks import erase_member

        runs = list(queryset.filter(status=RunStatus.FAILED).values_list("pk", flat=True))
        for pk in runs:
            erase_member.delay(pk)
        self.message_user(
            request,
            ngettext("%(count)d erasure queued again.", "%(count)d erasures queued again.", len(runs))
            % {"count": len(runs)},
        )


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    list_display = ["__str__", "set_by", "set_at", "lifted_by", "lifted_at"]
    list_filter = ["target_label"]
    list_select_related = ["member", "set_by", "lifted_by"]
    raw_id_fields = ["member"]
    fields = ["member", "target_label", "target_id", "reason"]
    actions = ["lift"]

    def get_readonly_fields(self, request, obj=None):
        # A hold is evidence of why data was kept: once set it is only lifted, never edited.
        return self.fields if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_by = request.user
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Lift the selected holds"))
    def lift(self, request, queryset):
        holds = list(queryset.filter(lifted_at__isnull=True))
        for hold in holds:
            lift_hold(hold, by=request.user)
        self.message_user(
            request, ngettext("%(count)d hold lifted.", "%(count)d holds lifted.", len(holds)) % {"count": len(holds)}
        )


@admin.register(Tombstone)
class TombstoneAdmin(ReadOnlyAdmin):
    list_display = ["member_id", "erased_at"]
    search_fields = ["=member_id"]


@admin.register(CeasedService)
class CeasedServiceAdmin(ReadOnlyAdmin):
    list_display = ["name", "ceased_at", "rows_deleted", "rows_anonymized", "rows_kept"]
