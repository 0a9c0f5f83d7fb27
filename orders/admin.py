from django.contrib import admin

from orders.models import Order, OrderItem
from privacy.admin_masking import PersonalDataAdminMixin


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    raw_id_fields = ["commodity"]
    readonly_fields = ["title", "unit_price", "quantity"]


@admin.register(Order)
class OrderAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["number", "buyer", "consignee_name", "status", "total_amount", "created_at", "completed_at"]
    list_filter = ["status", "created_at", "completed_at"]
    list_select_related = ["buyer"]
    search_fields = ["number", "buyer__member_name"]
    raw_id_fields = ["buyer"]
    date_hierarchy = "created_at"
    inlines = [OrderItemInline]
