from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from members import guardians, identity
from members.models import (
    AccountRetrievalRequest,
    ChildrenRulesVersion,
    FaceVerification,
    GuardianConsent,
    IdentityReveal,
    IdentityVerification,
    LevelRule,
    Member,
    RiskDecision,
    SecurityEvent,
    SmsMessage,
)
from privacy.access_log import log_staff_access
from privacy.admin_base import ReadOnlyAdmin
from privacy.admin_masking import (
    PersonalDataAdminMixin,
    RevealForm,
)
from privacy.consent import RequestContext
from privacy.masking import mask


@admin.register(Member)
class MemberAdmin(PersonalDataAdminMixin, UserAdmin):
    # Staff look members up by member name; the nickname and avatar are public anyway.
    unmasked_fields = ("password", "member_name", "nickname", "avatar", "last_login", "registered_at")
    list_display = ["member_name", "phone", "nickname", "level", "is_active", "is_staff", "registered_at", "last_login"]
    list_filter = ["is_active", "is_staff", "level", "groups"]
    search_fields = ["member_name", "phone"]
    ordering = ["member_name"]
    readonly_fields = ["registered_at", "last_login", "phone_verified_at", "level"]
    fieldsets = [
        (None, {"fields": ["member_name", "password"]}),
        (_("Contact and profile"), {"fields": ["phone", "phone_verified_at", "nickname", "date_of_birth"]}),
        (
            _("Optional profile"),
            {"fields": ["real_name", "landline", "other_contact", "position", "industry", "avatar"]},
        ),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("History"), {"fields": ["registered_at", "last_login", "level"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["member_name", "phone", "password1", "password2"]})]


@admin.register(LevelRule)
class LevelRuleAdmin(admin.ModelAdmin):
    """MEM-03: staff set the usage thresholds and benefits; the recalculation job applies them."""

    list_display = ["level", "name", "min_completed_orders", "min_spent"]
    ordering = ["level"]


@admin.register(SmsMessage)
class SmsMessageAdmin(admin.ModelAdmin):
    """The development SMS backend's outbox: read-only, development only, codes and numbers masked."""

    list_display = ["masked_phone", "body", "sent_at"]
    date_hierarchy = "sent_at"
    fields = ["masked_phone", "body", "sent_at"]
    readonly_fields = fields
    change_list_template = "admin/sms_outbox_change_list.html"

    @admin.display(description=_("mobile number"))
    def masked_phone(self, obj) -> str:
        return mask(obj.phone)

    def has_view_permission(self, request, obj=None) -> bool:
        # Production texts go through the carrier's gateway; the outbox exists only where DEBUG is on.
        return settings.DEBUG and super().has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ChildrenRulesVersion)
class ChildrenRulesVersionAdmin(admin.ModelAdmin):
    list_display = ["label", "effective_on", "published_at"]


@admin.register(GuardianConsent)
class GuardianConsentAdmin(admin.ModelAdmin):
    list_display = [
        "child",
        "rules_version",
        "relationship",
        "guardian_phone_confirmed_at",
        "consented_at",
        "withdrawn_at",
    ]
    list_select_related = ["child", "rules_version"]
    raw_id_fields = ["child"]
    readonly_fields = ["consented_at", "guardian_phone_confirmed_at"]
    actions = ["withdraw"]

    @admin.action(
        description=_("Withdraw at the guardian's request (suspends the child's account)"), permissions=["change"]
    )
    def withdraw(self, request, queryset):
        # MIN-03: staff act on the guardian's request received through the working group.
        for record in queryset.select_related("child"):
            guardians.withdraw_guardian_consent(
                child=record.child,
                context=RequestContext(channel="staff", staff_ticket=f"guardian-consent-{record.pk}"),
            )


@admin.register(IdentityVerification)
class IdentityVerificationAdmin(admin.ModelAdmin):
    """VER-06: only the masked number shows; the full one needs `view_identity`, a reason, and is logged."""

    list_display = ["member", "id_number_hint", "provider", "verified_at"]
    list_select_related = ["member"]
    search_fields = ["member__member_name"]
    fields = ["member", "id_number_hint", "provider", "verified_at", "reveal_link"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("Full ID number"))
    def reveal_link(self, obj):
        url = reverse("admin:members_identityverification_reveal", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Reveal (logged)"))

    def get_urls(self):
        reveal = path(
            "<path:object_id>/reveal/",
            self.admin_site.admin_view(self.reveal_view),
            name="members_identityverification_reveal",
        )
        return [reveal, *super().get_urls()]

    def reveal_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        if not request.user.has_perm("members.view_identity"):
            raise PermissionDenied
        form = RevealForm(request.POST or None, choices=[("id_number", _("ID number"))])
        revealed = None
        if request.method == "POST" and form.is_valid():
            try:
                log_staff_access(
                    staff=request.user,
                    member=obj.member,
                    record=obj,
                    fields=["id_number"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                form.add_error("reason", exc)
            else:
                number = identity.reveal_id_number(
                    verification=obj, viewer=request.user, ip_address=request.META.get("REMOTE_ADDR")
                )
                revealed = [(_("ID number"), number), (_("Real name"), obj.real_name)]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "form": form,
            "revealed": revealed,
            "title": _("Reveal the ID number of %(object)s") % {"object": obj.member},
        }
        return TemplateResponse(request, "admin/privacy/reveal.html", context)


@admin.register(FaceVerification)
class FaceVerificationAdmin(admin.ModelAdmin):
    """VER-05: outcomes only; there is no image to show."""

    list_display = ["member", "provider", "is_passed", "verified_at"]
    list_filter = ["provider", "is_passed"]
    list_select_related = ["member"]
    raw_id_fields = ["member"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IdentityReveal)
class IdentityRevealAdmin(ReadOnlyAdmin):
    list_display = ["member", "viewer", "revealed_at"]
    list_select_related = ["member", "viewer"]
    raw_id_fields = ["member", "viewer"]


@admin.register(AccountRetrievalRequest)
class AccountRetrievalRequestAdmin(admin.ModelAdmin):
    """VER-03: staff approve a request whose identity matched; approval moves the account to the new number."""

    list_display = ["member", "is_identity_matched", "status", "created_at", "decided_at"]
    list_filter = ["status", "is_identity_matched"]
    list_select_related = ["member"]
    fields = ["member", "new_phone", "is_identity_matched", "status", "ip_address", "created_at", "decided_at"]
    readonly_fields = fields
    actions = ["approve", "refuse"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Approve: move the account to the new number"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Refuse"), permissions=["change"])
    def refuse(self, request, queryset):
        self._decide(request, queryset, approve=False)

    def _decide(self, request, queryset, *, approve: bool) -> None:
        for retrieval in queryset.select_related("member"):
            try:
                identity.decide_account_retrieval(request=retrieval, approve=approve)
            except ValidationError as exc:
                messages.error(request, f"{retrieval}: {exc.messages[0]}")


@admin.register(RiskDecision)
class RiskDecisionAdmin(ReadOnlyAdmin):
    """SEC-04: the audit of risk decisions, read-only."""

    list_display = ["member", "action", "score", "outcome", "decided_at"]
    list_filter = ["outcome"]
    list_select_related = ["member"]
    readonly_fields = ["member", "action", "score", "inputs", "outcome", "decided_at"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    """SEC-04: read-only; the database refuses changes too."""

    list_display = ["member", "kind", "ip_address", "occurred_at"]
    list_filter = ["kind"]
    list_select_related = ["member"]
    search_fields = ["member__member_name"]
