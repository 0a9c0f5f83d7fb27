from django.contrib import admin

from interactions.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["title", "member", "kind", "created_at", "read_at"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["member"]
    search_fields = ["title", "member__member_name"]
    raw_id_fields = ["member"]
