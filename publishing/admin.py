from django.contrib import admin

from publishing.models import LiveChannel, LiveComment, Review, ShortVideo


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["commodity", "author", "rating", "created_at"]
    list_filter = ["rating", "created_at"]
    list_select_related = ["commodity", "author"]
    search_fields = ["commodity__title", "author__member_name"]
    raw_id_fields = ["author", "commodity", "order_item"]


@admin.register(LiveChannel)
class LiveChannelAdmin(admin.ModelAdmin):
    """Staff open channels for streamers and switch them live; the ranking fields are the job's."""

    list_display = ["title", "host", "is_live", "rank", "interaction_count", "ranked_at"]
    list_filter = ["is_live"]
    list_select_related = ["host"]
    search_fields = ["title", "host__member_name", "host__nickname"]
    raw_id_fields = ["host"]
    readonly_fields = ["interaction_count", "rank", "ranked_at"]


@admin.register(ShortVideo)
class ShortVideoAdmin(admin.ModelAdmin):
    """Short videos members posted; staff may take one down (delete), not change it."""

    list_display = ["title", "author", "format", "size", "created_at"]
    list_filter = ["format"]
    list_select_related = ["author"]
    search_fields = ["title", "author__member_name"]
    raw_id_fields = ["author"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LiveComment)
class LiveCommentAdmin(admin.ModelAdmin):
    """Public comments; staff may take one down, not change what a member wrote."""

    list_display = ["text", "author", "channel", "video", "created_at"]
    list_select_related = ["author", "channel", "video"]
    search_fields = ["text", "author__member_name"]
    raw_id_fields = ["author", "channel", "video"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
