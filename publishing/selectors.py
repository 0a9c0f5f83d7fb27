"""How the publishing app reads: public lists show only the author's nickname and avatar; a member's own items are
scoped to the member before any lookup (another member's item is a 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Prefetch, QuerySet

from catalog.models import Commodity, Store, StoreMembership
from orders.models import Order, OrderItem
from orders.selectors import orders_for
from privacy import generations
from publishing.models import Comment, Post, PostPicture, Question, Review, ReviewPicture

# Public lists load only what they show of the author: never the real name, phone or member name.
AUTHOR_FIELDS = ("author__id", "author__nickname", "author__avatar")
REVIEW_FIELDS = ("id", "rating", "text", "created_at", "updated_at", "commodity_id", *AUTHOR_FIELDS)
PUBLIC_PAGE_SIZE = 20
FEATURED_ON_HOME = 6
# The featured posts as the home page shows them (text, nickname), kept per worker for this generation
# (privacy.generations); publishing.signals starts a new one on any change to posts or nicknames.
FEATURED_GENERATION = "featured-posts"
_kept_featured: generations.Kept[tuple[Post, ...]] = generations.Kept(FEATURED_GENERATION)


def reviewable_items(member, commodity: Commodity) -> QuerySet[OrderItem]:
    """PUB-01: the member's items of this commodity from completed (received) orders that are not reviewed yet."""
    received = orders_for(member).filter(status=Order.Status.COMPLETED)
    return OrderItem.objects.filter(order__in=received, commodity=commodity, review__isnull=True).order_by("id")


def _public_reviews() -> QuerySet[Review]:
    return (
        Review.objects.select_related("author")
        .only(*REVIEW_FIELDS)
        .prefetch_related(Prefetch("pictures", queryset=ReviewPicture.objects.only("id", "review_id", "image")))
        .annotate(comment_count=Count("comments", distinct=True))
        .order_by("-created_at", "-id")
    )


def commodity_reviews(commodity: Commodity) -> QuerySet[Review]:
    return _public_reviews().filter(commodity=commodity)


def store_reviews(store: Store) -> QuerySet[Review]:
    return (
        _public_reviews()
        .filter(commodity__store=store)
        .select_related("commodity")
        .only(*REVIEW_FIELDS, "commodity__title")
    )


def public_review(pk: int) -> Review | None:
    reviews = _public_reviews().select_related("commodity").only(*REVIEW_FIELDS, "commodity__title")
    return reviews.filter(pk=pk).first()


def public_comments() -> QuerySet[Comment]:
    return Comment.objects.select_related("author").only(
        "id", "text", "created_at", "review_id", "post_id", *AUTHOR_FIELDS
    )


def commodity_questions(commodity: Commodity) -> QuerySet[Question]:
    return (
        Question.objects.filter(commodity=commodity)
        .select_related("asker")
        .only("id", "text", "created_at", "answer", "answered_at", "commodity_id", "asker__id", "asker__nickname")
        .order_by("-created_at", "-id")
    )


def _public_posts() -> QuerySet[Post]:
    return (
        Post.objects.select_related("author")
        .only("id", "text", "link", "location", "created_at", "featured_at", *AUTHOR_FIELDS)
        .prefetch_related(Prefetch("pictures", queryset=PostPicture.objects.only("id", "post_id", "image")))
        .order_by("-created_at", "-id")
    )


def public_post(pk: int) -> Post | None:
    return _public_posts().filter(pk=pk).first()


def featured_posts(limit: int = FEATURED_ON_HOME) -> list[Post]:
    """PUB-04: the posts staff featured, newest feature first, for the home page (nickname only)."""
    return list(
        _kept_featured.get(
            limit,
            lambda: tuple(
                Post.objects.filter(featured_at__isnull=False)
                .select_related("author")
                .only("id", "text", "featured_at", "author__id", "author__nickname")
                .order_by("-featured_at", "-id")[:limit]
            ),
        )
    )


def page_state_cache_keys() -> list[str]:
    """Keys the home page reads, for the page state's one MGET (portal.request_context)."""
    return [generations.cache_key(FEATURED_GENERATION)]


# The member's own items (Growth Center, PUB-07, RGT-04) ------------------------------


def reviews_of(member) -> QuerySet[Review]:
    return Review.objects.filter(author=member)


def comments_of(member) -> QuerySet[Comment]:
    return Comment.objects.filter(author=member)


def questions_of(member) -> QuerySet[Question]:
    return Question.objects.filter(asker=member)


def posts_of(member) -> QuerySet[Post]:
    return Post.objects.filter(author=member)


def growth_center_for(member) -> dict[str, Any]:
    """Everything the member published, newest first, with what each list needs to show (a fixed number of queries)."""
    reviews = list(
        reviews_of(member)
        .select_related("commodity")
        .prefetch_related("pictures")
        .annotate(comment_count=Count("comments"))
        .order_by("-created_at", "-id")
    )
    comments = list(comments_of(member).select_related("review__commodity", "post").order_by("-created_at", "-id"))
    questions = list(questions_of(member).select_related("commodity").order_by("-created_at", "-id"))
    posts = list(
        posts_of(member)
        .prefetch_related("pictures")
        .annotate(comment_count=Count("comments"))
        .order_by("-created_at", "-id")
    )
    return {
        "reviews": reviews,
        "comments": comments,
        "questions": questions,
        "posts": posts,
        "counts": {
            "reviews": len(reviews),
            "comments": len(comments),
            "questions": len(questions),
            "posts": len(posts),
            "comments_received": sum(r.comment_count for r in reviews) + sum(p.comment_count for p in posts),
            "featured": sum(1 for p in posts if p.is_featured),
        },
    }


def dashboard_panel_context(member) -> dict[str, Any]:
    # Links only: the dashboard's query budget stays with the member's own account data.
    return {}


# The seller side: questions to the stores the member works for --------------------------


def seller_questions(member) -> QuerySet[Question]:
    """Questions about the goods of the stores the member is staff of (catalog.StoreMembership), unanswered first."""
    stores = StoreMembership.objects.filter(member=member).values("store_id")
    return (
        Question.objects.filter(commodity__store__in=stores)
        .select_related("commodity__store", "asker")
        .only(
            "id",
            "text",
            "created_at",
            "answer",
            "answered_at",
            "commodity__id",
            "commodity__title",
            "commodity__store__name",
            "asker__id",
            "asker__nickname",
        )
        .order_by(F("answered_at").asc(nulls_first=True), "-created_at", "-id")
    )


def store_staff_of(commodity: Commodity):
    """The members who answer for the store selling `commodity`."""
    return StoreMembership.objects.filter(store_id=commodity.store_id).values("member_id")
