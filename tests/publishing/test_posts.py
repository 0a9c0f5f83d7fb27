"""Posts: permissions asked at the point of use, the others' agreement, effects on the device, featuring."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.admin.sites import site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse

from interactions.models import AlertCategory, Message
from members.models import Member
from privacy.purposes import Purpose
from publishing import services
from publishing.models import Post, PostPicture
from tests.images import png
from tests.staff import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return Member.objects.create_superuser("editor", "a long enough secret", phone="+8613800138099")


@pytest.fixture
def staff_client(staff):
    client = Client()
    sign_in_staff(client, staff)
    return client


def publish(client, **data):
    return client.post(
        reverse("publishing:post-create"), {"text": "My new workbench", "picture_source": "album", **data}
    )


def test_a_post_without_location_permission_stores_no_location_and_featured_posts_reach_the_home_page(
    client, member, grant, staff, staff_client
):
    """Content created without location permission stores no location; content staff feature is on the homepage."""
    # clause: PUB-04
    client.force_login(member)

    asked = publish(client, location="Hangzhou, Xihu")

    assert asked.status_code == 403
    assert 'data-purpose="permission_location"' in asked.content.decode()
    assert not Post.objects.exists()
    post = services.create_post(author=member, text="Workbench", location="Hangzhou, Xihu")
    assert post.location == ""  # the service drops it too, whoever calls it

    response = staff_client.post(
        reverse("admin:publishing_post_changelist"), {"action": "feature", "_selected_action": [post.pk]}
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.featured_by == staff and post.is_featured
    home = Client().get(reverse("home")).content.decode()
    assert 'data-testid="featured-posts"' in home and "Workbench" in home and "Alice W." in home
    assert "alice" not in home
    assert Message.objects.filter(member=member, kind=AlertCategory.INTERACTIONS).exists()


def test_with_the_location_permission_the_location_is_stored(client, member, grant):
    grant(member, Purpose.PERMISSION_LOCATION)
    client.force_login(member)

    assert 'name="location"' in client.get(reverse("publishing:post-create")).content.decode()
    publish(client, location="Hangzhou, Xihu")

    post = Post.objects.get()
    assert post.location == "Hangzhou, Xihu"
    assert "Hangzhou, Xihu" in client.get(reverse("publishing:post", args=[post.pk])).content.decode()


@pytest.mark.parametrize(
    ("source", "purpose"), [("album", Purpose.PERMISSION_PHOTOS), ("camera", Purpose.PERMISSION_CAMERA)]
)
def test_pictures_need_the_album_or_camera_permission_asked_at_the_point_of_use(client, member, grant, source, purpose):
    client.force_login(member)
    form = client.get(reverse("publishing:post-create")).content.decode()
    assert f'data-testid="grant-{purpose.value}"' in form and 'name="pictures"' not in form

    asked = publish(client, picture_source=source, pictures=[SimpleUploadedFile("a.png", png(), "image/png")])

    assert asked.status_code == 403 and f'data-purpose="{purpose.value}"' in asked.content.decode()
    assert not Post.objects.exists()

    grant(member, purpose)
    publish(client, picture_source=source, pictures=[SimpleUploadedFile("a.png", png(), "image/png")])
    assert PostPicture.objects.filter(post__author=member).count() == 1


def test_effects_run_in_the_browser_and_only_the_final_picture_is_uploaded(client, member, grant, media):
    """No server endpoint does filter or face processing; the upload for filtered media holds only the final file."""
    # clause: PUB-05
    grant(member, Purpose.PERMISSION_PHOTOS)
    client.force_login(member)
    routes = [str(p.pattern) for p in get_resolver("publishing.urls").url_patterns]
    assert routes and not [r for r in routes if re.search(r"filter|effect|beaut|face", r)]
    form = client.get(reverse("publishing:post-create")).content.decode()
    assert 'data-testid="effects-note"' in form and "post-effects.js" in form
    assert form.count('type="file"') == 1  # the final pictures, nothing else
    script = (Path(django_settings.BASE_DIR) / "static/js/post-effects.js").read_text()
    assert "canvas" in script and "fetch(" not in script and "XMLHttpRequest" not in script

    final = png(colour=(90, 90, 90))  # what the canvas produced
    publish(client, pictures=[SimpleUploadedFile("picture.jpg", final, "image/png")])

    stored = PostPicture.objects.get()
    assert [p.name for p in media.rglob("*.*")] == [Path(stored.image.name).name]
    from tests.images import pixels

    assert pixels((media / stored.image.name).read_bytes())[2] == pixels(final)[2]


def test_the_post_form_cautions_and_a_post_showing_others_needs_their_agreement(client, member):
    """The post form shows the caution notice; content marked "depicts others" needs the consent acknowledgement."""
    # clause: PUB-06, POL-08
    client.force_login(member)

    form = client.get(reverse("publishing:post-create")).content.decode()
    refused = publish(client, depicts_others="on")

    assert 'data-testid="caution-notice"' in form and 'name="others_agreed"' in form
    assert refused.status_code == 400
    assert "Confirm that the people your post shows or names agreed to it." in refused.content.decode()
    assert not Post.objects.exists()

    assert publish(client, depicts_others="on", others_agreed="on").status_code == 302
    post = Post.objects.get()
    assert post.depicts_others and post.others_consent_attested_at is not None


def test_review_and_comment_forms_show_the_caution_notice(client, member, drill, bought):
    client.force_login(member)
    post = Post.objects.create(author=member, text="hello")

    for url in (reverse("publishing:review-create", args=[drill.pk]), reverse("publishing:post", args=[post.pk])):
        assert 'data-testid="caution-notice"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"text": "a\x00b"},
        {"text": "x" * 2001},
        {"link": "javascript:alert(1)"},
        {"link": "https://example.com/" + "x" * 500},
    ],
    ids=["nul", "over-long", "script-link", "over-long-link"],
)
def test_bad_posts_are_refused_and_nothing_written(client, member, data):
    client.force_login(member)

    assert publish(client, **data).status_code == 400
    assert not Post.objects.exists()


def test_a_post_with_a_script_picture_is_refused(client, member, grant, media):
    grant(member, Purpose.PERMISSION_PHOTOS)
    client.force_login(member)

    response = publish(client, pictures=[SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", "image/jpeg")])

    assert response.status_code == 400 and "Upload PNG or JPEG pictures." in response.content.decode()
    assert not Post.objects.exists() and list(media.rglob("*.*")) == []


def test_script_in_a_post_is_escaped_and_links_are_marked_user_content(client, member):
    client.force_login(member)
    publish(client, text="<script>alert(1)</script>", link="https://example.com/")

    html = client.get(reverse("publishing:post", args=[Post.objects.get().pk])).content.decode()

    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'rel="nofollow ugc noopener noreferrer"' in html


def test_a_post_without_csrf_is_refused(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert publish(client).status_code == 403
    assert not Post.objects.exists()


def test_staff_can_stop_featuring_a_post(client, member, staff, staff_client):
    post = Post.objects.create(author=member, text="Old news")
    services.feature_post(post=post, by=staff)

    staff_client.post(
        reverse("admin:publishing_post_changelist"), {"action": "unfeature", "_selected_action": [post.pk]}
    )

    post.refresh_from_db()
    assert not post.is_featured
    assert "Old news" not in client.get(reverse("home")).content.decode()


def test_the_publishing_admin_pages_open(member, drill, bought, staff_client):
    from publishing.models import Comment, Question, Review

    review = Review.objects.create(author=member, commodity=drill, order_item=bought, rating=5, text="ok")
    post = Post.objects.create(author=member, text="p")
    comment = Comment.objects.create(author=member, review=review, text="c")
    question = Question.objects.create(asker=member, commodity=drill, text="q")
    for model, obj in [(Review, review), (Post, post), (Comment, comment), (Question, question)]:
        assert model in site._registry
        name = f"admin:publishing_{model._meta.model_name}"
        assert staff_client.get(reverse(f"{name}_changelist")).status_code == 200
        assert staff_client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200
