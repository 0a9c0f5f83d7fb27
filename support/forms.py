"""Forms of the support pages. None of them asks for a password, and a message that seems to contain one is
refused: customer service never needs it (II(VII))."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy import uploads
from support.models import Ticket

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from orders.models import Order

IMAGE_MAX_BYTES = 5 * 1024 * 1024
BODY_MAX_LENGTH = 5000
# "my password is …", "password: …", "密码是…": a password typed into a message.
PASSWORD_SHARED = re.compile(r"(?:pass\s?word|passwd|pwd|密码|口令)\s*(?:is|was|=|:|\uff1a|是|为)\s*\S+", re.IGNORECASE)


def _clean_body(value: str) -> str:
    if PASSWORD_SHARED.search(value):
        raise ValidationError(
            _("Remove your password from the message: customer service never needs it and will never ask for it."),
            code="password",
        )
    return value


def _clean_image(upload) -> uploads.CleanImage | None:
    if not upload:
        return None
    try:
        return uploads.reencode_image(upload, max_bytes=IMAGE_MAX_BYTES, formats=("PNG", "JPEG"))
    except ValidationError as error:
        message = {
            "too_large": _("The picture may be at most 5 MB."),
            "not_an_image": _("Upload a PNG or JPEG picture."),
        }
        raise ValidationError(message[str(error.code)], code=error.code) from None


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}))
    image = forms.FileField(label=_("Picture (PNG or JPEG, optional)"), required=False)

    def clean_body(self) -> str:
        return _clean_body(self.cleaned_data["body"])

    def clean_image(self) -> uploads.CleanImage | None:
        return _clean_image(self.cleaned_data.get("image"))


class TicketForm(MessageForm):
    kind = forms.ChoiceField(label=_("What is it about?"), choices=Ticket.Kind.choices)
    order: forms.ModelChoiceField[Order] = forms.ModelChoiceField(
        label=_("Order"), queryset=None, required=False, to_field_name="number", empty_label=_("No order")
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)

    field_order = ["kind", "order", "subject", "body", "image"]

    def __init__(self, *args, orders: QuerySet[Order], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the member's own orders are offered or accepted (CS-02).
        self.fields["order"].queryset = orders  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["order"].label_from_instance = lambda order: order.number  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Ticket.Kind.DISPUTE and not data.get("order"):
            self.add_error("order", _("Choose the order the dispute is about."))
        return data


class SurveyForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with how we handled it?"),
        choices=[
            (5, _("Very satisfied")),
            (4, _("Satisfied")),
            (3, _("Neutral")),
            (2, _("Dissatisfied")),
            (1, _("Very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    is_resolved = forms.TypedChoiceField(
        label=_("Was your problem solved?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything else? (optional)"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssistantForm(forms.Form):
    question = forms.CharField(label=_("Your question"), max_length=300)
