from django.contrib import admin

from publishing.models import Review


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["commodity", "author", "rating", "created_at"]
    list_filter = ["rating", "created_at"]
    list_select_related = ["commodity", "author"]
    search_fields = ["commodity__title", "author__member_name"]
    raw_id_fields = ["author", "commodity", "order_item"]
