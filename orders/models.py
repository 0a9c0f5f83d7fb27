"""Section II(III): orders, their consignee and their items."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.encryption import EncryptedTextField, KeyedDigestField, SealedTextField


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
    alternative_phone = models.CharField(_("alternative phone"), max_length=20, blank=True)
    delivery_time = models.CharField(_("preferred delivery time"), max_length=20, blank=True)
    # TRX-06, POL-08: when the consignee is someone else, the member confirms they agreed.
    is_for_someone_else = models.BooleanField(_("ordered for someone else"), default=False)
    consignee_consent_attested_at = models.DateTimeField(_("consignee's agreement confirmed at"), null=True, blank=True)
    # TRX-04: only filled when the member asks for an invoice.
    invoice_title = models.CharField(_("invoice title"), max_length=120, blank=True)
    taxpayer_id = models.CharField(_("taxpayer ID number"), max_length=30, blank=True)
    invoice_email = models.EmailField(_("invoice e-mail"), blank=True)
    # TRX-03: cross-border customs ID details, encrypted, only with the CUSTOMS_ID consent.
    customs_id_name = EncryptedTextField(_("name on ID document"), max_length=80, blank=True)
    customs_id_number_encrypted = SealedTextField(_("ID document number (encrypted)"), null=True, blank=True)
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
            models.CheckConstraint(
                condition=models.Q(is_for_someone_else=False) | models.Q(consignee_consent_attested_at__isnull=False),
                name="order_for_someone_else_is_attested",
            ),
        ]
        indexes = [
            models.Index(fields=["completed_at"], name="order_completed_at"),
            models.Index(fields=["buyer", "-created_at"], name="order_by_buyer"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # replaces the one Django adds
        """The status's label in the active language, as Django's would give it.

        Django's version rebuilds a dict of every choice on each call; the orders pages show one per row.
        """
        try:
            return str(self.Status(self.status).label)
        except ValueError:
            return self.status


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


class OrderEvent(models.Model):
    """One step of an order's status timeline, and who reported it (TRX-12, TRX-14)."""

    class Source(models.TextChoices):
        MEMBER = "member", _("You")
        STAFF = "staff", _("Customer service")
        ALIPAY = "alipay", _("Alipay")
        MYBANK = "mybank", _("MYbank")
        CAINIAO = "cainiao", _("Cainiao")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events", verbose_name=_("order"))
    status = models.CharField(_("status"), max_length=20, choices=Order.Status.choices)
    source = models.CharField(_("reported by"), max_length=20, choices=Source.choices)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.status}"


class Payment(models.Model):
    """A payment of an order through a payment partner, possibly by someone else (TRX-09, TRX-11)."""

    class Status(models.TextChoices):
        # TRX-12: paid in the partner's app; the order waits for the partner's notice or the status poll.
        PENDING = "pending", _("Waiting for the partner")
        PAID = "paid", _("Paid")

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="payment", verbose_name=_("order"))
    partner_code = models.CharField(_("payment partner"), max_length=40)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    reference = models.CharField(_("partner reference"), max_length=64)
    is_paid_by_other = models.BooleanField(_("paid by someone else"), default=False)
    # DEF-02: financial accounts and another person's number are sensitive; encrypted at rest ("" stays "").
    payer_account = EncryptedTextField(_("payer's payment account"), max_length=80, blank=True)
    payer_phone = EncryptedTextField(_("payer's mobile number"), max_length=20, blank=True)
    # TRX-11, POL-08: the member confirms the payer allowed their details to be used.
    payer_consent_attested_at = models.DateTimeField(_("payer's agreement confirmed at"), null=True, blank=True)
    status = models.CharField(_("payment status"), max_length=20, choices=Status.choices, default=Status.PAID)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_paid_by_other=False)
                | (
                    models.Q(payer_consent_attested_at__isnull=False)
                    & (~models.Q(payer_account="") | ~models.Q(payer_phone=""))
                ),
                name="payment_by_other_has_payer_and_attestation",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="paid") | models.Q(paid_at__isnull=False),
                name="paid_payment_has_paid_at",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="payment_by_status")]

    def __str__(self) -> str:
        return f"{self.partner_code} {self.reference}"


class Shipment(models.Model):
    """The hand-off of an order's delivery details to the logistics partner (TRX-13)."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="shipment", verbose_name=_("order"))
    partner_code = models.CharField(_("logistics partner"), max_length=40)
    tracking_number = models.CharField(_("tracking number"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")

    def __str__(self) -> str:
        return self.tracking_number


class Address(models.Model):
    """An entry of the member's address book, offered at checkout (RGT-04: deleting it removes it)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("member")
    )
    consignee_name = models.CharField(_("consignee name"), max_length=80)
    phone = models.CharField(_("consignee phone"), max_length=20)
    address = models.CharField(_("delivery address"), max_length=300)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("address book")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.consignee_name}, {self.address}"


class CartItem(models.Model):
    """A commodity in the member's cart, with the price it had when added (TRX-01)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart_items", verbose_name=_("member")
    )
    commodity = models.ForeignKey(
        "catalog.Commodity", on_delete=models.CASCADE, related_name="+", verbose_name=_("commodity")
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=1, validators=[MinValueValidator(1)])
    price_snapshot = models.DecimalField(_("price when added"), max_digits=12, decimal_places=2)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "commodity"], name="cart_item_once_per_commodity"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="cart_item_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.commodity_id}"


class TrackingEvent(models.Model):
    """Delivery progress reported by the carrier through Cainiao (TRX-14)."""

    shipment = models.ForeignKey(
        Shipment, on_delete=models.CASCADE, related_name="tracking_events", verbose_name=_("shipment")
    )
    description = models.CharField(_("progress"), max_length=200)
    occurred_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("tracking event")
        verbose_name_plural = _("tracking events")
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "description"], name="tracking_event_once"),
        ]

    def __str__(self) -> str:
        return self.description


class PaymentNotification(models.Model):
    """A payment notice received from a partner, kept so that a replayed notice is refused (TRX-12)."""

    partner_code = models.CharField(_("payment partner"), max_length=40)
    notify_id = models.CharField(_("notification ID"), max_length=64)
    payment = models.ForeignKey(
        Payment, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("payment")
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("payment notification")
        verbose_name_plural = _("payment notifications")
        constraints = [
            models.UniqueConstraint(fields=["partner_code", "notify_id"], name="payment_notification_once"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_code} {self.notify_id}"


class AlipayAccount(models.Model):
    """The Alipay account linked to a member, shown masked under My Alipay (TRX-08)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alipay_account", verbose_name=_("member")
    )
    # DEF-02: a financial account, encrypted at rest; the keyed digest finds it without decrypting.
    account = EncryptedTextField(_("Alipay account"), max_length=80)
    account_digest = KeyedDigestField(
        _("Alipay account keyed hash"), source="account", purpose="orders.alipay_account", db_index=True
    )
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        verbose_name = _("linked Alipay account")
        verbose_name_plural = _("linked Alipay accounts")

    def __str__(self) -> str:
        return f"{self.member_id} Alipay"


class AlipayChangeRequest(models.Model):
    """A member's request to link or change their Alipay account, decided by customer service (TRX-08)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for customer service")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="alipay_change_requests",
        verbose_name=_("member"),
    )
    new_account = EncryptedTextField(_("requested Alipay account"), max_length=80)
    new_account_digest = KeyedDigestField(
        _("requested Alipay account keyed hash"), source="new_account", purpose="orders.alipay_account", db_index=True
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.CharField(_("reason for the decision"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Alipay change request")
        verbose_name_plural = _("Alipay change requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=models.Q(status="pending"), name="one_pending_alipay_change_per_member"
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending")
                | (~models.Q(decision_reason="") & models.Q(decided_at__isnull=False)),
                name="decided_alipay_change_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.status}"
