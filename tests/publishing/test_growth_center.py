"""The Growth Center: everything a member published, with edit and delete (RGT-04); closure outcome per type."""

import os
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from publishing.models import Comment, Post, PostPicture, Question, Review, ReviewPicture
from rights.closure import closure_preview
from rights.erasure import run_erasure, start_erasure
from rights.retention import rule_for, sweep_now
from tests.publishing.conftest import order_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(member, drill, bought, media):
    (media / "posts").mkdir()
    (media / "posts" / "p.png").write_bytes(b"png")
    (media / "reviews").mkdir()
    (media / "reviews" / "r.png").write_bytes(b"png")
    review = Review.objects.create(author=member, commodity=drill, order_item=bought, rating=4, text="Good drill")
    ReviewPicture.objects.create(review=review, image="reviews/r.png")
    post = Post.objects.create(author=member, text="My bench", location="Hangzhou")
    PostPicture.objects.create(post=post, image="posts/p.png")
    return {
        "review": review,
        "post": post,
        "comment": Comment.objects.create(author=member, post=post, text="Thanks all"),
        "question": Question.objects.create(asker=member, commodity=drill, text="Spare battery?"),
    }


def test_deleting_a_post_in_the_growth_center_takes_its_public_page_down(client, member, published, media):
    """After a member deletes a post in Growth Center, its public URL returns 404."""
    # clause: PUB-07
    client.force_login(member)
    post = published["post"]
    public_url = reverse("publishing:post", args=[post.pk])
    assert client.get(public_url).status_code == 200

    page = client.get(reverse("publishing:growth-center")).content.decode()
    assert reverse("publishing:post-delete", args=[post.pk]) in page

    response = client.post(reverse("publishing:post-delete", args=[post.pk]))

    assert response.status_code == 302
    assert Client().get(public_url).status_code == 404
    assert not PostPicture.objects.exists() and not Comment.objects.filter(post_id=post.pk).exists()


def test_the_picture_file_is_removed_with_the_post(
    client, member, published, media, django_capture_on_commit_callbacks
):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publishing:post-delete", args=[published["post"].pk]))

    assert not (media / "posts" / "p.png").exists()
    assert Client().get("/media/posts/p.png").status_code == 404


def test_the_growth_center_lists_everything_with_edit_and_delete_and_public_counts(client, member, published):
    client.force_login(member)

    html = client.get(reverse("publishing:growth-center")).content.decode()

    for item, kind in [("review", "review"), ("post", "post"), ("comment", "comment"), ("question", "question")]:
        pk = published[item].pk
        assert reverse(f"publishing:{kind}-edit", args=[pk]) in html
        assert reverse(f"publishing:{kind}-delete", args=[pk]) in html
    for text in ("Good drill", "My bench", "Thanks all", "Spare battery?"):
        assert text in html
    assert 'data-testid="public-counts"' in html


def test_the_policy_path_redirects_and_the_menu_and_dashboard_link_it(client, member):
    client.force_login(member)

    response = client.get("/me/growth-center/")
    dashboard = client.get(reverse("members:dashboard")).content.decode()

    assert response.status_code == 301 and response["Location"] == reverse("publishing:growth-center")
    assert dashboard.count(f'href="{reverse("publishing:growth-center")}"') >= 2  # the menu and the panel


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("publishing:growth-center"))

    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("kind", ["review", "post", "comment", "question"])
def test_another_members_items_are_404_on_edit_and_delete(client, other_member, published, kind):
    client.force_login(other_member)
    pk = published[kind].pk

    assert client.get(reverse(f"publishing:{kind}-edit", args=[pk])).status_code == 404
    assert (
        client.post(reverse(f"publishing:{kind}-edit", args=[pk]), {"text": "mine now", "rating": 1}).status_code == 404
    )
    assert client.post(reverse(f"publishing:{kind}-delete", args=[pk])).status_code == 404
    model = type(published[kind])
    assert model.objects.filter(pk=pk).exists()
    assert not model.objects.filter(text="mine now").exists()


def test_edits_change_the_public_copy(client, member, published):
    client.force_login(member)

    client.post(reverse("publishing:review-edit", args=[published["review"].pk]), {"rating": 2, "text": "Broke."})
    client.post(reverse("publishing:question-edit", args=[published["question"].pk]), {"text": "Two batteries?"})
    client.post(reverse("publishing:comment-edit", args=[published["comment"].pk]), {"text": "Thank you"})
    client.post(reverse("publishing:post-edit", args=[published["post"].pk]), {"text": "Bench v2", "link": ""})

    page = Client().get(reverse("catalog:commodity", args=[published["review"].commodity_id])).content.decode()
    assert "Broke." in page and "Two batteries?" in page
    post = Post.objects.get()
    assert post.text == "Bench v2" and post.location == ""  # not kept unless asked
    assert Comment.objects.get().text == "Thank you"


@pytest.mark.parametrize("text", ["a\x00b", "x" * 2001, "<script>alert(1)</script>"])
def test_edits_refuse_bad_input_and_escape_script(client, member, published, text):
    client.force_login(member)

    response = client.post(
        reverse("publishing:review-edit", args=[published["review"].pk]), {"rating": 5, "text": text}
    )

    review = Review.objects.get()
    if text.startswith("<script>"):
        assert response.status_code == 302
        html = client.get(reverse("publishing:review", args=[review.pk])).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    else:
        assert response.status_code == 400 and review.text == "Good drill"


def test_delete_without_csrf_is_refused(member, published):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert client.post(reverse("publishing:review-delete", args=[published["review"].pk])).status_code == 403
    assert Review.objects.exists()


def test_the_growth_center_needs_the_same_queries_for_few_or_many_items(
    client, member, drill, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            review = Review.objects.create(
                author=member, commodity=drill, order_item=order_of(member, drill), rating=3, text=f"r{i}"
            )
            ReviewPicture.objects.create(review=review, image=f"reviews/{i}.png")
            post = Post.objects.create(author=member, text=f"p{i}")
            Comment.objects.create(author=member, review=review, text=f"c{i}")
            Comment.objects.create(author=member, post=post, text=f"d{i}")
            Question.objects.create(asker=member, commodity=drill, text=f"q{i}")

    client.force_login(member)
    add(2)
    with django_assert_max_num_queries(16) as few:
        client.get(reverse("publishing:growth-center"))
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("publishing:growth-center"))
    assert response.content.decode().count('data-testid="delete"') == 22 * 5  # reviews, posts, 2 comments, questions


def test_at_closure_reviews_are_anonymized_and_everything_else_published_is_deleted(member, other_member, published):
    Comment.objects.create(author=other_member, review=published["review"], text="Agreed")
    preview = {item["record"]: item for item in closure_preview(member)}
    assert preview["reviews"]["anonymized"] == 1
    assert preview["posts"]["deleted"] == 1 and preview["comments"]["deleted"] == 1
    assert preview["questions to merchants"]["deleted"] == 1

    run_erasure(start_erasure(member=member, reason="account closed").pk)

    review = Review.objects.get(pk=published["review"].pk)
    assert review.author_id is None and review.text == "" and review.order_item_id is None and review.rating == 4
    assert not ReviewPicture.objects.exists()
    assert not Post.objects.exists() and not Question.objects.exists()
    assert list(Comment.objects.values_list("text", flat=True)) == ["Agreed"]  # someone else's comment stays
    html = Client().get(reverse("catalog:commodity", args=[review.commodity_id])).content.decode()
    assert "Former member" in html and "Alice W." not in html


def test_the_closure_page_says_what_happens_to_published_content(client, member, published):
    from tests.rights.test_closure import reauthenticated

    html = reauthenticated(client, Member.objects.get(pk=member.pk)).get(reverse("account-closure")).content.decode()

    assert 'data-testid="published-content-outcome"' in html
    assert "reviews" in html and "posts" in html


def test_reviews_older_than_three_years_keep_only_their_rating(member, drill, published):
    old = published["review"]
    Review.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3 * 366 + 1))
    recent = Review.objects.create(
        author=member, commodity=drill, order_item=order_of(member, drill), rating=5, text="New"
    )

    sweep_now(rule_for("publishing.ReviewPicture"))
    sweep_now(rule_for("publishing.Review"))

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.author_id, old.text, old.rating) == (None, "", 4)
    assert not ReviewPicture.objects.filter(review=old).exists()
    assert (recent.author_id, recent.text) == (member.pk, "New")


def test_picture_files_of_erased_reviews_and_posts_are_deleted_by_the_hourly_job(member, drill, published, media):
    from django_celery_beat.models import PeriodicTask

    from publishing.tasks import orphaned_pictures

    (media / "reviews" / "kept.png").write_bytes(b"png")  # another review's picture
    run_erasure(start_erasure(member=member, reason="account closed").pk)
    (media / "posts" / "uploading.png").write_bytes(b"png")  # an upload whose row is not committed yet
    an_hour_ago = timezone.now().timestamp() - 3601
    for name in ("reviews/r.png", "posts/p.png", "reviews/kept.png"):
        os.utime(media / name, (an_hour_ago, an_hour_ago))
    ReviewPicture.objects.create(
        review=Review.objects.create(commodity=drill, rating=5, text=""), image="reviews/kept.png"
    )

    assert orphaned_pictures() == 2
    assert orphaned_pictures() == 0  # safe to run twice

    assert sorted(p.name for p in media.rglob("*.png")) == ["kept.png", "uploading.png"]
    assert PeriodicTask.objects.filter(task="publishing.remove_orphaned_pictures", enabled=True).exists()
