from django.contrib import admin

from support.models import Ticket


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["subject", "member", "status", "created_at", "closed_at"]
    list_filter = ["status", "created_at"]
    list_select_related = ["member"]
    search_fields = ["subject", "member__member_name"]
    raw_id_fields = ["member", "order"]
