"""Forms of the publishing pages. Every picture is decoded and re-encoded (privacy.uploads) before it is stored."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy import uploads
from publishing.models import COMMENT_MAX_LENGTH, MAX_PICTURES, QUESTION_MAX_LENGTH, TEXT_MAX_LENGTH, Post

PICTURE_MAX_BYTES = 3 * 1024 * 1024
# The request may carry every picture at its limit, and the form around them.
UPLOAD_MAX_BYTES = MAX_PICTURES * PICTURE_MAX_BYTES + uploads.FORM_OVERHEAD_BYTES
RATINGS = [(n, str(n)) for n in range(5, 0, -1)]


class MultiplePictureInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PicturesField(forms.FileField):
    """Up to nine pictures, each re-encoded; cleans to a list of privacy.uploads.CleanImage."""

    widget = MultiplePictureInput(attrs={"accept": "image/png,image/jpeg"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[uploads.CleanImage]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PICTURES:
            raise ValidationError(_("Add at most %(count)d pictures.") % {"count": MAX_PICTURES}, code="too_many")
        cleaned = []
        for upload in files:
            try:
                cleaned.append(uploads.reencode_image(upload, max_bytes=PICTURE_MAX_BYTES, formats=("PNG", "JPEG")))
            except ValidationError as error:
                message = {
                    "too_large": _("Each picture may be at most 3 MB."),
                    "not_an_image": _("Upload PNG or JPEG pictures."),
                }[cast("str", error.code)]  # reencode_image's errors always carry a code
                raise ValidationError(message, code=error.code) from None
            finally:
                upload.close()
        return cleaned


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Rating"), choices=RATINGS, coerce=int, initial=5)
    text = forms.CharField(label=_("Your review"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}))
    pictures = PicturesField(label=_("Pictures (up to 9, PNG or JPEG, at most 3 MB each)"))


class ReviewEditForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Rating"), choices=RATINGS, coerce=int)
    text = forms.CharField(label=_("Your review"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}))


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"), max_length=QUESTION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The store's answer"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class PostForm(forms.Form):
    PICTURE_SOURCES = [("album", _("From my photo album")), ("camera", _("Take a photo with the camera"))]

    text = forms.CharField(label=_("Text"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}))
    link = forms.URLField(label=_("Link (optional)"), max_length=500, required=False, assume_scheme="https")
    location = forms.CharField(label=_("Location (optional)"), max_length=120, required=False)
    picture_source = forms.ChoiceField(label=_("Pictures from"), choices=PICTURE_SOURCES, initial="album")
    pictures = PicturesField(label=_("Pictures (up to 9, PNG or JPEG, at most 3 MB each)"))
    depicts_others = forms.BooleanField(label=_("My post shows or names other people"), required=False)
    others_agreed = forms.BooleanField(
        label=_("The people my post shows or names agreed to it being published"), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("depicts_others") and not cleaned.get("others_agreed"):
            # PUB-06, POL-08
            self.add_error("others_agreed", _("Confirm that the people your post shows or names agreed to it."))
        return cleaned


class PostEditForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}))
    link = forms.URLField(label=_("Link (optional)"), max_length=500, required=False, assume_scheme="https")
    keep_location = forms.BooleanField(label=_("Keep the location"), required=False)
    depicts_others = forms.BooleanField(label=_("My post shows or names other people"), required=False)
    others_agreed = forms.BooleanField(
        label=_("The people my post shows or names agreed to it being published"), required=False
    )

    @classmethod
    def for_post(cls, post: Post) -> PostEditForm:
        return cls(
            initial={
                "text": post.text,
                "link": post.link,
                "keep_location": bool(post.location),
                "depicts_others": post.depicts_others,
                "others_agreed": post.depicts_others,
            }
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("depicts_others") and not cleaned.get("others_agreed"):
            self.add_error("others_agreed", _("Confirm that the people your post shows or names agreed to it."))
        return cleaned
