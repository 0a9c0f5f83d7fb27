"""Forms of the privacy centre, cookie choice, alert settings and consent prompts."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy.alerts import MANDATORY, Category, Channel
from privacy.models import ConsentEvent, PolicyVersion
from privacy.notices import Feature
from privacy.purposes import PURPOSES, Purpose


class ConsentToggleForm(forms.Form):
    """One switch: the purpose, the decision, and the latest event the page showed (0: none), to catch stale tabs."""

    purpose = forms.CharField(max_length=40)
    scope = forms.CharField(max_length=100, required=False)
    is_granted = forms.TypedChoiceField(choices=[("1", _("On")), ("0", _("Off"))], coerce=lambda v: v == "1")
    expected_event_id = forms.IntegerField(min_value=0)

    def clean_purpose(self):
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


class AlertSettingsForm(forms.Form):
    """A switch per (category, channel); mandatory categories are shown on and cannot be changed."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category:
            for channel in Channel:
                self.fields[self.field_name(category, channel)] = forms.BooleanField(
                    required=False,
                    initial=current[(category.value, channel.value)],
                    disabled=category in MANDATORY,
                    label=f"{category.label} · {channel.label}",
                )

    @staticmethod
    def field_name(category: str, channel: str) -> str:
        return f"{category}__{channel}"

    def choices(self) -> dict[tuple[str, str], bool]:
        return {
            (category.value, channel.value): self.cleaned_data[self.field_name(category, channel)]
            for category in Category
            for channel in Channel
            if category not in MANDATORY
        }

    def rows(self):
        return [
            {"category": category, "cells": [self[self.field_name(category, channel)] for channel in Channel]}
            for category in Category
        ]


class PointOfUseConsentForm(forms.Form):
    purpose = forms.CharField(max_length=40)
    scope = forms.CharField(max_length=100, required=False)
    next = forms.CharField(max_length=500)

    def clean_purpose(self):
        value = self.cleaned_data["purpose"]
        try:
            return Purpose(value)
        except ValueError:
            raise ValidationError(_("Unknown purpose: %(purpose)s."), params={"purpose": value}) from None


class NoticeAcknowledgementForm(forms.Form):
    """POL-02: "I have read this notice" for one feature."""

    feature = forms.CharField(max_length=40)
    next = forms.CharField(max_length=500)

    def clean_feature(self):
        value = self.cleaned_data["feature"]
        try:
            return Feature(value)
        except ValueError:
            raise ValidationError(_("Unknown notice: %(feature)s."), params={"feature": value}) from None


class PolicyVersionAdminForm(forms.ModelForm):
    """POL-13: ticking any trigger makes the version material, whatever the box says."""

    class Meta:
        model = PolicyVersion
        fields = ["label", "effective_on", "text", "text_zh", *PolicyVersion.MATERIAL_TRIGGERS, "is_material"]

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(name) for name in PolicyVersion.MATERIAL_TRIGGERS):
            cleaned["is_material"] = True
            self.instance.is_material = True
        return cleaned


class StaffConsentChangeForm(forms.ModelForm):
    """Customer service changes a consent on the member's behalf under the member's rights request (INT-02, RGT-09)."""

    rights_request = forms.IntegerField(
        label=_("Rights request number"), min_value=1, help_text=_("The member's verified request to change it.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)

    class Meta:
        model = ConsentEvent
        fields = ["member", "purpose", "scope", "is_granted"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [(p.value, p.label) for p, info in PURPOSES.items() if not info.is_necessary]

    def clean(self):
        from rights.models import RightsRequest
        from rights.staff_actions import CONSENT_TYPES, check_staff_action

        cleaned = super().clean()
        purpose, scope = cleaned.get("purpose"), cleaned.get("scope", "")
        if purpose:
            info = PURPOSES[Purpose(purpose)]
            if info.is_scoped and not scope:
                self.add_error("scope", _("This purpose needs a scope (provider, event or recipient)."))
            if not info.is_scoped and scope:
                self.add_error("scope", _("This purpose takes no scope."))
        member, number = cleaned.get("member"), cleaned.get("rights_request")
        if member is not None and number is not None:
            rights_request = RightsRequest.objects.filter(pk=number, member=member).first()
            if rights_request is None:
                self.add_error("rights_request", _("No request with this number belongs to the member."))
            else:
                try:
                    check_staff_action(rights_request, reason=cleaned.get("reason") or "", types=CONSENT_TYPES)
                except ValidationError as error:
                    self.add_error("rights_request" if not hasattr(error, "error_dict") else None, error)
                cleaned["rights_request"] = rights_request
        return cleaned
