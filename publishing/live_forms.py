"""Forms of the live and short-video pages (INT-12, INT-13)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from publishing.live import COMMENT_MAX_LENGTH, TITLE_MAX_LENGTH


class LiveCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.TextInput(attrs={"maxlength": COMMENT_MAX_LENGTH}),
        help_text=_("Shown publicly with your nickname."),
    )


class ShortVideoForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    video = forms.FileField(
        label=_("Video"),
        help_text=_("MP4 or WebM, at most 50 MB. Shown publicly with your nickname."),
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
    )
