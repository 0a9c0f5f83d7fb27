"""Comments on reviews and posts, and "Ask the merchant" questions with the store's answers."""

import pytest
from django.test import Client
from django.urls import reverse

from catalog.models import StoreMembership
from interactions.models import AlertCategory, Message
from members.models import Member
from publishing.models import Comment, Post, Question, Review
from tests.catalog.factories import StoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(member, drill, bought):
    return Review.objects.create(author=member, commodity=drill, order_item=bought, rating=5, text="Solid drill.")


@pytest.fixture
def commenter(db):
    return Member.objects.create_user(
        "carol_real", "a long enough secret", phone="+8613800138003", nickname="Carol", real_name="Chen Carol"
    )


def test_a_comment_shows_the_nickname_never_the_real_name_or_phone(client, review, commenter):
    """A published comment shows the author's nickname and never their real name or phone."""
    # clause: PUB-02
    client.force_login(commenter)

    response = client.post(reverse("publishing:review-comment", args=[review.pk]), {"text": "Which battery?"})

    assert response.status_code == 302
    client.logout()
    html = client.get(reverse("publishing:review", args=[review.pk])).content.decode()
    assert "Which battery?" in html and "Carol" in html
    for secret in ("carol_real", "Chen Carol", "13800138003"):
        assert secret not in html


def test_the_review_author_is_told_of_a_comment_through_the_inbox(client, review, member, commenter):
    client.force_login(commenter)
    client.post(reverse("publishing:review-comment", args=[review.pk]), {"text": "Thanks!"})

    notice = Message.objects.get(member=member)
    assert notice.kind == AlertCategory.INTERACTIONS and "comment" in notice.title
    assert "Carol" in notice.body and "carol_real" not in notice.body


def test_commenting_on_ones_own_review_sends_no_notice(client, review, member):
    client.force_login(member)
    client.post(reverse("publishing:review-comment", args=[review.pk]), {"text": "Update: still fine."})

    assert Comment.objects.count() == 1
    assert not Message.objects.filter(member=member).exists()


def test_comments_on_posts_are_public_with_the_nickname(client, member, commenter):
    post = Post.objects.create(author=member, text="My workshop")
    client.force_login(commenter)

    client.post(reverse("publishing:post-comment", args=[post.pk]), {"text": "Nice bench"})

    html = client.get(reverse("publishing:post", args=[post.pk])).content.decode()
    assert "Nice bench" in html and "Carol" in html
    assert Message.objects.filter(member=member, kind=AlertCategory.INTERACTIONS).exists()


@pytest.mark.parametrize("text", ["\x00", "x" * 501, ""], ids=["nul", "over-long", "empty"])
def test_bad_comments_are_refused_and_nothing_written(client, review, commenter, text):
    client.force_login(commenter)

    response = client.post(reverse("publishing:review-comment", args=[review.pk]), {"text": text})

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_comment_on_a_missing_review_is_404_and_without_csrf_403(review, commenter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(commenter)

    assert client.post(reverse("publishing:review-comment", args=[review.pk]), {"text": "hi"}).status_code == 403
    client = Client()
    client.force_login(commenter)
    assert client.post(reverse("publishing:review-comment", args=[review.pk + 99]), {"text": "hi"}).status_code == 404
    assert not Comment.objects.exists()


def test_script_in_a_comment_is_escaped(client, review, commenter):
    client.force_login(commenter)
    client.post(reverse("publishing:review-comment", args=[review.pk]), {"text": "<img src=x onerror=alert(1)>"})

    html = client.get(reverse("publishing:review", args=[review.pk])).content.decode()

    assert "<img src=x onerror" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_ask_merchant_form_warns_and_the_question_appears_with_the_nickname(client, member, drill):
    """The Ask-Merchant form shows a public-visibility notice; the question appears on the product page."""
    # clause: PUB-03
    client.force_login(member)
    url = reverse("publishing:question-create", args=[drill.pk])

    form = client.get(url).content.decode()
    response = client.post(url, {"text": "Does it come with two batteries?"})

    assert 'data-testid="public-question-notice"' in form and "Questions are public" in form
    assert form.index("Questions are public") < form.index('name="text"')  # read before writing
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("catalog:commodity", args=[drill.pk])).content.decode()
    assert "Does it come with two batteries?" in page and "Alice W." in page
    assert "alice" not in page and "13800138001" not in page


def test_store_staff_answer_under_the_store_name_and_the_asker_is_told(client, member, drill, seller, store):
    question = Question.objects.create(asker=member, commodity=drill, text="Warranty?")
    client.force_login(seller)

    listing = client.get(reverse("publishing:seller-questions")).content.decode()
    response = client.post(reverse("publishing:seller-answer", args=[question.pk]), {"answer": "Two years."})

    assert "Warranty?" in listing and "Alice W." in listing and "alice" not in listing
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("catalog:commodity", args=[drill.pk])).content.decode()
    assert "Two years." in page and store.name in page and "Shop Li" not in page
    notice = Message.objects.get(member=member)
    assert notice.kind == AlertCategory.INTERACTIONS and notice.title == "The store answered your question"


def test_store_staff_are_told_of_a_new_question(client, member, drill, seller):
    client.force_login(member)
    client.post(reverse("publishing:question-create", args=[drill.pk]), {"text": "In stock?"})

    assert Message.objects.filter(member=seller, kind=AlertCategory.INTERACTIONS, body="In stock?").exists()


def test_only_the_stores_staff_can_answer(client, member, other_member, drill, seller):
    question = Question.objects.create(asker=member, commodity=drill, text="Warranty?")
    elsewhere = StoreFactory(name="Other store", slug="other")
    StoreMembership.objects.create(store=elsewhere, member=other_member)

    client.force_login(other_member)
    assert client.post(reverse("publishing:seller-answer", args=[question.pk]), {"answer": "x"}).status_code == 404
    assert "Warranty?" not in client.get(reverse("publishing:seller-questions")).content.decode()
    client.force_login(member)  # not staff of any store
    assert client.get(reverse("publishing:seller-questions")).status_code == 404
    question.refresh_from_db()
    assert question.answer == ""


@pytest.mark.parametrize("text", ["\x00", "x" * 501], ids=["nul", "over-long"])
def test_bad_questions_are_refused(client, member, drill, text):
    client.force_login(member)

    response = client.post(reverse("publishing:question-create", args=[drill.pk]), {"text": text})

    assert response.status_code == 400
    assert not Question.objects.exists()


def test_a_bad_answer_is_refused(client, member, drill, seller):
    question = Question.objects.create(asker=member, commodity=drill, text="Warranty?")
    client.force_login(seller)

    response = client.post(reverse("publishing:seller-answer", args=[question.pk]), {"answer": "a\x00"})

    assert response.status_code == 400
    question.refresh_from_db()
    assert question.answer == ""
