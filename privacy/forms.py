"""Forms of the privacy centre, cookie choice and consent prompts."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy.categories import DataCategory
from privacy.models import AuthorityRequest, Partner, PolicyVersion
from privacy.notices import Feature
from privacy.purposes import PURPOSES, Purpose
from privacy.sharing import IDENTIFYING_FIELDS


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


class OverseasConsentForm(forms.Form):
    """STO-07: the member's decision on one overseas recipient."""

    recipient = forms.SlugField(max_length=40)
    decision = forms.ChoiceField(choices=[("grant", _("Agree")), ("withdraw", _("Withdraw"))])


def _string_list(value: Any, *, label: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and 0 < len(item) <= 200 for item in value):
        raise ValidationError(_("%(label)s must be a list of short texts.") % {"label": label}, code="invalid")
    if any("\x00" in item for item in value):
        raise ValidationError(_("%(label)s must not contain NUL characters.") % {"label": label}, code="invalid")
    return value


class PartnerAdminForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """SHR-01, SHR-07: the register entry's lists are checked; activation is an action, never a field."""

    class Meta:
        model = Partner
        fields = [
            "code",
            "name",
            "kind",
            "role",
            "is_affiliate",
            "country",
            "contact",
            "description",
            "purposes",
            "categories",
            "allowed_fields",
            "legal_basis",
            "consent_purpose",
            "contract_reference",
            "joint_agreement_reference",
            "assessed_on",
            "transfer_methods",
            "legal_mechanism",
            "filing_reference",
            "audited_on",
            "rights_contact",
        ]

    def clean_purposes(self) -> list[str]:
        return _string_list(self.cleaned_data["purposes"], label=str(_("Purposes")))

    def clean_allowed_fields(self) -> list[str]:
        return _string_list(self.cleaned_data["allowed_fields"], label=str(_("Fields")))

    def clean_categories(self) -> list[str]:
        value = _string_list(self.cleaned_data["categories"], label=str(_("Categories")))
        unknown = sorted(set(value) - set(DataCategory.values))
        if unknown:
            raise ValidationError(_("Unknown data categories: %(names)s.") % {"names": ", ".join(unknown)})
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, fields = data.get("kind"), data.get("allowed_fields") or []
        if kind == Partner.Kind.ADVERTISING:
            identifying = sorted(set(fields) & IDENTIFYING_FIELDS)
            if identifying:
                self.add_error(
                    "allowed_fields",
                    _("Advertising partners receive nothing that identifies a person: remove %(names)s.")
                    % {"names": ", ".join(identifying)},
                )
        return data


class AuthorityDecisionForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """SHR-17: the officer decides an open request, with the reason."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", "—"), ("approve", _("Approve")), ("refuse", _("Refuse"))], required=False
    )

    class Meta:
        model = AuthorityRequest
        fields = ["member", "requesting_body", "legal_document_reference", "categories", "decision_note"]

    def clean_categories(self) -> list[str]:
        value = _string_list(self.cleaned_data["categories"], label=str(_("Categories")))
        unknown = sorted(set(value) - set(DataCategory.values))
        if unknown or not value:
            raise ValidationError(_("Name the data categories requested, from the registry's list."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") and not (data.get("decision_note") or "").strip():
            self.add_error("decision_note", _("State the reason for the decision."))
        return data
