"""Live-stream and short-video pages (INT-12, INT-13): public lists, comments, likes and ranking shown with
nicknames; voice chat and posting a video behind real-person authentication and the media consents."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.selectors import has_passed_real_person
from privacy.decorators import consent_prompt
from privacy.uploads import FORM_OVERHEAD_BYTES, upload_limit
from publishing import live
from publishing.live_forms import LiveCommentForm, ShortVideoForm
from publishing.models import LiveChannel, ShortVideo

CHANNELS_SHOWN = 30
VIDEOS_SHOWN = 12
RANKING_SHOWN = 50
CONTENT_TYPES: dict[str, str] = {ShortVideo.Format.MP4: "video/mp4", ShortVideo.Format.WEBM: "video/webm"}


@require_GET
def live_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publishing/live/index.html",
        {"channels": live.channels()[:CHANNELS_SHOWN], "videos": live.short_videos()[:VIDEOS_SHOWN]},
    )


@require_GET
def live_ranking(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/live/ranking.html", {"ranking": live.ranking()[:RANKING_SHOWN]})


def _target_page(request: HttpRequest, *, channel=None, video=None, form=None, status=200) -> HttpResponse:
    return render(
        request,
        "publishing/live/channel.html" if channel is not None else "publishing/live/video.html",
        {
            "channel": channel,
            "video": video,
            "comments": live.comments_on(channel=channel, video=video),
            "has_liked": live.has_liked(request.user, channel=channel, video=video),
            "form": form or LiveCommentForm(),
        },
        status=status,
    )


@require_GET
def channel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _target_page(request, channel=get_object_or_404(live.channels(), pk=pk))


@require_GET
def video_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _target_page(request, video=get_object_or_404(live.short_videos(), pk=pk))


def _comment(request: HttpRequest, *, channel=None, video=None) -> HttpResponse:
    form = LiveCommentForm(request.POST)
    if form.is_valid():
        try:
            live.post_comment(member=request.user, text=form.cleaned_data["text"], channel=channel, video=video)
        except ValidationError as error:
            form.add_error("text", error)
        else:
            return redirect(channel or video)
    return _target_page(request, channel=channel, video=video, form=form, status=400)


@login_required
@require_POST
def channel_comment(request: HttpRequest, pk: int) -> HttpResponse:
    return _comment(request, channel=get_object_or_404(live.channels(), pk=pk))


@login_required
@require_POST
def video_comment(request: HttpRequest, pk: int) -> HttpResponse:
    return _comment(request, video=get_object_or_404(live.short_videos(), pk=pk))


@login_required
@require_POST
def channel_like(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(LiveChannel, pk=pk)
    live.toggle_like(member=request.user, channel=channel)
    return redirect(channel)


@login_required
@require_POST
def video_like(request: HttpRequest, pk: int) -> HttpResponse:
    video = get_object_or_404(ShortVideo, pk=pk)
    live.toggle_like(member=request.user, video=video)
    return redirect(video)


def _gate(request: HttpRequest, purposes) -> HttpResponse | None:
    """INT-13: real-person authentication, then each media consent asked at this point of use."""
    if not has_passed_real_person(request.user):
        return render(request, "publishing/live/real_person_required.html", status=403)
    missing = live.missing_purposes(request.user, purposes)
    if missing:
        return consent_prompt(request, missing[0])
    return None


@login_required
@require_POST
def voice_chat(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(LiveChannel, pk=pk)
    refused = _gate(request, live.VOICE_CHAT_PURPOSES)
    if refused is not None:
        return refused
    try:
        live.join_voice_chat(member=request.user, channel=channel)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(channel)
    return render(request, "publishing/live/voice.html", {"channel": channel})


@login_required
@upload_limit(live.VIDEO_MAX_BYTES + FORM_OVERHEAD_BYTES)
@require_http_methods(["GET", "POST"])
def video_upload(request: HttpRequest) -> HttpResponse:
    refused = _gate(request, live.SHORT_VIDEO_PURPOSES)
    if refused is not None:
        return refused
    form = ShortVideoForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                video = live.post_short_video(
                    member=request.user, title=form.cleaned_data["title"], upload=form.cleaned_data["video"]
                )
            except ValidationError as error:
                form.add_error("video" if error.code in ("too_large", "not_a_video") else "title", error)
            else:
                messages.success(request, _("Your short video is posted."))
                return redirect(video)
        status = 400
    return render(request, "publishing/live/upload.html", {"form": form}, status=status)


@require_GET
def video_file(request: HttpRequest, pk: int) -> FileResponse:
    """The video as a video only: the type comes from the checked format, never from the upload."""
    video = get_object_or_404(ShortVideo.objects.only("video", "format"), pk=pk)
    name = video.video.name
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type=CONTENT_TYPES[video.format])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{PurePosixPath(name).name}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
