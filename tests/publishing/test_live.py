"""Live streams and short videos (INT-12, INT-13): public interactions with nicknames, the ranking job, and voice chat
and short videos behind real-person authentication and the media consents."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from members.models import FaceVerification, Member
from privacy import consent
from privacy.purposes import Purpose
from publishing import live
from publishing.models import LiveChannel, LiveComment, LiveLike, ShortVideo, VoiceChatJoin
from publishing.tasks import live_ranking

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def streamer(db):
    return Member.objects.create_user("streamer", "pw-streamer-123", nickname="Live Lin", phone="+8613600136001")


@pytest.fixture
def channel(streamer):
    return LiveChannel.objects.create(host=streamer, title="Tea tasting", is_live=True)


@pytest.fixture
def real_person(member):
    FaceVerification.objects.create(member=member, provider="alipay", is_passed=True)
    return member


def _grant(member, web, *purposes):
    for purpose in purposes:
        consent.grant(member, purpose, context=web)


def test_a_comment_shows_the_nickname_and_the_ranking_job_orders_channels_by_interactions(
    client, member, other_member, streamer, channel
):
    # clause: INT-12
    quiet = LiveChannel.objects.create(host=streamer, title="Quiet room", is_live=True)
    client.force_login(member)
    client.post(reverse("live:channel-comment", args=[channel.pk]), {"text": "Lovely oolong"})
    client.post(reverse("live:channel-like", args=[channel.pk]))
    LiveComment.objects.create(author=other_member, channel=channel, text="Second")
    LiveLike.objects.create(member=other_member, channel=quiet)

    visitor = Client()
    page = visitor.get(reverse("live:channel", args=[channel.pk])).content.decode()
    assert "<strong>Alice W.</strong>: Lovely oolong" in page
    assert "alice" not in page.replace("Alice W.", "")  # the nickname, never the member name

    assert live_ranking() == 2
    assert list(LiveChannel.objects.order_by("rank").values_list("title", "interaction_count")) == [
        ("Tea tasting", 3),
        ("Quiet room", 1),
    ]
    ranking = visitor.get(reverse("live:ranking")).content.decode()
    assert ranking.index("Tea tasting") < ranking.index("Quiet room") and "Live Lin" in ranking
    assert live_ranking() == 2  # rerunning changes nothing
    assert LiveChannel.objects.get(pk=channel.pk).rank == 1


def test_the_ranking_job_is_scheduled_where_staff_can_edit_it():
    tasks = set(PeriodicTask.objects.filter(enabled=True).values_list("task", flat=True))
    assert {"publishing.rank_live_channels", "publishing.sweep_orphan_videos"} <= tasks


def test_a_member_without_real_person_authentication_is_refused_voice_chat_and_video_upload(
    client, member, channel, web
):
    # clause: INT-13
    _grant(member, web, Purpose.PERMISSION_MICROPHONE, Purpose.PERMISSION_CAMERA)
    client.force_login(member)

    voice = client.post(reverse("live:voice", args=[channel.pk]))
    upload = client.post(
        reverse("live:video-upload"),
        {"title": "My clip", "video": SimpleUploadedFile("clip.mp4", MP4, content_type="video/mp4")},
    )

    for response in (voice, upload, client.get(reverse("live:video-upload"))):
        assert response.status_code == 403
        assert 'data-testid="real-person-required"' in response.content.decode()
    assert not VoiceChatJoin.objects.exists() and not ShortVideo.objects.exists()


def test_a_failed_latest_face_check_is_not_real_person_authentication(client, real_person, channel, web):
    FaceVerification.objects.create(member=real_person, provider="alipay", is_passed=False)
    _grant(real_person, web, Purpose.PERMISSION_MICROPHONE)
    client.force_login(real_person)

    assert client.post(reverse("live:voice", args=[channel.pk])).status_code == 403
    assert not VoiceChatJoin.objects.exists()


def test_voice_chat_asks_for_the_microphone_at_the_point_of_use_then_joins(client, real_person, channel):
    client.force_login(real_person)
    channel_url = reverse("live:channel", args=[channel.pk])

    prompt = client.post(reverse("live:voice", args=[channel.pk]), HTTP_REFERER=channel_url)

    assert prompt.status_code == 403
    assert 'data-purpose="permission_microphone"' in prompt.content.decode()
    assert not VoiceChatJoin.objects.exists()
    granted = client.post(reverse("privacy:grant-consent"), {"purpose": "permission_microphone", "next": channel_url})
    assert granted["Location"] == channel_url
    joined = client.post(reverse("live:voice", args=[channel.pk]))
    assert joined.status_code == 200 and 'data-media-request="audio"' in joined.content.decode()
    assert VoiceChatJoin.objects.get().member == real_person


def test_voice_chat_is_refused_when_the_channel_is_not_live(client, real_person, channel, web):
    _grant(real_person, web, Purpose.PERMISSION_MICROPHONE)
    LiveChannel.objects.filter(pk=channel.pk).update(is_live=False)
    client.force_login(real_person)

    assert client.post(reverse("live:voice", args=[channel.pk])).status_code == 302
    assert not VoiceChatJoin.objects.exists()


def test_posting_a_short_video_needs_camera_and_microphone_consent_then_stores_a_checked_file(client, real_person, web):
    client.force_login(real_person)
    first = client.get(reverse("live:video-upload"))
    assert first.status_code == 403 and 'data-purpose="permission_camera"' in first.content.decode()
    _grant(real_person, web, Purpose.PERMISSION_CAMERA)
    second = client.get(reverse("live:video-upload"))
    assert 'data-purpose="permission_microphone"' in second.content.decode()
    _grant(real_person, web, Purpose.PERMISSION_MICROPHONE)

    response = client.post(
        reverse("live:video-upload"),
        {"title": "Unboxing", "video": SimpleUploadedFile("../../evil.html", MP4, content_type="text/html")},
    )

    video = ShortVideo.objects.get()
    assert response["Location"] == reverse("live:video", args=[video.pk])
    assert video.format == "mp4" and "evil" not in video.video.name and video.video.name.endswith(".mp4")
    served = Client().get(reverse("live:video-file", args=[video.pk]))
    assert served["Content-Type"] == "video/mp4" and served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == MP4
    assert "Unboxing" in Client().get(reverse("live:index")).content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("clip.mp4", b"<script>alert(1)</script>" + b"\x00" * 64),  # a name and type that lie
        ("clip.mp4", b"MZ\x90\x00" + b"\x00" * 64),  # an executable
        ("clip.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 64),  # EBML but not WebM
        ("clip.mp4", b"\x00\x00\x00\x18ftypqt  " + b"\x00" * 64),  # a container we do not take
        ("clip.mp4", b""),
    ],
)
def test_a_file_that_is_not_an_mp4_or_webm_video_is_refused(client, real_person, web, name, content):
    _grant(real_person, web, Purpose.PERMISSION_CAMERA, Purpose.PERMISSION_MICROPHONE)
    client.force_login(real_person)

    response = client.post(
        reverse("live:video-upload"),
        {"title": "Clip", "video": SimpleUploadedFile(name, content, content_type="video/mp4")},
    )

    assert response.status_code == 400
    assert not ShortVideo.objects.exists()


def test_the_checks_take_webm_and_refuse_an_oversized_video():
    from io import BytesIO

    assert live.check_video(BytesIO(WEBM)).format == "webm"
    with pytest.raises(live.ValidationError) as error:
        live.check_video(BytesIO(MP4 + b"\x00" * 100), max_bytes=50)
    assert error.value.code == "too_large"


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, real_person, web):
    _grant(real_person, web, Purpose.PERMISSION_CAMERA, Purpose.PERMISSION_MICROPHONE)
    client.force_login(real_person)

    response = client.post(
        reverse("live:video-upload"),
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(live.VIDEO_MAX_BYTES * 2),
    )

    assert response.status_code == 413
    assert not ShortVideo.objects.exists()


@pytest.mark.parametrize("text", ["", "  ", "a\x00b", "x" * 501])
def test_bad_comments_are_a_400_and_nothing_is_written(client, member, channel, text):
    client.force_login(member)

    assert client.post(reverse("live:channel-comment", args=[channel.pk]), {"text": text}).status_code == 400
    assert not LiveComment.objects.exists()


def test_a_script_in_a_comment_or_title_is_shown_as_text(client, member, streamer):
    channel = LiveChannel.objects.create(host=streamer, title="<script>alert(2)</script>", is_live=True)
    client.force_login(member)
    client.post(reverse("live:channel-comment", args=[channel.pk]), {"text": "<script>alert(1)</script>"})

    page = client.get(reverse("live:channel", args=[channel.pk])).content.decode()

    assert "<script>alert(" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_likes_toggle_and_posts_need_sign_in_and_csrf(client, member, channel):
    anonymous = client.post(reverse("live:channel-like", args=[channel.pk]))
    assert reverse("account_login") in anonymous["Location"]
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member)
    assert csrf_client.post(reverse("live:channel-comment", args=[channel.pk]), {"text": "hi"}).status_code == 403
    assert csrf_client.post(reverse("live:channel-like", args=[channel.pk])).status_code == 403
    assert not LiveComment.objects.exists() and not LiveLike.objects.exists()

    client.force_login(member)
    client.post(reverse("live:channel-like", args=[channel.pk]))
    assert LiveLike.objects.filter(member=member, channel=channel).exists()
    client.post(reverse("live:channel-like", args=[channel.pk]))
    assert not LiveLike.objects.exists()
    assert client.post(reverse("live:channel-like", args=[99999])).status_code == 404


def test_the_live_pages_need_a_bounded_number_of_queries(client, member, streamer, django_assert_max_num_queries):
    for i in range(10):
        channel = LiveChannel.objects.create(host=streamer, title=f"Channel {i}", is_live=True)
        LiveComment.objects.create(author=member, channel=channel, text=f"c{i}")
        ShortVideo.objects.create(author=member, title=f"Video {i}", video="videos/x.mp4", format="mp4", size=1)
    live_ranking()
    client.force_login(member)
    client.get(reverse("live:index"))

    with django_assert_max_num_queries(6):
        assert "Channel 9" in client.get(reverse("live:index")).content.decode()
    with django_assert_max_num_queries(6):
        assert "Channel 9" in client.get(reverse("live:ranking")).content.decode()
    with django_assert_max_num_queries(8):
        assert "c0" in client.get(reverse("live:channel", args=[channel.pk - 9])).content.decode()


def test_the_sweep_deletes_only_old_files_no_video_names(real_person, web, settings):
    import os
    import time

    from django.core.files.storage import default_storage

    _grant(real_person, web, Purpose.PERMISSION_CAMERA, Purpose.PERMISSION_MICROPHONE)
    kept = live.post_short_video(member=real_person, title="Kept", upload=SimpleUploadedFile("a.mp4", MP4))
    erased = live.post_short_video(member=real_person, title="Erased", upload=SimpleUploadedFile("b.mp4", MP4))
    ShortVideo.objects.filter(pk=erased.pk).delete()  # set-based, as erasure deletes rows
    fresh = default_storage.save("videos/fresh.mp4", SimpleUploadedFile("c.mp4", MP4))
    two_hours_ago = time.time() - 7200
    for name in (kept.video.name, erased.video.name):
        os.utime(default_storage.path(name), (two_hours_ago, two_hours_ago))

    assert live.sweep_orphan_videos() == 1
    assert default_storage.exists(kept.video.name) and default_storage.exists(fresh)
    assert not default_storage.exists(erased.video.name)
    assert live.sweep_orphan_videos() == 0
