"""Forms of the privacy centre, cookie choice and consent prompts."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy.models import PolicyVersion
from privacy.notices import Feature
from privacy.purposes import PURPOSES, Purpose


class ConsentToggleForm(forms.Form):
    """One switch: the purpose, the decision, and the latest event the page showed (0: none), to catch stale tabs."""

    purpose = forms.CharField(max_length=40)
    scope = forms.CharField(max_length=100, required=False)
    is_granted = forms.TypedChoiceField(choices=[("1", _("On")), ("0", _("Off"))], coerce=lambda v: v == "1")
    expected_event_id = forms.IntegerField(min_value=0)

    def clean_purpose(self) -> Purpose:
        value = self.cleaned_data["purpose"]
        try:
            purpose = Purpose(value)
        except ValueError:
            raise ValidationError(_("Unknown purpose: %(purpose)s."), params={"purpose": value}) from None
        if PURPOSES[purpose].is_necessary:
            raise ValidationError(
                _("%(purpose)s is needed for your account and cannot be switched off. You can close your account."),
                params={"purpose": purpose.label},
            )
        return purpose


class CookieChoiceForm(forms.Form):
    CHOICES = [("accept_all", _("Accept all")), ("reject_all", _("Reject all")), ("custom", _("Save my choice"))]

    choice = forms.ChoiceField(choices=CHOICES)
    personalisation = forms.BooleanField(required=False)
    advertising = forms.BooleanField(required=False)
    next = forms.CharField(required=False, max_length=500)

    def decision(self) -> tuple[bool, bool]:
        choice = self.cleaned_data["choice"]
        if choice == "accept_all":
            return True, True
        if choice == "reject_all":
            return False, False
        return self.cleaned_data["personalisation"], self.cleaned_data["advertising"]


class PointOfUseConsentForm(forms.Form):
    purpose = forms.CharField(max_length=40)
    scope = forms.CharField(max_length=100, required=False)
    next = forms.CharField(max_length=500)

    def clean_purpose(self) -> Purpose:
        value = self.cleaned_data["purpose"]
        try:
            return Purpose(value)
        except ValueError:
            raise ValidationError(_("Unknown purpose: %(purpose)s."), params={"purpose": value}) from None


class NoticeAcknowledgementForm(forms.Form):
    """POL-02: "I have read this notice" for one feature."""

    feature = forms.CharField(max_length=40)
    next = forms.CharField(max_length=500)

    def clean_feature(self) -> Feature:
        value = self.cleaned_data["feature"]
        try:
            return Feature(value)
        except ValueError:
            raise ValidationError(_("Unknown notice: %(feature)s."), params={"feature": value}) from None


class PolicyVersionAdminForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """POL-13: ticking any trigger makes the version material, whatever the box says."""

    class Meta:
        model = PolicyVersion
        fields = ["label", "effective_on", "text", "text_zh", *PolicyVersion.MATERIAL_TRIGGERS, "is_material"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[assignment]  # BaseForm.clean returns cleaned_data
        if any(cleaned.get(name) for name in PolicyVersion.MATERIAL_TRIGGERS):
            cleaned["is_material"] = True
            self.instance.is_material = True
        return cleaned
