"""Staff moderation of published content; featuring a post on the home page goes through the service (PUB-04)."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from privacy.admin_base import staff_member
from privacy.admin_masking import PersonalDataAdminMixin
from publishing import services
from publishing.models import (
    Comment,
    LiveChannel,
    LiveComment,
    Post,
    PostPicture,
    Question,
    Review,
    ReviewPicture,
    ShortVideo,
)


class PictureInline(admin.TabularInline):
    """Pictures are shown under their review or post; only the member adds them (re-encoded on upload)."""

    extra = 0
    readonly_fields = ["image", "position"]

    def has_add_permission(self, request, obj=None):
        return False


class ReviewPictureInline(PictureInline):
    model = ReviewPicture


class PostPictureInline(PictureInline):
    model = PostPicture


@admin.register(Review)
class ReviewAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["commodity", "author", "rating", "created_at"]
    list_filter = ["rating", "created_at"]
    list_select_related = ["commodity", "author"]
    search_fields = ["commodity__title", "author__nickname"]
    raw_id_fields = ["author", "commodity", "order_item"]

    readonly_fields = ["created_at", "updated_at"]
    inlines = [ReviewPictureInline]


@admin.register(Post)
class PostAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "featured_at"]
    list_filter = [("featured_at", admin.EmptyFieldListFilter), "created_at"]
    list_select_related = ["author"]
    search_fields = ["text", "author__nickname"]
    raw_id_fields = ["author", "featured_by"]
    readonly_fields = ["others_consent_attested_at", "featured_at", "featured_by", "created_at", "updated_at"]
    inlines = [PostPictureInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["feature", "unfeature"]

    @admin.action(description=_("Feature on the home page"), permissions=["change"])
    def feature(self, request, queryset):
        by = staff_member(request)
        featured = sum(services.feature_post(post=post, by=by) for post in queryset.select_related("author"))
        self.message_user(
            request, ngettext("%(count)d post featured.", "%(count)d posts featured.", featured) % {"count": featured}
        )

    @admin.action(description=_("Stop featuring on the home page"), permissions=["change"])
    def unfeature(self, request, queryset):
        stopped = sum(services.unfeature_post(post=post) for post in queryset)
        self.message_user(
            request,
            ngettext("%(count)d post no longer featured.", "%(count)d posts no longer featured.", stopped)
            % {"count": stopped},
        )


@admin.register(Comment)
class CommentAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "author", "review", "post", "created_at"]
    list_select_related = ["author", "review", "post"]
    search_fields = ["text", "author__nickname"]
    raw_id_fields = ["author", "review", "post"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Question)
class QuestionAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "commodity", "asker", "created_at", "answered_at"]
    list_filter = [("answered_at", admin.EmptyFieldListFilter), "created_at"]
    list_select_related = ["commodity", "asker"]
    search_fields = ["text", "commodity__title", "asker__nickname"]
    raw_id_fields = ["asker", "commodity", "answered_by"]
    readonly_fields = ["created_at", "updated_at", "answered_at", "answered_by"]


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
