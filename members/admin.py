from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from members.models import Member
from privacy.admin_masking import PersonalDataAdminMixin


@admin.register(Member)
class MemberAdmin(PersonalDataAdminMixin, UserAdmin):
    # Staff look members up by member name; the nickname is public anyway.
    unmasked_fields = ("password", "member_name", "nickname", "last_login", "registered_at")
    list_display = ["member_name", "phone", "nickname", "is_active", "is_staff", "registered_at", "last_login"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["member_name", "phone"]
    ordering = ["member_name"]
    readonly_fields = ["registered_at", "last_login"]
    fieldsets = [
        (None, {"fields": ["member_name", "password"]}),
        (_("Contact and profile"), {"fields": ["phone", "nickname"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("History"), {"fields": ["registered_at", "last_login"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["member_name", "phone", "password1", "password2"]})]
