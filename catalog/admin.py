from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalog import loyalty
from catalog.models import (
    Commodity,
    CommodityCategory,
    LoyaltyData,
    Store,
    StoreLoyaltyMembership,
    StoreMembership,
    StoreMembershipRules,
)
from privacy.admin_base import ReadOnlyAdmin


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


class StoreMembershipRulesForm(forms.ModelForm):
    data_seen = forms.MultipleChoiceField(
        label=_("What the store sees"),
        choices=LoyaltyData.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only these details of a member are shown to the store's staff."),
    )

    class Meta:
        model = StoreMembershipRules
        fields = ["store", "label", "text", "data_seen", "effective_on"]

    def clean_data_seen(self) -> list[str]:
        chosen = set(self.cleaned_data["data_seen"])
        return [value for value in LoyaltyData.values if value in chosen]


@admin.register(StoreMembershipRules)
class StoreMembershipRulesAdmin(admin.ModelAdmin):
    """POL-05: each store's own membership rules; a published version is never changed, a new one replaces it."""

    form = StoreMembershipRulesForm
    list_display = ["store", "label", "effective_on", "published_at"]
    list_select_related = ["store"]
    list_filter = ["published_at"]
    search_fields = ["store__name", "label"]
    raw_id_fields = ["store"]
    actions = ["publish"]

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or obj.published_at is None)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or obj.published_at is None)

    @admin.action(description=_("Publish the selected rules"), permissions=["change"])
    def publish(self, request, queryset):
        for rules in queryset:
            try:
                loyalty.publish_rules(rules)
            except ValidationError as error:
                self.message_user(request, f"{rules}: {error.messages[0]}", messages.WARNING)
            else:
                self.message_user(request, _("Published %(rules)s.") % {"rules": rules})


@admin.register(StoreLoyaltyMembership)
class StoreLoyaltyMembershipAdmin(ReadOnlyAdmin):
    list_display = ["store", "member", "rules", "joined_at"]
    list_select_related = ["store", "member", "rules"]
    search_fields = ["store__name", "member__member_name"]
