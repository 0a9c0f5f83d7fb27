"""Publishing pages (section II(V)): public reviews, questions and posts; writing them; the Growth Center; the
seller's answers. Thin: each view parses the request, calls one selector or service, renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.models import Store
from catalog.selectors import is_store_staff, listed
from privacy import consent, uploads
from privacy.decorators import consent_prompt
from privacy.purposes import Purpose
from publishing import selectors, services
from publishing.forms import (
    UPLOAD_MAX_BYTES,
    AnswerForm,
    CommentForm,
    PostEditForm,
    PostForm,
    QuestionForm,
    ReviewEditForm,
    ReviewForm,
)
from publishing.models import Post, Review

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

    from members.models import Member

PICTURE_PURPOSES = {"album": Purpose.PERMISSION_PHOTOS, "camera": Purpose.PERMISSION_CAMERA}


def _member(request: HttpRequest) -> Member:
    return cast("Member", request.user)  # only behind login_required, which lets only members through


# Public pages ------------------------------------------------------------------------


@require_GET
def commodity_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    commodity = get_object_or_404(listed().select_related("store"), pk=pk)
    page = Paginator(selectors.commodity_reviews(commodity), selectors.PUBLIC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "publishing/commodity_reviews.html", {"commodity": commodity, "page": page})


@require_GET
def store_reviews(request: HttpRequest, slug: str) -> HttpResponse:
    store = get_object_or_404(Store, slug=slug)
    page = Paginator(selectors.store_reviews(store), selectors.PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publishing/store_reviews.html", {"store": store, "page": page})


# Reviews and posts are public pages with comments under them; "kind" names which (review or post).
FINDERS = {"review": selectors.public_review, "post": selectors.public_post}


def _published(kind: str, pk: int) -> Review | Post:
    found = FINDERS[kind](pk)
    if found is None:
        raise Http404
    return found


def _with_comments(request: HttpRequest, kind: str, item: Review | Post, form: CommentForm, status: int = 200):
    comments = selectors.public_comments().filter(**{kind: item}).order_by("created_at", "id")
    context = {kind: item, "comments": comments, "form": form}
    return render(request, f"publishing/{kind}_detail.html", context, status=status)


@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_comments(request, "review", _published("review", pk), CommentForm())


@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_comments(request, "post", _published("post", pk), CommentForm())


# Writing -----------------------------------------------------------------------------


@uploads.upload_limit(UPLOAD_MAX_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    """PUB-01: only for goods the member bought and received; otherwise a clear refusal and nothing written."""
    commodity = get_object_or_404(listed(), pk=pk)
    if not selectors.reviewable_items(request.user, commodity).exists():
        return render(request, "publishing/review_refused.html", {"commodity": commodity}, status=403)
    form = ReviewForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_review(
                author=_member(request),
                commodity=commodity,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                pictures=form.cleaned_data["pictures"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your review is published."))
            return redirect(reverse("catalog:commodity", args=[commodity.pk]) + "#reviews")
    status = 400 if form.is_bound else 200
    return render(request, "publishing/review_form.html", {"commodity": commodity, "form": form}, status=status)


def _comment(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _published(kind, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _with_comments(request, kind, item, form, status=400)
    services.add_comment(author=_member(request), text=form.cleaned_data["text"], **{kind: item})  # type: ignore[arg-type]  # kind picks the matching keyword
    messages.success(request, _("Your comment is published."))
    return redirect(f"publishing:{kind}", pk=item.pk)


@login_required
@require_POST
def review_comment(request: HttpRequest, pk: int) -> HttpResponse:
    return _comment(request, "review", pk)


@login_required
@require_POST
def post_comment(request: HttpRequest, pk: int) -> HttpResponse:
    return _comment(request, "post", pk)


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    """PUB-03: the form says the question is public before it is sent."""
    commodity = get_object_or_404(listed().select_related("store"), pk=pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.ask_question(asker=_member(request), commodity=commodity, text=form.cleaned_data["text"])
        messages.success(request, _("Your question is published. The store's answer will appear under it."))
        return redirect(reverse("catalog:commodity", args=[commodity.pk]) + "#questions")
    status = 400 if form.is_bound else 200
    return render(request, "publishing/question_form.html", {"commodity": commodity, "form": form}, status=status)


@uploads.upload_limit(UPLOAD_MAX_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def post_create(request: HttpRequest) -> HttpResponse:
    """PUB-04..06: the camera, album and location are used only with their permission, asked here at the point of use."""
    form = PostForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        # PERM-02..04: nothing is stored until the permission this post needs is granted.
        if request.FILES.getlist("pictures"):
            purpose = PICTURE_PURPOSES.get(request.POST.get("picture_source", ""), Purpose.PERMISSION_PHOTOS)
            if not consent.has_consent(request.user, purpose):
                return consent_prompt(request, purpose)
        if request.POST.get("location", "").strip() and not consent.has_consent(
            request.user, Purpose.PERMISSION_LOCATION
        ):
            return consent_prompt(request, Purpose.PERMISSION_LOCATION)
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = services.create_post(
                    author=_member(request),
                    text=data["text"],
                    link=data["link"],
                    location=data["location"],
                    depicts_others=data["depicts_others"],
                    others_agreed=data["others_agreed"],
                    pictures=data["pictures"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your post is published."))
                return redirect("publishing:post", pk=post.pk)
    context = {"form": form, **_permission_context(request)}
    return render(request, "publishing/post_form.html", context, status=400 if form.is_bound else 200)


def _permission_context(request: HttpRequest) -> dict[str, object]:
    return {
        "may_use_album": consent.has_consent(request.user, Purpose.PERMISSION_PHOTOS),
        "may_use_camera": consent.has_consent(request.user, Purpose.PERMISSION_CAMERA),
        "may_use_location": consent.has_consent(request.user, Purpose.PERMISSION_LOCATION),
        "purposes": {
            "album": Purpose.PERMISSION_PHOTOS.value,
            "camera": Purpose.PERMISSION_CAMERA.value,
            "location": Purpose.PERMISSION_LOCATION.value,
        },
    }


# Growth Center (PUB-07, RGT-04) --------------------------------------------------------


@login_required
@require_GET
def growth_center(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/growth_center.html", selectors.growth_center_for(request.user))


@login_required
@require_GET
def growth_center_alias(request: HttpRequest) -> HttpResponse:
    # The path the policy's menu names ("My, then Growth Center").
    return redirect("publishing:growth-center", permanent=True)


def _edit_page(request: HttpRequest, form: forms.Form, title: str, **extra: bool) -> HttpResponse:
    context = {"form": form, "title": title, **extra}
    return render(request, "publishing/edit.html", context, status=400 if form.is_bound else 200)


def _done(request: HttpRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("publishing:growth-center")


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(selectors.reviews_of(request.user).select_related("commodity"), pk=pk)
    form = ReviewEditForm(request.POST or None, initial={"rating": review.rating, "text": review.text})
    if request.method == "POST" and form.is_valid():
        services.update_review(review=review, rating=form.cleaned_data["rating"], text=form.cleaned_data["text"])
        return _done(request, _("Your review is updated."))
    return _edit_page(request, form, _("Edit your review of %(commodity)s") % {"commodity": review.commodity.title})


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(selectors.comments_of(request.user), pk=pk)
    form = CommentForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        services.update_comment(comment=comment, text=form.cleaned_data["text"])
        return _done(request, _("Your comment is updated."))
    return _edit_page(request, form, _("Edit your comment"))


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(selectors.questions_of(request.user), pk=pk)
    form = QuestionForm(request.POST or None, initial={"text": question.text})
    if request.method == "POST" and form.is_valid():
        services.update_question(question=question, text=form.cleaned_data["text"])
        return _done(request, _("Your question is updated."))
    return _edit_page(request, form, _("Edit your question"), is_public_question=True)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(selectors.posts_of(request.user), pk=pk)
    form = PostEditForm(request.POST) if request.method == "POST" else PostEditForm.for_post(post)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_post(
                post=post,
                text=data["text"],
                link=data["link"],
                keep_location=data["keep_location"],
                depicts_others=data["depicts_others"],
                others_agreed=data["others_agreed"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, _("Your post is updated."))
    return _edit_page(request, form, _("Edit your post"), is_post=True)


# What each kind of item is looked up in (the member's own only: another member's id is a 404), how it is
# deleted, and what the member is told.
DELETIONS: dict[str, tuple[Callable[[Any], QuerySet[Any]], Callable[[Any], None], StrOrPromise]] = {
    "review": (
        selectors.reviews_of,
        lambda item: services.delete_review(review=item),
        gettext_lazy("Your review is deleted."),
    ),
    "comment": (
        selectors.comments_of,
        lambda item: services.delete_comment(comment=item),
        gettext_lazy("Your comment is deleted."),
    ),
    "question": (
        selectors.questions_of,
        lambda item: services.delete_question(question=item),
        gettext_lazy("Your question is deleted."),
    ),
    "post": (selectors.posts_of, lambda item: services.delete_post(post=item), gettext_lazy("Your post is deleted.")),
}


def _delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    owned, delete, message = DELETIONS[kind]
    delete(get_object_or_404(owned(request.user), pk=pk))
    return _done(request, str(message))


@login_required
@require_POST
def review_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _delete(request, "review", pk)


@login_required
@require_POST
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _delete(request, "comment", pk)


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _delete(request, "question", pk)


@login_required
@require_POST
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _delete(request, "post", pk)


# The seller side -----------------------------------------------------------------------


@login_required
@require_GET
def seller_questions(request: HttpRequest) -> HttpResponse:
    if not is_store_staff(request.user):
        raise Http404
    page = Paginator(selectors.seller_questions(request.user), selectors.PUBLIC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "publishing/seller_questions.html", {"page": page, "form": AnswerForm()})


@login_required
@require_POST
def seller_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(selectors.seller_questions(request.user).select_related("asker"), pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.answer_question(question=question, by=_member(request), answer=form.cleaned_data["answer"])
        messages.success(request, _("Your answer is published under the store's name."))
        return redirect("publishing:seller-questions")
    page = Paginator(selectors.seller_questions(request.user), selectors.PUBLIC_PAGE_SIZE).get_page(1)
    return render(
        request,
        "publishing/seller_questions.html",
        {"page": page, "form": form, "failed_pk": question.pk},
        status=400,
    )
