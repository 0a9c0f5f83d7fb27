"""Member forms of section IV: they collect the fields; the rules are in rights.requests."""

from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.categories import Category
from rights.models import DeletionGround, RequesterType


class RequestForm(forms.Form):
    requester_type = forms.ChoiceField(
        label=_("Who is filing this request?"), choices=RequesterType.choices, initial=RequesterType.SELF
    )
    requester_name = forms.CharField(label=_("Your name, if you file for the member"), max_length=100, required=False)
    proof = forms.FileField(
        label=_("Proof that you may act for the member (PDF, PNG or JPEG)"),
        required=False,
        help_text=_("Needed from a guardian, close relative or agent (RGT-14)."),
    )
    category = forms.ChoiceField(
        label=_("Which data?"), choices=[("", _("All or not sure")), *list(Category.choices)], required=False
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

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_id"].choices = list(decisions)


class ReplyForm(forms.Form):
    message = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
