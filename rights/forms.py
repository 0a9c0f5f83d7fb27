"""Forms of section IV: members' requests, and the consent change staff make under one; the rules are in services."""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy.categories import DataCategory
from privacy.models import ConsentEvent
from privacy.purposes import PURPOSES, Purpose
from rights.models import DeletionGround, RequesterType, RightsRequest
from rights.staff_actions import CONSENT_TYPES, check_staff_action


class RequestForm(forms.Form):
    requester_type = forms.ChoiceField(
        label=_("Who is filing this request?"), choices=RequesterType.choices, initial=RequesterType.SELF
    )
    requester_name = forms.CharField(label=_("Your name, if you file for the member"), max_length=100, required=False)
    proof = forms.FileField(
        label=_("Proof that you may act for the member (PDF, PNG or JPEG)"),
        required=False,
        help_text=_("Needed from a guardian, close relative or agent."),
    )
    proof_consent = forms.BooleanField(
        label=_(
            "I consent to giving this proof document, which may contain sensitive personal information such as "
            "an ID card, only to check that I may act for the member."
        ),
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Which data?"), choices=[("", _("All or not sure")), *list(DataCategory.choices)], required=False
    )
    details = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, required=False
    )


class DeletionRequestForm(RequestForm):
    deletion_ground = forms.ChoiceField(
        label=_("Why should we delete it?"),
        choices=DeletionGround.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the five grounds for deletion.")},
    )


class ComplaintForm(RequestForm):
    details = forms.CharField(
        label=_("The facts: what happened, and how it concerns the 1688 Platform"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Describe the facts of your request.")},
    )


class DecisionReviewForm(RequestForm):
    decision_id = forms.TypedChoiceField(label=_("Which automated decision?"), coerce=int)

    def __init__(self, *args: Any, decisions: Iterable[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.TypedChoiceField", self.fields["decision_id"]).choices = list(decisions)


class ReplyForm(forms.Form):
    message = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class StaffConsentChangeForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in the stubs only, not at runtime
    """Customer service changes a consent on the member's behalf under the member's rights request (INT-02, RGT-09)."""

    rights_request = forms.IntegerField(
        label=_("Rights request number"), min_value=1, help_text=_("The member's verified request to change it.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)

    class Meta:
        model = ConsentEvent
        fields = ["member", "purpose", "scope", "is_granted"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ChoiceField", self.fields["purpose"]).choices = [
            (p.value, p.label) for p, info in PURPOSES.items() if not info.is_necessary
        ]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[assignment]  # BaseForm.clean returns cleaned_data
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
