from django.contrib import admin

from orders.models import Order, OrderItem


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    raw_id_fields = ["commodity"]
    readonly_fields = ["title", "unit_price", "quantity"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "buyer", "status", "total_amount", "created_at", "completed_at"]
    list_filter = ["status", "created_at", "completed_at"]
    list_select_related = ["buyer"]
    search_fields = ["number", "buyer__member_name"]
    raw_id_fields = ["buyer"]
    date_hierarchy = "created_at"
    inlines = [OrderItemInline]
