from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from orders import services
from orders.models import Order, OrderEvent, OrderItem, Payment, Shipment
from privacy.admin_masking import PersonalDataAdminMixin


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    raw_id_fields = ["commodity"]
    readonly_fields = ["title", "unit_price", "quantity"]


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    extra = 0
    can_delete = False
    readonly_fields = ["status", "source", "occurred_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["number", "buyer", "consignee_name", "status", "total_amount", "created_at", "completed_at"]
    list_filter = ["status", "created_at", "completed_at"]
    list_select_related = ["buyer"]
    search_fields = ["number", "buyer__member_name"]
    raw_id_fields = ["buyer"]
    date_hierarchy = "created_at"
    inlines = [OrderItemInline, OrderEventInline]
    actions = ["ship_with_cainiao"]

    @admin.action(description=_("Ship paid orders with Cainiao"), permissions=["change"])
    def ship_with_cainiao(self, request, queryset):
        shipped = 0
        for order in queryset.filter(status=Order.Status.PAID).select_related("buyer"):
            try:
                services.ship_order(order=order)
            except ValidationError as exc:
                self.message_user(request, f"{order.number}: {exc.messages[0]}", messages.WARNING)
            else:
                shipped += 1
        self.message_user(
            request, ngettext("%(count)d order shipped.", "%(count)d orders shipped.", shipped) % {"count": shipped}
        )


@admin.register(Payment)
class PaymentAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["order", "partner_code", "amount", "is_paid_by_other", "payer_account", "paid_at"]
    list_filter = ["partner_code", "is_paid_by_other", "paid_at"]
    list_select_related = ["order"]
    search_fields = ["order__number", "reference"]
    raw_id_fields = ["order"]


@admin.register(Shipment)
class ShipmentAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["order", "partner_code", "tracking_number", "created_at"]
    list_select_related = ["order"]
    search_fields = ["order__number"]
    raw_id_fields = ["order"]
