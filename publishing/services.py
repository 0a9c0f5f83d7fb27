"""What the publishing app does (section II(V)): publish, edit and delete reviews, comments, questions and posts,
answer questions from the seller side, and feature posts. Each function is one transaction; notices to members go
through interactions.services.notify."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interactions.models import AlertCategory
from interactions.services import notify, notify_all
from members.models import Member
from privacy import consent, generations
from privacy.purposes import Purpose
from publishing import selectors
from publishing.models import MAX_PICTURES, Comment, Post, PostPicture, Question, Review, ReviewPicture

if TYPE_CHECKING:
    from catalog.models import Commodity
    from privacy.uploads import CleanImage


def _drop_files(names: list[str]) -> None:
    """Remove the stored pictures once the rows are gone for good, so no public copy survives (PUB-07)."""

    def drop() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(drop)


def _check_pictures(pictures: list[CleanImage]) -> None:
    if len(pictures) > MAX_PICTURES:
        raise ValidationError(_("Add at most %(count)d pictures.") % {"count": MAX_PICTURES}, code="too_many")


# Reviews (PUB-01) ------------------------------------------------------------------


def create_review(
    *, author: Member, commodity: Commodity, rating: int, text: str, pictures: list[CleanImage]
) -> Review:
    """Publish a review of goods the author bought and received; ValidationError `not_received` otherwise."""
    _check_pictures(pictures)
    with transaction.atomic():
        item = selectors.reviewable_items(author, commodity).select_for_update(of=("self",)).first()
        if item is None:
            raise ValidationError(
                _("You can review only goods you bought and received, once for each order."), code="not_received"
            )
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    author=author, commodity=commodity, order_item=item, rating=rating, text=text
                )
        except IntegrityError:
            raise ValidationError(_("You have already reviewed this order."), code="duplicate") from None
        ReviewPicture.objects.bulk_create(
            ReviewPicture(review=review, image=picture.as_file(), position=i) for i, picture in enumerate(pictures)
        )
    return review


def update_review(*, review: Review, rating: int, text: str) -> Review:
    review.rating, review.text, review.updated_at = rating, text, timezone.now()
    review.save(update_fields=["rating", "text", "updated_at"])
    return review


@transaction.atomic
def delete_review(*, review: Review) -> None:
    files = list(ReviewPicture.objects.filter(review=review).values_list("image", flat=True))
    Review.objects.filter(pk=review.pk).delete()
    _drop_files(files)


# Comments (PUB-02) -----------------------------------------------------------------


def add_comment(*, author: Member, text: str, review: Review | None = None, post: Post | None = None) -> Comment:
    """Comment on a review or a post; its author hears of it (unless they wrote the comment)."""
    if (review is None) == (post is None):
        raise ValueError("A comment is on one review or one post.")
    with transaction.atomic():
        comment = Comment.objects.create(author=author, review=review, post=post, text=text)
        target_author_id = review.author_id if review is not None else post.author_id  # type: ignore[union-attr]
        if target_author_id and target_author_id != author.pk:
            what = _("your review") if review is not None else _("your post")
            notify(
                Member.objects.get(pk=target_author_id),
                AlertCategory.INTERACTIONS,
                title=_("New comment on %(what)s") % {"what": what},
                body=_("%(name)s commented: %(text)s") % {"name": public_name(author), "text": text[:200]},
            )
    return comment


def update_comment(*, comment: Comment, text: str) -> Comment:
    comment.text, comment.updated_at = text, timezone.now()
    comment.save(update_fields=["text", "updated_at"])
    return comment


def delete_comment(*, comment: Comment) -> None:
    Comment.objects.filter(pk=comment.pk).delete()


# Questions to merchants (PUB-03) ----------------------------------------------------


def ask_question(*, asker: Member, commodity: Commodity, text: str) -> Question:
    """Ask the store a public question; the store's staff hear of it."""
    with transaction.atomic():
        question = Question.objects.create(asker=asker, commodity=commodity, text=text)
        staff = Member.objects.filter(pk__in=selectors.store_staff_of(commodity), is_active=True)
        notify_all(
            staff,
            AlertCategory.INTERACTIONS,
            title=_("New question about %(commodity)s") % {"commodity": commodity.title[:120]},
            body=text[:200],
        )
    return question


def update_question(*, question: Question, text: str) -> Question:
    question.text, question.updated_at = text, timezone.now()
    question.save(update_fields=["text", "updated_at"])
    return question


def delete_question(*, question: Question) -> None:
    Question.objects.filter(pk=question.pk).delete()


def answer_question(*, question: Question, by: Member, answer: str) -> Question:
    """The store's answer (by one of its staff), shown under the store's name; the asker hears of it."""
    with transaction.atomic():
        question.answer, question.answered_at, question.answered_by = answer, timezone.now(), by
        question.save(update_fields=["answer", "answered_at", "answered_by"])
        notify(
            question.asker,
            AlertCategory.INTERACTIONS,
            title=_("The store answered your question"),
            body=_("About %(commodity)s: %(answer)s")
            % {"commodity": question.commodity.title[:120], "answer": answer[:200]},
        )
    return question


# Posts (PUB-04, PUB-06) ----------------------------------------------------------------


def create_post(
    *,
    author: Member,
    text: str,
    link: str = "",
    location: str = "",
    depicts_others: bool = False,
    others_agreed: bool = False,
    pictures: list[CleanImage] | None = None,
    now: datetime | None = None,
) -> Post:
    """Publish a post; a location is stored only while the location permission is granted (PERM-02)."""
    pictures = pictures or []
    _check_pictures(pictures)
    if depicts_others and not others_agreed:
        # PUB-06, POL-08
        raise ValidationError(
            _("Confirm that the people your post shows or names agreed to it."), code="others_not_attested"
        )
    if not consent.has_consent(author, Purpose.PERMISSION_LOCATION):
        location = ""
    now = now or timezone.now()
    with transaction.atomic():
        post = Post.objects.create(
            author=author,
            text=text,
            link=link,
            location=location,
            depicts_others=depicts_others,
            others_consent_attested_at=now if depicts_others else None,
            created_at=now,
        )
        PostPicture.objects.bulk_create(
            PostPicture(post=post, image=picture.as_file(), position=i) for i, picture in enumerate(pictures)
        )
    return post


def update_post(
    *, post: Post, text: str, link: str, keep_location: bool, depicts_others: bool, others_agreed: bool
) -> Post:
    """Edit a post's text and link; the location can only be kept or removed here."""
    if depicts_others and not others_agreed:
        raise ValidationError(
            _("Confirm that the people your post shows or names agreed to it."), code="others_not_attested"
        )
    post.text, post.link, post.updated_at = text, link, timezone.now()
    if not keep_location:
        post.location = ""
    if depicts_others and not post.depicts_others:
        post.others_consent_attested_at = post.updated_at
    post.depicts_others = depicts_others
    if not depicts_others:
        post.others_consent_attested_at = None
    post.save(update_fields=["text", "link", "location", "depicts_others", "others_consent_attested_at", "updated_at"])
    return post


@transaction.atomic
def delete_post(*, post: Post) -> None:
    """Delete the post, its pictures and comments: its public page answers 404 from now on (PUB-07)."""
    files = list(PostPicture.objects.filter(post=post).values_list("image", flat=True))
    Post.objects.filter(pk=post.pk).delete()
    _drop_files(files)


def feature_post(*, post: Post, by: Member) -> bool:
    """Staff show the post on the home page (PUB-04); False when it was already featured."""
    with transaction.atomic():
        changed = Post.objects.filter(pk=post.pk, featured_at__isnull=True).update(
            featured_at=timezone.now(), featured_by=by
        )
        if changed:
            generations.bump(selectors.FEATURED_GENERATION)  # a QuerySet.update(): no model signal
            notify(
                post.author,
                AlertCategory.INTERACTIONS,
                title=_("Your post is featured"),
                body=_("Your post is shown on the home page with your nickname. You can delete it at any time."),
            )
    return bool(changed)


def unfeature_post(*, post: Post) -> bool:
    changed = Post.objects.filter(pk=post.pk, featured_at__isnull=False).update(featured_at=None, featured_by=None)
    if changed:
        generations.bump(selectors.FEATURED_GENERATION)  # a QuerySet.update(): no model signal
    return bool(changed)


# Picture files whose rows are gone --------------------------------------------------

PICTURE_FOLDERS: dict[str, type[ReviewPicture] | type[PostPicture]] = {"reviews": ReviewPicture, "posts": PostPicture}
# A file younger than this may belong to an upload whose transaction has not committed yet.
ORPHAN_GRACE = timedelta(hours=1)


def remove_orphaned_pictures(*, now: datetime | None = None) -> int:
    """Delete picture files no review or post refers to any more: rows erased at account closure or at the end of
    retention are removed in SQL, and their files must not stay reachable under /media/. Safe to run twice."""
    cutoff = (now or timezone.now()) - ORPHAN_GRACE
    removed = 0
    for folder, model in PICTURE_FOLDERS.items():
        if not default_storage.exists(folder):
            continue
        names = [f"{folder}/{name}" for name in default_storage.listdir(folder)[1]]
        referenced = set(model.objects.filter(image__in=names).values_list("image", flat=True))
        for name in names:
            if name not in referenced and default_storage.get_modified_time(name) < cutoff:
                default_storage.delete(name)
                removed += 1
    return removed


def public_name(member: Member | None) -> str:
    """The only name published content shows: the nickname (never the real name, phone or member name)."""
    if member is None:
        return _("Former member")
    return member.nickname or _("1688 member")
