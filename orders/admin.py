from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from orders import my_alipay, services
from orders.models import AlipayAccount, AlipayChangeRequest, Order, OrderEvent, OrderItem, Payment, Shipment
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
    list_display = ["order", "partner_code", "amount", "status", "is_paid_by_other", "payer_account", "paid_at"]
    list_filter = ["partner_code", "status", "is_paid_by_other", "paid_at"]
    list_select_related = ["order"]
    search_fields = ["order__number", "reference"]
    raw_id_fields = ["order"]


@admin.register(Shipment)
class ShipmentAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["order", "partner_code", "tracking_number", "created_at"]
    list_select_related = ["order"]
    search_fields = ["order__number"]
    raw_id_fields = ["order"]


class AlipayChangeDecisionForm(forms.ModelForm):
    """TRX-08: customer service approves or refuses a pending request, always with a reason."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve and link")), ("refuse", _("Refuse"))]
    )

    class Meta:
        model = AlipayChangeRequest
        fields = ["decision_reason"]

    def clean_decision_reason(self) -> str:
        reason = self.cleaned_data["decision_reason"].strip()
        if not reason:
            raise ValidationError(_("State the reason for the decision."))
        return reason

    def clean(self):
        data = super().clean()
        if self.instance.status != AlipayChangeRequest.Status.PENDING:
            raise ValidationError(_("This request has already been decided."))
        return data


@admin.register(AlipayChangeRequest)
class AlipayChangeRequestAdmin(admin.ModelAdmin):
    form = AlipayChangeDecisionForm
    list_display = ["member", "masked_new_account", "status", "requested_at", "decided_at"]
    list_filter = ["status", "requested_at"]
    list_select_related = ["member"]
    search_fields = ["member__member_name"]
    readonly_fields = ["member", "masked_new_account", "status", "requested_at", "decided_by", "decided_at"]

    @admin.display(description=_("requested Alipay account"))
    def masked_new_account(self, obj):
        return my_alipay.masked_account(obj.new_account)

    def get_fields(self, request, obj=None):
        fields = ["member", "masked_new_account", "status", "requested_at"]
        if obj is not None and obj.status == AlipayChangeRequest.Status.PENDING:
            return [*fields, "decision", "decision_reason"]
        return [*fields, "decision_reason", "decided_by", "decided_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != AlipayChangeRequest.Status.PENDING:
            return [*self.readonly_fields, "decision_reason"]
        return self.readonly_fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        decided = my_alipay.decide_change(
            request_id=obj.pk,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["decision_reason"],
            staff=request.user,
        )
        obj.status, obj.decided_by, obj.decided_at = decided.status, decided.decided_by, decided.decided_at


@admin.register(AlipayAccount)
class AlipayAccountAdmin(admin.ModelAdmin):
    """Linked accounts, masked; they change only through an approved request (TRX-08)."""

    list_display = ["member", "masked_account", "linked_at"]
    list_select_related = ["member"]
    search_fields = ["member__member_name"]
    fields = ["member", "masked_account", "linked_at"]
    readonly_fields = fields  # type: ignore[assignment]  # a flat list; the stubs widen `fields` to field groups

    @admin.display(description=_("Alipay account"))
    def masked_account(self, obj):
        return my_alipay.masked_account(obj.account)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
