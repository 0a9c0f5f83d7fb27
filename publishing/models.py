"""Section II(V): what members publish: reviews of goods they bought, comments, questions to merchants, posts,
and (II(VI)5) live-stream and short-video interactions.

Everything here is public under the author's nickname and avatar only (PUB-01..04); the author manages it in
the Growth Center (PUB-07).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# PUB-01: "text, pictures": at most nine pictures to one review or post, as the app allows.
MAX_PICTURES = 9
TEXT_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 500
QUESTION_MAX_LENGTH = 500


class Review(models.Model):
    # Null once the review is anonymized (account closure, end of retention): the rating stays for the store.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("author"),
    )
    commodity = models.ForeignKey(
        "catalog.Commodity", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("commodity")
    )
    # PUB-01: a review is tied to an item of a completed order of the author.
    order_item = models.OneToOneField(
        "orders.OrderItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review",
        verbose_name=_("order item"),
    )
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(_("review text"), max_length=TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]
        indexes = [models.Index(fields=["commodity", "-created_at"], name="review_by_commodity")]

    def __str__(self) -> str:
        return f"{self.commodity} ({self.rating}/5)"


class ReviewPicture(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="pictures", verbose_name=_("review"))
    # Only the re-encoded pixels, under a name the server chose (privacy.uploads).
    image = models.FileField(_("picture"), upload_to="reviews/")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("review picture")
        verbose_name_plural = _("review pictures")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.review_id} #{self.position}"


class Post(models.Model):
    """PUB-04: a member's post: text, pictures, a link and, only with the location permission, a location."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts", verbose_name=_("author")
    )
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    link = models.URLField(_("link"), max_length=500, blank=True)
    # PERM-02: filled only while the member grants the location permission.
    location = models.CharField(_("location"), max_length=120, blank=True)
    # PUB-06, POL-08: a post that shows or names other people needs the member's word that they agreed.
    depicts_others = models.BooleanField(_("shows or names other people"), default=False)
    others_consent_attested_at = models.DateTimeField(_("other people's agreement confirmed at"), null=True, blank=True)
    featured_at = models.DateTimeField(_("featured at"), null=True, blank=True)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("featured by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(depicts_others=False) | models.Q(others_consent_attested_at__isnull=False),
                name="post_showing_others_is_attested",
            ),
        ]
        indexes = [
            models.Index(fields=["-featured_at"], name="post_featured", condition=models.Q(featured_at__isnull=False))
        ]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def is_featured(self) -> bool:
        return self.featured_at is not None


class PostPicture(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="pictures", verbose_name=_("post"))
    # PUB-05: the final picture only; effects are applied in the browser before it is sent.
    image = models.FileField(_("picture"), upload_to="posts/")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("post picture")
        verbose_name_plural = _("post pictures")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.post_id} #{self.position}"


class Comment(models.Model):
    """PUB-02: a comment on a review or on a post, shown with the commenter's nickname."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments", verbose_name=_("author")
    )
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, null=True, blank=True, related_name="comments", verbose_name=_("review")
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="comments", verbose_name=_("post")
    )
    text = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review__isnull=False, post__isnull=True)
                | models.Q(review__isnull=True, post__isnull=False),
                name="comment_on_one_review_or_post",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:40]


class Question(models.Model):
    """PUB-03: a public question to a store about a commodity ("Ask the merchant"), and the store's answer."""

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions", verbose_name=_("asked by")
    )
    commodity = models.ForeignKey(
        "catalog.Commodity", on_delete=models.CASCADE, related_name="questions", verbose_name=_("commodity")
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    answer = models.TextField(_("store's answer"), max_length=TEXT_MAX_LENGTH, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The store answers as the store: the public page names the store, never this staff member.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("question to a merchant")
        verbose_name_plural = _("questions to merchants")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["commodity", "-created_at"], name="question_by_commodity")]

    def __str__(self) -> str:
        return self.text[:40]


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
