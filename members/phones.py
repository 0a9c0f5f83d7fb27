"""Mobile numbers: parsed and normalised with `phonenumbers`, China (+86) unless another country code is given."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "CN"


def normalise_phone(value: str) -> str:
    """The number in E.164 form (+8613800138000); ValidationError when it is not a valid mobile number."""
    try:
        number = phonenumbers.parse(value.strip(), DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(_("Enter a valid mobile number."), code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid mobile number."), code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(value: str | None) -> str:
    """+86138****8000: enough for the member to recognise the number, not enough to call it."""
    if not value:
        return ""
    return f"{value[:6]}****{value[-4:]}" if len(value) > 10 else "****"


class PhoneField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "placeholder": "13800138000"})
        )
        kwargs.setdefault(
            "help_text", _("Mainland China numbers need no prefix; others start with + and the country code.")
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else value
