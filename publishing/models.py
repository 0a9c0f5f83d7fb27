"""Section II(V): reviews members publish about what they bought."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Review(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("author")
    )
    commodity = models.ForeignKey(
        "catalog.Commodity", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("commodity")
    )
    order_item = models.OneToOneField(
        "orders.OrderItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review",
        verbose_name=_("order item"),
    )
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(_("review text"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.commodity} ({self.rating}/5)"


# -- live streams and short videos (INT-12, INT-13) -------------------------------------------


class LiveChannel(models.Model):
    """A live-stream channel; its comments, likes and ranking are public, shown with nicknames (INT-12)."""

    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_channels", verbose_name=_("streamer")
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_live = models.BooleanField(_("live now"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Written only by the ranking job (publishing.tasks.rank_live_channels).
    interaction_count = models.PositiveIntegerField(_("interactions"), default=0, editable=False)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True, editable=False)
    ranked_at = models.DateTimeField(_("ranked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("live channel")
        verbose_name_plural = _("live channels")
        ordering = ["-is_live", "-created_at", "-id"]
        indexes = [models.Index(fields=["rank"], name="live_channel_rank")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("live:channel", args=[self.pk])


class ShortVideo(models.Model):
    """A short video a real-person-authenticated member posted (INT-13); the file has a name the server chose."""

    class Format(models.TextChoices):
        MP4 = "mp4", "MP4"
        WEBM = "webm", "WebM"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="short_videos", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=120)
    video = models.FileField(_("video"), upload_to="videos/", max_length=200)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        verbose_name = _("short video")
        verbose_name_plural = _("short videos")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("live:video", args=[self.pk])


def _one_target() -> models.Q:
    return models.Q(channel__isnull=False, video__isnull=True) | models.Q(channel__isnull=True, video__isnull=False)


class LiveComment(models.Model):
    """A public comment on a live channel or a short video, shown with the commenter's nickname (INT-12)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_comments", verbose_name=_("author")
    )
    channel = models.ForeignKey(
        LiveChannel, on_delete=models.CASCADE, null=True, blank=True, related_name="comments", verbose_name=_("channel")
    )
    video = models.ForeignKey(
        ShortVideo, on_delete=models.CASCADE, null=True, blank=True, related_name="comments", verbose_name=_("video")
    )
    text = models.CharField(_("comment"), max_length=500)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        verbose_name = _("live or video comment")
        verbose_name_plural = _("live and video comments")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=_one_target(), name="live_comment_one_target")]

    def __str__(self) -> str:
        return self.text[:50]


class LiveLike(models.Model):
    """A like of a live channel or a short video; public as a count, and it feeds the ranking (INT-12)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_likes", verbose_name=_("member")
    )
    channel = models.ForeignKey(
        LiveChannel, on_delete=models.CASCADE, null=True, blank=True, related_name="likes", verbose_name=_("channel")
    )
    video = models.ForeignKey(
        ShortVideo, on_delete=models.CASCADE, null=True, blank=True, related_name="likes", verbose_name=_("video")
    )
    created_at = models.DateTimeField(_("liked at"), default=timezone.now)

    class Meta:
        verbose_name = _("live or video like")
        verbose_name_plural = _("live and video likes")
        constraints = [
            models.CheckConstraint(condition=_one_target(), name="live_like_one_target"),
            models.UniqueConstraint(
                fields=["member", "channel"], condition=models.Q(channel__isnull=False), name="one_like_per_channel"
            ),
            models.UniqueConstraint(
                fields=["member", "video"], condition=models.Q(video__isnull=False), name="one_like_per_video"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} likes {self.channel_id or self.video_id}"


class VoiceChatJoin(models.Model):
    """A member joined a streamer's voice chat, after real-person authentication and microphone consent (INT-13)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="voice_chats", verbose_name=_("member")
    )
    channel = models.ForeignKey(
        LiveChannel, on_delete=models.CASCADE, related_name="voice_chats", verbose_name=_("channel")
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("voice chat join")
        verbose_name_plural = _("voice chat joins")
        ordering = ["-joined_at", "-id"]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.channel_id}"
