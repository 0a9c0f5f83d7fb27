from django.contrib import admin

from catalog.models import Commodity, CommodityCategory, Store, StoreMembership


@admin.register(CommodityCategory)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class StoreMembershipInline(admin.TabularInline):
    """TRX-15: the members who work for the store as seller staff."""

    model = StoreMembership
    extra = 0
    raw_id_fields = ["member"]


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "opened_at"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [StoreMembershipInline]


@admin.register(Commodity)
class CommodityAdmin(admin.ModelAdmin):
    list_display = ["title", "store", "category", "price", "sales_count", "is_cross_border", "is_listed"]
    list_filter = ["is_listed", "is_cross_border", "category"]
    list_select_related = ["store", "category"]
    search_fields = ["title"]
    raw_id_fields = ["store"]
