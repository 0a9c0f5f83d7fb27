"""Uploads are decoded and re-encoded, stored under a server-chosen name, and served only as images (issue 15, 1)."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import Member
from tests.images import gif, pixels, png

pytestmark = pytest.mark.django_db

PROFILE = reverse("members:profile")
# A script behind a GIF header: the first bytes pass a signature check, the rest runs as JavaScript.
GIF_PREFIXED_SCRIPT = b"GIF89a=1;document.title='pwned';fetch('/privacy/receipt/').then(r=>r.text())"
LOADER_HTML = b'GIF89a<html><body><script src="x.js"></script></body></html>'


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload_avatar(client, name: str, content: bytes, content_type: str = "image/gif"):
    return client.post(PROFILE, {"nickname": "Ally", "avatar": SimpleUploadedFile(name, content, content_type)})


@pytest.mark.parametrize(("name", "content"), [("x.js", GIF_PREFIXED_SCRIPT), ("x.html", LOADER_HTML)])
def test_a_script_behind_an_image_header_is_refused_and_nothing_is_stored(client, member, media, name, content):
    client.force_login(member)

    response = upload_avatar(client, name, content)

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["avatar"][0].code == "not_an_image"
    member.refresh_from_db()
    assert not member.avatar
    assert member.nickname == "Alice W."
    assert list(media.rglob("*")) == []


def test_a_real_image_with_a_script_appended_is_stored_re_encoded_under_a_server_chosen_name(client, member, media):
    client.force_login(member)

    response = upload_avatar(client, "x.js", gif() + b";alert(document.cookie)//<script>")

    assert response.status_code == 302
    member.refresh_from_db()
    assert re.fullmatch(r"avatars/[0-9a-f]{32}\.png", member.avatar.name)
    stored = (media / member.avatar.name).read_bytes()
    assert b"alert" not in stored and b"<script>" not in stored
    assert pixels(stored)[:2] == ("PNG", (8, 8))


def test_metadata_is_dropped_and_the_pixels_are_kept(client, member, media):
    client.force_login(member)
    original = png(size=(20, 10), text="<script>alert(1)</script>")

    upload_avatar(client, "me.png", original, "image/png")

    member.refresh_from_db()
    stored = (media / member.avatar.name).read_bytes()
    assert b"script" not in stored
    assert pixels(stored) == pixels(original)


def test_a_decompression_bomb_is_refused(client, member, media):
    client.force_login(member)
    out = BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")

    response = upload_avatar(client, "bomb.png", out.getvalue(), "image/png")

    assert response.context["form"].errors.as_data()["avatar"][0].code == "not_an_image"
    assert list(media.rglob("*")) == []


def test_a_request_larger_than_the_view_allows_is_refused_before_it_is_read(client, member, media, monkeypatch):
    client.force_login(member)

    def unread(*args, **kwargs):
        raise AssertionError("the oversized body was parsed")

    monkeypatch.setattr("django.http.request.HttpRequest._load_post_and_files", unread)
    response = upload_avatar(client, "big.png", png() + b"\0" * (3 * 1024 * 1024), "image/png")

    assert response.status_code == 413
    assert 'data-testid="upload-too-large"' in response.content.decode()
    member.refresh_from_db()
    assert not member.avatar


def test_any_other_request_body_is_bounded_too(client, member, settings):
    client.force_login(member)
    settings.REQUEST_BODY_MAX_BYTES = 1024

    response = client.post(reverse("privacy:cookies"), {"next": "/", "filler": "x" * 4096})

    assert response.status_code == 413


def test_an_uploaded_image_is_served_as_an_image_that_cannot_be_sniffed_or_run(client, member, media):
    client.force_login(member)
    upload_avatar(client, "me.png", png(), "image/png")
    member.refresh_from_db()

    response = client.get(member.avatar.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert pixels(b"".join(response.streaming_content)) == pixels(png())


@pytest.mark.parametrize("name", ["x.js", "x.html", "x.svg", "x.gif", "../settings.py", "avatars/x.js"])
def test_files_that_are_not_re_encoded_images_are_not_served(client, media, name):
    """Files under MEDIA_ROOT from before re-encoding (or put there by hand) are never served as script or HTML."""
    (media / "avatars").mkdir()
    for planted in ("x.js", "x.html", "x.svg", "x.gif", "avatars/x.js"):
        (media / planted).write_bytes(GIF_PREFIXED_SCRIPT)

    assert client.get(f"/media/{name}").status_code == 404


def test_the_public_profile_shows_the_re_encoded_avatar(client, member, other_member, media):
    client.force_login(member)
    upload_avatar(client, "me.gif", gif())
    member.refresh_from_db()
    client.force_login(other_member)

    html = client.get(reverse("members:public-profile", args=["alice"])).content.decode()

    assert f'src="{member.avatar.url}"' in html
    assert Member.objects.get(pk=member.pk).avatar.name.endswith(".png")


def test_an_upload_without_a_declared_length_is_refused(client, member, media):
    client.force_login(member)

    response = client.post(
        PROFILE,
        {"nickname": "Ally", "avatar": SimpleUploadedFile("me.png", png(), "image/png")},
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert response.status_code == 411
    member.refresh_from_db()
    assert member.nickname == "Alice W."
