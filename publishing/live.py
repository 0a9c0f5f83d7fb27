"""Section II(VI)5: live streams and short videos (INT-12, INT-13).

Comments and likes are public and shown with the nickname only; a job ranks channels by their
interactions. Voice chat with a streamer and posting a short video need real-person authentication
and the microphone (and, for video, camera) consent, asked at the point of use.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from members.selectors import has_passed_real_person
from privacy import consent
from privacy.purposes import Purpose
from publishing.models import LiveChannel, LiveComment, LiveLike, ShortVideo, VoiceChatJoin

COMMENT_MAX_LENGTH = 500
TITLE_MAX_LENGTH = 120
VIDEO_MAX_BYTES = 50 * 1024 * 1024
# What each gated action needs, beyond real-person authentication (INT-13, PERM-03, PERM-05).
VOICE_CHAT_PURPOSES = (Purpose.PERMISSION_MICROPHONE,)
SHORT_VIDEO_PURPOSES = (Purpose.PERMISSION_CAMERA, Purpose.PERMISSION_MICROPHONE)
RECENT_COMMENTS = 50


class NotRealPerson(ValidationError):
    """The member has not passed real-person authentication (INT-13)."""


# -- reading -------------------------------------------------------------------------


def channels() -> QuerySet[LiveChannel]:
    """Every channel, live ones first, with its streamer's public name and like and comment counts."""
    return (
        LiveChannel.objects.select_related("host")
        .only(
            "title",
            "description",
            "is_live",
            "created_at",
            "rank",
            "interaction_count",
            "host__member_name",
            "host__nickname",
        )
        .annotate(like_count=Count("likes", distinct=True), comment_count=Count("comments", distinct=True))
        .order_by("-is_live", "-created_at", "-id")
    )


def ranking() -> QuerySet[LiveChannel]:
    """The public ranking the job built: channels by interactions, with the streamer's nickname."""
    return (
        LiveChannel.objects.filter(rank__isnull=False)
        .select_related("host")
        .only("title", "is_live", "rank", "interaction_count", "ranked_at", "host__member_name", "host__nickname")
        .order_by("rank", "id")
    )


def short_videos() -> QuerySet[ShortVideo]:
    return (
        ShortVideo.objects.select_related("author")
        .only("title", "format", "created_at", "author__member_name", "author__nickname")
        .annotate(like_count=Count("likes", distinct=True), comment_count=Count("comments", distinct=True))
        .order_by("-created_at", "-id")
    )


def comments_on(*, channel: LiveChannel | None = None, video: ShortVideo | None = None) -> list[LiveComment]:
    target = Q(channel=channel) if channel is not None else Q(video=video)
    return list(
        LiveComment.objects.filter(target)
        .select_related("author")
        .only("text", "created_at", "author__member_name", "author__nickname")
        .order_by("-created_at", "-id")[:RECENT_COMMENTS]
    )


def has_liked(member, *, channel: LiveChannel | None = None, video: ShortVideo | None = None) -> bool:
    if not member.is_authenticated:
        return False
    return LiveLike.objects.filter(member=member, channel=channel, video=video).exists()


def missing_purposes(member, purposes: tuple[Purpose, ...]) -> list[Purpose]:
    return [purpose for purpose in purposes if not consent.has_consent(member, purpose)]


# -- writing -------------------------------------------------------------------------


def _clean_text(text: str, *, max_length: int, empty: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(empty, code="empty")
    if "\x00" in text:
        raise ValidationError(_("Null characters are not allowed."), code="null_characters")
    if len(text) > max_length:
        raise ValidationError(_("At most %(count)d characters.") % {"count": max_length}, code="too_long")
    return text


@transaction.atomic
def post_comment(
    *, member, text: str, channel: LiveChannel | None = None, video: ShortVideo | None = None
) -> LiveComment:
    """A public comment, shown with the member's nickname (INT-12)."""
    text = _clean_text(text, max_length=COMMENT_MAX_LENGTH, empty=_("Write a comment."))
    return LiveComment.objects.create(author=member, channel=channel, video=video, text=text)


@transaction.atomic
def toggle_like(*, member, channel: LiveChannel | None = None, video: ShortVideo | None = None) -> bool:
    """Like, or take the like back; returns whether the member now likes it."""
    deleted, _per_model = LiveLike.objects.filter(member=member, channel=channel, video=video).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            LiveLike.objects.create(member=member, channel=channel, video=video)
    except IntegrityError:  # a second tab liked it at the same moment
        pass
    return True


def _require_real_person(member) -> None:
    if not has_passed_real_person(member):
        raise NotRealPerson(
            _("Voice chat and short videos need real-person authentication first."), code="not_real_person"
        )


def _require_consents(member, purposes: tuple[Purpose, ...]) -> None:
    if missing_purposes(member, purposes):
        raise ValidationError(_("Allow the microphone and camera first."), code="consent_required")


@transaction.atomic
def join_voice_chat(*, member, channel: LiveChannel) -> VoiceChatJoin:
    """Join a live channel's voice chat: real-person authentication and microphone consent first (INT-13)."""
    _require_real_person(member)
    _require_consents(member, VOICE_CHAT_PURPOSES)
    if not channel.is_live:
        raise ValidationError(_("This channel is not live now."), code="not_live")
    return VoiceChatJoin.objects.create(member=member, channel=channel)


# -- short video uploads ----------------------------------------------------------------

MP4_BRANDS = frozenset({b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"M4V "})
WEBM_MAGIC = b"\x1a\x45\xdf\xa3"


@dataclass(frozen=True)
class CheckedVideo:
    content: bytes
    format: str

    def as_file(self) -> ContentFile[bytes]:
        """The video under a name the server chose; the uploaded name is never used."""
        return ContentFile(self.content, name=f"{uuid.uuid4().hex}.{self.format}")


def check_video(upload: IO[bytes], *, max_bytes: int = VIDEO_MAX_BYTES) -> CheckedVideo:
    """Size and container signature (MP4 `ftyp` box with a known brand, or WebM's EBML header with doctype webm)."""
    if (getattr(upload, "size", None) or 0) > max_bytes:
        raise ValidationError(
            _("The video may be at most %(size)d MB.") % {"size": max_bytes // (1024 * 1024)}, code="too_large"
        )
    content = upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ValidationError(
            _("The video may be at most %(size)d MB.") % {"size": max_bytes // (1024 * 1024)}, code="too_large"
        )
    if len(content) >= 12 and content[4:8] == b"ftyp" and content[8:12] in MP4_BRANDS:
        return CheckedVideo(content, ShortVideo.Format.MP4)
    if content.startswith(WEBM_MAGIC) and b"webm" in content[:64]:
        return CheckedVideo(content, ShortVideo.Format.WEBM)
    raise ValidationError(_("Upload an MP4 or WebM video."), code="not_a_video")


@transaction.atomic
def post_short_video(*, member, title: str, upload: IO[bytes]) -> ShortVideo:
    """Post a short video: real-person authentication, camera and microphone consent, a checked file (INT-13)."""
    _require_real_person(member)
    _require_consents(member, SHORT_VIDEO_PURPOSES)
    title = _clean_text(title, max_length=TITLE_MAX_LENGTH, empty=_("Give the video a title."))
    checked = check_video(upload)
    return ShortVideo.objects.create(
        author=member, title=title, video=checked.as_file(), format=checked.format, size=len(checked.content)
    )


# -- the ranking job (INT-12) ---------------------------------------------------------------


@transaction.atomic
def rank_live_channels() -> int:
    """Count each channel's comments, likes and voice chats and rank the channels by that; safe to rerun.

    One UPDATE for the counts and one for the ranks, whatever the number of channels.
    """
    now = timezone.now()
    counted = LiveChannel.objects.annotate(
        total=Count("comments", distinct=True) + Count("likes", distinct=True) + Count("voice_chats", distinct=True)
    )
    totals = dict(counted.values_list("pk", "total"))
    order = sorted(totals, key=lambda pk: (-totals[pk], pk))
    channels_ = [
        LiveChannel(pk=pk, interaction_count=totals[pk], rank=position, ranked_at=now)
        for position, pk in enumerate(order, start=1)
    ]
    LiveChannel.objects.bulk_update(channels_, ["interaction_count", "rank", "ranked_at"], batch_size=1000)
    return len(channels_)


# -- files of deleted videos -------------------------------------------------------------------

VIDEO_DIRECTORY = "videos"
# A file younger than this may belong to an upload whose row is not committed yet.
ORPHAN_GRACE = timedelta(hours=1)


def sweep_orphan_videos() -> int:
    """Delete video files no ShortVideo row names any more (rows erased set-based leave their file); rerunnable."""
    if not default_storage.exists(VIDEO_DIRECTORY):
        return 0
    _dirs, names = default_storage.listdir(VIDEO_DIRECTORY)
    kept = {PurePosixPath(name).name for name in ShortVideo.objects.values_list("video", flat=True)}
    cutoff = timezone.now() - ORPHAN_GRACE
    removed = 0
    for name in names:
        path = f"{VIDEO_DIRECTORY}/{name}"
        if name not in kept and default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    return removed
