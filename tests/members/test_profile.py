"""The optional profile (MEM-04) and the public profile that shows only nickname and avatar (MEM-05)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Member
from tests.images import png

pytestmark = pytest.mark.django_db

PROFILE = reverse("members:profile")
PNG = png()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def profile_data(**overrides):
    data = {
        "nickname": "Ally",
        "real_name": "Alice Wang",
        "landline": "0571-88888888",
        "other_contact": "wechat: alice",
        "position": "Buyer",
        "industry": "Textiles",
    }
    data.update(overrides)
    return data


def test_the_owner_saves_the_optional_profile(client, member, media):
    """MEM-04."""
    client.force_login(member)

    response = client.post(PROFILE, {**profile_data(), "avatar": SimpleUploadedFile("me.png", PNG, "image/png")})

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.nickname, member.real_name, member.industry) == ("Ally", "Alice Wang", "Textiles")
    assert member.avatar.name.startswith("avatars/")


def test_every_optional_field_may_stay_blank(client, member):
    """MEM-04: blanks never block a basic function."""
    client.force_login(member)

    response = client.post(PROFILE, {})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.nickname == ""
    assert client.get(reverse("members:dashboard")).status_code == 200


def test_the_form_says_nickname_and_avatar_are_public(client, member):
    """MEM-05."""
    client.force_login(member)

    html = client.get(PROFILE).content.decode()

    assert "Nickname (public)" in html
    assert "Avatar (public)" in html


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("me.png", b"MZ\x90\x00 not an image", "image/png"), "not_an_image"),
        (SimpleUploadedFile("big.png", PNG + b"\x00" * (2 * 1024 * 1024), "image/png"), "too_large"),
    ],
)
def test_a_non_image_or_oversized_avatar_is_refused_and_nothing_is_saved(client, member, media, upload, code):
    client.force_login(member)

    response = client.post(PROFILE, {**profile_data(), "avatar": upload})

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["avatar"][0].code == code
    member.refresh_from_db()
    assert member.real_name == ""
    assert not member.avatar


def test_the_public_profile_shows_only_nickname_and_avatar(client, member, other_member, media):
    """MEM-05: no real name, phone, landline, position or industry."""
    Member.objects.filter(pk=member.pk).update(
        real_name="Alice Wang", landline="0571-88888888", position="Buyer", industry="Textiles", avatar="avatars/a.png"
    )
    client.force_login(other_member)

    html = client.get(reverse("members:public-profile", args=["alice"])).content.decode()

    assert "Alice W." in html
    assert "avatars/a.png" in html
    for secret in ["Alice Wang", "13800138001", "0571-88888888", "Buyer", "Textiles"]:
        assert secret not in html


def test_an_inactive_members_public_profile_is_not_found(client, member):
    Member.objects.filter(pk=member.pk).update(is_active=False)

    assert client.get(reverse("members:public-profile", args=["alice"])).status_code == 404


def test_the_profile_page_runs_a_bounded_number_of_queries(client, member, django_assert_max_num_queries):
    client.force_login(member)
    client.get(PROFILE)  # the session's first request records it in Devices and sessions

    # The member alone: the session and page state come from the cache, and the page adds none.
    with django_assert_max_num_queries(1):
        assert client.get(PROFILE).status_code == 200


def test_a_visitor_is_sent_to_sign_in_from_the_profile(client):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
