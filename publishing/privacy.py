"""Registry entries of the publishing app (section II(V)).

At account closure (RGT-11) and at the end of retention:
- reviews are kept for the store's rating but anonymized: the text, the link to the order and the link to the
  author are removed, and their pictures deleted (a picture may show the member or their home);
- posts, their pictures, comments and questions to merchants are deleted: they are about the member, not the goods.
"""

from django.utils.translation import gettext_lazy as _

from privacy.registry import PI, DataCategory, Erasure, Retention, days, register, years
from publishing.models import (
    Comment,
    LiveChannel,
    LiveComment,
    LiveLike,
    Post,
    PostPicture,
    Question,
    Review,
    ReviewPicture,
    ShortVideo,
    VoiceChatJoin,
)

REVIEW_BASIS = _(
    "Reviews help other buyers judge the goods; after three years the review keeps only its rating, "
    "without its text, pictures or author."
)

register(
    Review,
    kept_while=_("Kept while the review is published, until you delete it or close your account."),
    subject="author",
    fields={
        "text": PI(
            DataCategory.CONTENT,
            _("Your review of goods you bought, shown publicly with your nickname on product and store pages."),
            erase=Erasure.BLANK,
            is_necessary=False,
        ),
        "order_item": PI(
            DataCategory.TRANSACTION,
            _("Shows that you bought and received what you review."),
            erase=Erasure.NULL,
            is_necessary=False,
        ),
    },
    not_personal=("commodity", "rating", "created_at", "updated_at"),
    retention=Retention(after="created_at", keep=years(3), then=Erasure.ANONYMIZE, basis=REVIEW_BASIS),
)

register(
    ReviewPicture,
    subject="review__author",
    row=PI(
        DataCategory.CONTENT,
        _("Pictures in your reviews, shown publicly with the review."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    retention=Retention(after="review__created_at", keep=years(3), then=Erasure.DELETE_ROW, basis=REVIEW_BASIS),
)

register(
    Post,
    subject="author",
    row=PI(
        DataCategory.CONTENT,
        _("Your posts: text, link and, only with your permission, a location; shown publicly with your nickname."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Public until you delete it in the Growth Center or close your account."),
)

register(
    PostPicture,
    subject="post__author",
    row=PI(
        DataCategory.CONTENT,
        _("Pictures in your posts, after any effects you applied on your device."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Kept with its post: deleting the post or closing your account deletes it."),
)

register(
    Comment,
    subject="author",
    row=PI(
        DataCategory.CONTENT,
        _("Your comments on reviews and posts, shown publicly with your nickname."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Public until you delete it in the Growth Center or close your account."),
)

register(
    Question,
    subject="asker",
    row=PI(
        DataCategory.CONTENT,
        _("Your questions to merchants, shown publicly with your nickname, and the store's answers."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Public until you delete it in the Growth Center or close your account."),
)

# -- live streams and short videos (INT-12, INT-13) ----------------------------------------
register(
    LiveChannel,
    subject="host",
    row=PI(
        DataCategory.CONTENT,
        _("Your live channel, shown publicly with your nickname, and its place in the public ranking."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Kept while your channel exists; closing your account deletes it."),
)
register(
    ShortVideo,
    subject="author",
    row=PI(
        DataCategory.CONTENT,
        _("Short videos you post, shown publicly with your nickname."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Public until you or staff delete it, or you close your account."),
)
register(
    LiveComment,
    subject="author",
    row=PI(
        DataCategory.CONTENT,
        _("Comments on live channels and short videos, shown publicly with your nickname."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Public until you or staff delete it, or you close your account."),
)
register(
    LiveLike,
    subject="member",
    row=PI(
        DataCategory.SOCIAL,
        _("Your likes of live channels and short videos; counted publicly and in the ranking."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    kept_while=_("Kept until you take the like back or close your account."),
)
register(
    VoiceChatJoin,
    subject="member",
    row=PI(
        DataCategory.SOCIAL,
        _("When you joined a streamer's voice chat, after real-person authentication."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
    retention=Retention(
        after="joined_at",
        keep=days(180),
        then=Erasure.DELETE_ROW,
        basis=_("Kept half a year to handle reports about a voice chat, then deleted."),
    ),
)
