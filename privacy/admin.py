from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from privacy import marketing
from privacy.admin_base import ReadOnlyAdmin
from privacy.admin_masking import PersonalDataAdminMixin
from privacy.forms import PolicyVersionAdminForm, StaffConsentChangeForm
from privacy.models import (
    AlertSetting,
    ConsentEvent,
    MarketingCall,
    MarketingMessage,
    MarketingPopup,
    Partner,
    PolicyScope,
    PolicyVersion,
    ScopedPolicyVersion,
    SharingRecord,
    StaffAccessLog,
)
from privacy.policy_versions import prepare_version, publish_scoped_version, publish_version


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    """The privacy officer drafts, then publishes; a published version is never edited (POL-11..15)."""

    form = PolicyVersionAdminForm
    list_display = ["label", "effective_on", "is_material", "published_at"]
    list_filter = ["is_material"]
    search_fields = ["label"]
    actions = ["publish"]
    fieldsets = [
        (None, {"fields": ["label", "effective_on", "text", "text_zh"]}),
        (
            _("Material change (POL-13): ticking any of these makes the version material"),
            {"fields": [*PolicyVersion.MATERIAL_TRIGGERS, "is_material"]},
        ),
        (_("Publication"), {"fields": ["published_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # A published version is what members accepted: it is never edited (POL-14).
        if obj is not None and obj.published_at is not None:
            return [f.name for f in PolicyVersion._meta.concrete_fields if f.name != "id"]
        if obj is not None and obj.has_material_trigger:
            return ["published_at", "is_material"]
        return ["published_at"]

    def save_model(self, request, obj, form, change):
        prepare_version(obj)
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.published_at is None) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.published_at is None) and super().has_delete_permission(request, obj)

    @admin.action(description=_("Publish the selected versions"), permissions=["change"])
    def publish(self, request, queryset):
        for version in queryset.filter(published_at__isnull=True):
            try:
                publish_version(version)
            except ValidationError as error:
                self.message_user(request, f"{version}: {error.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, _("Published %(label)s.") % {"label": version.label}, messages.SUCCESS)


@admin.register(ScopedPolicyVersion)
class ScopedPolicyVersionAdmin(admin.ModelAdmin):
    """POL-04: the merchant and industrial-products policies, each with its own versions; published ones are frozen."""

    list_display = ["scope", "label", "effective_on", "published_at"]
    list_filter = ["scope"]
    actions = ["publish"]
    fields = ["scope", "label", "effective_on", "text", "text_zh", "published_at"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "scope":
            kwargs["choices"] = [(value, label) for value, label in PolicyScope.choices if value != PolicyScope.MEMBER]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.published_at is not None:
            return self.fields
        return ["published_at"]

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.published_at is None) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.published_at is None) and super().has_delete_permission(request, obj)

    @admin.action(description=_("Publish the selected versions"), permissions=["change"])
    def publish(self, request, queryset):
        for version in queryset.filter(published_at__isnull=True):
            try:
                publish_scoped_version(version)
            except ValidationError as error:
                self.message_user(request, f"{version}: {error.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, _("Published %(label)s.") % {"label": str(version)}, messages.SUCCESS)


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    """The ledger, read-only; customer service may add a change on the member's behalf, under a rights request."""

    list_display = ["occurred_at", "member", "purpose", "scope", "is_granted", "channel", "policy_version"]
    list_filter = ["purpose", "is_granted", "channel"]
    list_select_related = ["member", "policy_version"]
    search_fields = ["member__member_name", "scope"]
    date_hierarchy = "occurred_at"
    raw_id_fields = ["member"]

    def has_add_permission(self, request):
        return request.user.has_perm("privacy.add_consentevent")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = StaffConsentChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*StaffConsentChangeForm._meta.fields, "rights_request", "reason"]
        return super().get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        from rights.staff_actions import change_consent_for_member

        event = change_consent_for_member(
            request=form.cleaned_data["rights_request"],
            staff=request.user,
            purpose=obj.purpose,
            is_granted=obj.is_granted,
            scope=obj.scope,
            reason=form.cleaned_data["reason"],
        )
        obj.pk = event.pk


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


@admin.register(AlertSetting)
class AlertSettingAdmin(ReadOnlyAdmin):
    list_display = ["member", "category", "channel", "is_enabled", "updated_at"]
    list_filter = ["category", "channel", "is_enabled"]
    list_select_related = ["member"]
    search_fields = ["member__member_name"]


@admin.register(MarketingMessage)
class MarketingMessageAdmin(PersonalDataAdminMixin, ReadOnlyAdmin):
    list_display = ["sent_at", "member", "channel", "subject", "unsubscribed_at"]
    list_filter = ["channel"]
    list_select_related = ["member"]
    search_fields = ["member__member_name", "subject"]
    date_hierarchy = "sent_at"


class CallListRefreshForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200, help_text=_("What the calls offer."))


@admin.register(MarketingCall)
class MarketingCallAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    """The phone-marketing call list (INT-02): only members who agree to calls right now, re-checked per call."""

    list_display = ["topic", "member", "phone", "queued_at"]
    list_filter = ["topic"]
    list_select_related = ["member"]
    search_fields = ["topic", "member__member_name"]
    actions = ["record_reached", "record_no_answer"]
    change_list_template = "admin/privacy/marketingcall/change_list.html"

    def get_queryset(self, request):
        # A member who withdraws phone marketing drops out at once, before the next refresh.
        return marketing.open_calls()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        refresh = path(
            "refresh/",
            self.admin_site.admin_view(self.refresh_view),
            name="privacy_marketingcall_refresh",
        )
        return [refresh, *super().get_urls()]

    def refresh_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = CallListRefreshForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            count = marketing.refresh_call_list(form.cleaned_data["topic"])
            self.message_user(request, _("%(count)s calls are open on this list.") % {"count": count}, messages.SUCCESS)
            return redirect(reverse("admin:privacy_marketingcall_changelist"))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form}
        return TemplateResponse(request, "admin/privacy/marketingcall/refresh.html", context)

    def _record(self, request, queryset, outcome):
        for call in queryset:
            try:
                marketing.record_call(call, staff=request.user, outcome=outcome)
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.WARNING)
            else:
                self.message_user(request, _("Recorded the call to %(member)s.") % {"member": call.member})

    @admin.action(description=_("Record: called, reached"), permissions=["view"])
    def record_reached(self, request, queryset):
        self._record(request, queryset, MarketingCall.Outcome.REACHED)

    @admin.action(description=_("Record: called, no answer"), permissions=["view"])
    def record_no_answer(self, request, queryset):
        self._record(request, queryset, MarketingCall.Outcome.NO_ANSWER)


@admin.register(MarketingPopup)
class MarketingPopupAdmin(admin.ModelAdmin):
    """Pop-ups appear only to members who agree to pop-ups, each with a Skip button (INT-02)."""

    list_display = ["title", "starts_at", "ends_at"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
