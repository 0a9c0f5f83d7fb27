"""Registry entries of the publishing app (section II(V))."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import PI, DataCategory, Erasure, Retention, days, register
from publishing.models import LiveChannel, LiveComment, LiveLike, Review, ShortVideo, VoiceChatJoin

register(
    Review,
    subject="author",
    row=PI(
        DataCategory.CONTENT,
        _("Reviews of goods you bought, shown publicly with your nickname on product and store pages."),
        erase=Erasure.DELETE_ROW,
        is_necessary=False,
    ),
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
