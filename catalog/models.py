"""Section II(II): the commodities and stores members browse and search."""

from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommodityCategory(models.Model):
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
        CommodityCategory, on_delete=models.PROTECT, related_name="commodities", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    price = models.DecimalField(
        _("price"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    sales_count = models.PositiveIntegerField(_("sales"), default=0)
    # Wholesale listings sell from a minimum quantity; the cart and checkout enforce it.
    minimum_order = models.PositiveIntegerField(_("minimum order"), default=1)
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


class Favorite(models.Model):
    """A commodity the member saved to Favorites (BRW-01, BRW-02)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorites", verbose_name=_("member")
    )
    commodity = models.ForeignKey(Commodity, on_delete=models.CASCADE, related_name="+", verbose_name=_("commodity"))
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("favorite")
        verbose_name_plural = _("favorites")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["member", "commodity"], name="favorite_once_per_commodity")]

    def __str__(self) -> str:
        return f"{self.member_id} ♥ {self.commodity_id}"


class Follow(models.Model):
    """A store or a creator (another member) the member follows (BRW-01, BRW-02)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("member")
    )
    store = models.ForeignKey(
        Store, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("store")
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followers",
        verbose_name=_("creator"),
    )
    created_at = models.DateTimeField(_("followed at"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(store__isnull=False, creator__isnull=True)
                | models.Q(store__isnull=True, creator__isnull=False),
                name="follow_one_target",
            ),
            models.UniqueConstraint(fields=["member", "store"], name="follow_store_once"),
            models.UniqueConstraint(fields=["member", "creator"], name="follow_creator_once"),
            models.CheckConstraint(condition=~models.Q(member=models.F("creator")), name="follow_not_oneself"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.store_id or self.creator_id}"


class OperationHistory(models.Model):
    """One row per favourite, cart, follow, share or like action (BRW-01)."""

    class Action(models.TextChoices):
        FAVORITE = "favorite", _("Added to favorites")
        CART = "cart", _("Added to cart")
        FOLLOW = "follow", _("Followed")
        SHARE = "share", _("Shared")
        LIKE = "like", _("Liked")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operations", verbose_name=_("member")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    commodity = models.ForeignKey(
        Commodity, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("commodity")
    )
    store = models.ForeignKey(
        Store, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("store")
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("creator"),
    )
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("operation history")
        verbose_name_plural = _("operation history")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["member", "-occurred_at"], name="operation_by_member"),
            models.Index(fields=["occurred_at"], name="operation_occurred_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commodity__isnull=False)
                | models.Q(store__isnull=False)
                | models.Q(creator__isnull=False),
                name="operation_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.action}"

    @property
    def target(self):
        return self.commodity or self.store or self.creator


class BrowsingHistory(models.Model):
    """A commodity page a signed-in member opened (History, BRW-02)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="browsing_history", verbose_name=_("member")
    )
    commodity = models.ForeignKey(Commodity, on_delete=models.CASCADE, related_name="+", verbose_name=_("commodity"))
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("browsing history entry")
        verbose_name_plural = _("browsing history")
        ordering = ["-viewed_at", "-id"]
        indexes = [
            models.Index(fields=["member", "-viewed_at"], name="browsing_by_member"),
            models.Index(fields=["viewed_at"], name="browsing_viewed_at"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} viewed {self.commodity_id}"


class SearchHistory(models.Model):
    """A search a signed-in member made, shown back to them (BRW-03, BRW-04)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="search_history", verbose_name=_("member")
    )
    query = models.CharField(_("search terms"), max_length=200)
    searched_at = models.DateTimeField(_("searched at"), default=timezone.now)

    class Meta:
        verbose_name = _("search history entry")
        verbose_name_plural = _("search history")
        ordering = ["-searched_at", "-id"]
        indexes = [
            models.Index(fields=["member", "-searched_at"], name="search_by_member"),
            models.Index(fields=["searched_at"], name="search_searched_at"),
        ]

    def __str__(self) -> str:
        return self.query


class RecommendationBlock(models.Model):
    """A category the member asked never to be recommended ("block similar", BRW-08)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recommendation_blocks",
        verbose_name=_("member"),
    )
    category = models.ForeignKey(
        CommodityCategory, on_delete=models.CASCADE, related_name="+", verbose_name=_("category")
    )
    created_at = models.DateTimeField(_("blocked at"), default=timezone.now)

    class Meta:
        verbose_name = _("blocked category")
        verbose_name_plural = _("blocked categories")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["member", "category"], name="block_category_once")]

    def __str__(self) -> str:
        return f"{self.member_id} blocks {self.category_id}"


class SearchTermStat(models.Model):
    """How often a search term was used, with nothing that identifies who searched (BRW-05)."""

    term = models.CharField(_("search term"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("searches"), default=0)
    last_searched_on = models.DateField(_("last searched on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("search term statistic")
        verbose_name_plural = _("search term statistics")
        ordering = ["-count", "term"]

    def __str__(self) -> str:
        return f"{self.term} ({self.count})"


class StoreMembership(models.Model):
    """A member who works for a store as its seller staff; sees that store's orders (TRX-15)."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("store"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="store_memberships",
        verbose_name=_("member"),
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("store staff member")
        verbose_name_plural = _("store staff members")
        constraints = [models.UniqueConstraint(fields=["store", "member"], name="store_membership_once")]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.store_id}"


class LoyaltyData(models.TextChoices):
    """What a store's membership rules may let the store see about its members (POL-05)."""

    NICKNAME = "nickname", _("Nickname")
    ACCOUNT_LEVEL = "account_level", _("Account level")
    MEMBER_SINCE = "member_since", _("When you joined 1688")


class StoreMembershipRules(models.Model):
    """One version of a store's own membership rules (POL-05): they, not the platform policy, govern its use.

    Versioned like the scoped policies: a published version is never changed; a new version replaces it.
    """

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="membership_rules", verbose_name=_("store"))
    label = models.CharField(_("label"), max_length=40)
    text = models.TextField(_("rules"), max_length=20000)
    data_seen = models.JSONField(
        _("what the store sees"), default=list, help_text=_("Only these details of a member are shown to the store.")
    )
    effective_on = models.DateField(_("effective on"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("store membership rules")
        verbose_name_plural = _("store membership rules")
        ordering = ["store", "-effective_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["store", "label"], name="one_label_per_store_rules")]
        triggers = [
            pgtrigger.Protect(
                name="published_store_rules_are_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.store} {self.label}"

    @property
    def data_labels(self) -> list[str]:
        return [str(LoyaltyData(value).label) for value in self.data_seen]


class StoreLoyaltyMembership(models.Model):
    """A member who joined a store's membership programme under one version of its rules (POL-05).

    Not `StoreMembership`, which is a store's seller staff.
    """

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="loyalty_members", verbose_name=_("store"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="store_loyalty_memberships",
        verbose_name=_("member"),
    )
    rules = models.ForeignKey(
        StoreMembershipRules, on_delete=models.PROTECT, related_name="+", verbose_name=_("rules agreed to")
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("store programme member")
        verbose_name_plural = _("store programme members")
        ordering = ["-joined_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["store", "member"], name="one_loyalty_membership_per_store")]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.store_id}"
