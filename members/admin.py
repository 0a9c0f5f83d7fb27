from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from members.models import ChildrenRulesVersion, GuardianConsent, LevelRule, Member, SmsMessage
from privacy.admin_masking import PersonalDataAdminMixin


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
    """The development SMS backend's outbox: read-only."""

    list_display = ["phone", "body", "sent_at"]
    search_fields = ["phone"]
    date_hierarchy = "sent_at"
    raw_id_fields = ["member"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ChildrenRulesVersion)
class ChildrenRulesVersionAdmin(admin.ModelAdmin):
    list_display = ["label", "effective_on", "published_at"]


@admin.register(GuardianConsent)
class GuardianConsentAdmin(admin.ModelAdmin):
    list_display = ["child", "rules_version", "relationship", "consented_at", "withdrawn_at"]
    list_select_related = ["child", "rules_version"]
    raw_id_fields = ["child"]
    readonly_fields = ["consented_at"]
