"""Section II(III): orders, their consignee and their items."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Order(models.Model):
    class Status(models.TextChoices):
        PLACED = "placed", _("Placed")
        PAID = "paid", _("Paid")
        SHIPPED = "shipped", _("Shipped")
        COMPLETED = "completed", _("Completed")
        AFTER_SALES = "after_sales", _("After-sales")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("order number"), max_length=32, unique=True)
    # Null once the order is anonymized at the end of its retention period (STO-02).
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="orders",
        verbose_name=_("buyer"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLACED)
    total_amount = models.DecimalField(
        _("amount payable"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    consignee_name = models.CharField(_("consignee name"), max_length=80)
    consignee_phone = models.CharField(_("consignee phone"), max_length=20)
    delivery_address = models.CharField(_("delivery address"), max_length=300)
    remarks = models.CharField(_("remarks"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total_amount__gte=0), name="order_total_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_at__isnull=False),
                name="completed_order_has_completed_at",
            ),
        ]
        indexes = [models.Index(fields=["completed_at"], name="order_completed_at")]

    def __str__(self) -> str:
        return self.number


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items", verbose_name=_("order"))
    commodity = models.ForeignKey(
        "catalog.Commodity", on_delete=models.PROTECT, related_name="order_items", verbose_name=_("commodity")
    )
    title = models.CharField(_("title"), max_length=200)
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("order item")
        verbose_name_plural = _("order items")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="order_item_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.title}"

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity
