from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy.admin_base import ReadOnlyAdmin
from privacy.forms import PolicyVersionAdminForm
from privacy.models import (
    ConsentEvent,
    Partner,
    PolicyScope,
    PolicyVersion,
    ScopedPolicyVersion,
    SharingRecord,
    StaffAccessLog,
)
from privacy.policy_versions import prepare_version, publish_scoped_version, publish_version

if TYPE_CHECKING:
    from django import forms
    from django.db.models import Field, QuerySet
    from django.http import HttpRequest


class PublishedVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """A policy text that is drafted, then published; a published version is never edited or deleted (POL-14)."""

    actions = ["publish"]
    # The service that publishes one version (checks, then stamps published_at).
    publish_service: staticmethod[[Any], object]

    def has_change_permission(
        self, request: HttpRequest, obj: PolicyVersion | ScopedPolicyVersion | None = None
    ) -> bool:
        return (obj is None or obj.published_at is None) and super().has_change_permission(request, obj)

    def has_delete_permission(
        self, request: HttpRequest, obj: PolicyVersion | ScopedPolicyVersion | None = None
    ) -> bool:
        return (obj is None or obj.published_at is None) and super().has_delete_permission(request, obj)

    @admin.action(description=_("Publish the selected versions"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for version in queryset.filter(published_at__isnull=True):
            try:
                self.publish_service(version)
            except ValidationError as error:
                self.message_user(request, f"{version}: {error.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, _("Published %(label)s.") % {"label": str(version)}, messages.SUCCESS)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(PublishedVersionAdmin):
    """The privacy officer drafts, then publishes the member policy (POL-11..15)."""

    form = PolicyVersionAdminForm
    publish_service = staticmethod(publish_version)
    list_display = ["label", "effective_on", "is_material", "published_at"]
    list_filter = ["is_material"]
    search_fields = ["label"]
    fieldsets = [
        (None, {"fields": ["label", "effective_on", "text", "text_zh"]}),
        (
            _("Material change (POL-13): ticking any of these makes the version material"),
            {"fields": [*PolicyVersion.MATERIAL_TRIGGERS, "is_material"]},
        ),
        (_("Publication"), {"fields": ["published_at"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: PolicyVersion | None = None) -> list[str]:
        # A published version is what members accepted: it is never edited (POL-14).
        if obj is not None and obj.published_at is not None:
            return [f.name for f in PolicyVersion._meta.concrete_fields if f.name != "id"]
        if obj is not None and obj.has_material_trigger:
            return ["published_at", "is_material"]
        return ["published_at"]

    def save_model(self, request: HttpRequest, obj: PolicyVersion, form: Any, change: bool) -> None:
        prepare_version(obj)
        super().save_model(request, obj, form, change)


@admin.register(ScopedPolicyVersion)
class ScopedPolicyVersionAdmin(PublishedVersionAdmin):
    """POL-04: the merchant and industrial-products policies, each with its own versions."""

    publish_service = staticmethod(publish_scoped_version)
    list_display = ["scope", "label", "effective_on", "published_at"]
    list_filter = ["scope"]
    fields = ["scope", "label", "effective_on", "text", "text_zh", "published_at"]

    def formfield_for_choice_field(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.TypedChoiceField | None:
        if db_field.name == "scope":
            kwargs["choices"] = [(value, label) for value, label in PolicyScope.choices if value != PolicyScope.MEMBER]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: ScopedPolicyVersion | None = None) -> list[str]:
        if obj is not None and obj.published_at is not None:
            return self.fields  # type: ignore[return-value]  # a flat list; the stubs widen `fields` to field groups
        return ["published_at"]


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    """The ledger, read-only here; the rights app adds the change staff make on a member's behalf (RGT-09)."""

    list_display = ["occurred_at", "member", "purpose", "scope", "is_granted", "channel", "policy_version"]
    list_filter = ["purpose", "is_granted", "channel"]
    list_select_related = ["member", "policy_version"]
    search_fields = ["member__member_name", "scope"]
    date_hierarchy = "occurred_at"
    raw_id_fields = ["member"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
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
