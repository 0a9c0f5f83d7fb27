"""Section II(II): the commodities and stores members browse and search."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Store(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("store")
        verbose_name_plural = _("stores")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Commodity(models.Model):
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="commodities", verbose_name=_("store"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="commodities", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    price = models.DecimalField(
        _("price"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    sales_count = models.PositiveIntegerField(_("sales"), default=0)
    is_cross_border = models.BooleanField(_("cross-border"), default=False)
    is_listed = models.BooleanField(_("listed"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("commodity")
        verbose_name_plural = _("commodities")
        ordering = ["-sales_count", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="commodity_price_positive"),
        ]
        indexes = [models.Index(fields=["-sales_count", "id"], name="commodity_by_sales")]

    def __str__(self) -> str:
        return self.title
