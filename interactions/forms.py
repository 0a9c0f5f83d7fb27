"""Forms of section II(VI): the Alert Settings switches, the Messages page, friends, events and share codes."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from interactions.models import AlertCategory, AlertChannel, EventData, MarketingEvent, PrizeClaim
from interactions.services import MANDATORY
from privacy.models import Partner

# A mainland mobile number, with or without +86.
PHONE = re.compile(r"^(\+86)?1[3-9]\d{9}$")


class AlertSettingsForm(forms.Form):
    """A switch per (category, channel); mandatory categories are shown on and cannot be changed."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for category in AlertCategory:
            for channel in AlertChannel:
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
            for category in AlertCategory
            for channel in AlertChannel
            if category not in MANDATORY
        }

    def rows(self):
        return [
            {"category": category, "cells": [self[self.field_name(category, channel)] for channel in AlertChannel]}
            for category in AlertCategory
        ]


class MessageFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All messages")), *AlertCategory.choices], required=False
    )


MAX_SELECTED = 100


class IdListField(forms.Field):
    """Ids of rows the member ticked; each a positive integer that fits a bigint column."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        if not isinstance(value, list | tuple) or len(value) > MAX_SELECTED:
            raise forms.ValidationError(_("Choose at most %(count)d messages.") % {"count": MAX_SELECTED}, code="many")
        if not all(isinstance(v, str) and v.isdigit() and len(v) <= 18 for v in value):
            raise forms.ValidationError(_("Choose messages from the list."), code="invalid")
        return [int(v) for v in value]


class MessageSelectionForm(forms.Form):
    """The messages a member ticked on the Messages page; the view checks each one is theirs."""

    message = IdListField(label=_("Messages"))


class InvitationCodeForm(forms.Form):
    code = forms.CharField(label=_("Invitation code"), max_length=20)


class ShareCodeForm(forms.Form):
    code = forms.CharField(label=_("Share code"), max_length=40)


class JoinEventForm(forms.Form):
    """The event's own consent (required) and, for a joint event, the separate sharing consent (optional)."""

    agree = forms.BooleanField(label=_("I agree that this event uses the data listed above, for this event only."))
    share_with_partner = forms.BooleanField(required=False)
    data_shown = forms.CharField(widget=forms.HiddenInput, max_length=200, required=False)

    def __init__(self, *args, event: MarketingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_shown"].initial = ",".join(event.data_used)
        if event.partner is None:
            del self.fields["share_with_partner"]
        else:
            self.fields["share_with_partner"].label = _(
                "Also share my participation and progress in this event with %(partner)s, who runs it with us."
            ) % {"partner": event.partner.name}

    def clean_data_shown(self) -> list[str]:
        return [value for value in self.cleaned_data["data_shown"].split(",") if value]


class PrizeClaimForm(forms.ModelForm):
    class Meta:
        model = PrizeClaim
        fields = ["consignee_name", "phone", "address"]

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip().replace(" ", "")
        if not PHONE.match(phone):
            raise ValidationError(_("Enter a mobile number, for example 13800138000."), code="phone")
        return phone if phone.startswith("+") else f"+86{phone}"


class EventAdminForm(forms.ModelForm):
    """Staff tick exactly the data the event uses (INT-08)."""

    data_used = forms.MultipleChoiceField(
        label=_("Data the event uses"),
        choices=EventData.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members see this list and agree to it before they join."),
    )

    class Meta:
        model = MarketingEvent
        fields = ["title", "description", "data_used", "partner", "has_prizes", "starts_at", "ends_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # INT-09 / SHR-03: a joint event is run only with a partner the register has activated.
        self.fields["partner"].queryset = Partner.objects.active().order_by("name")

    def clean_data_used(self) -> list[str]:
        chosen = set(self.cleaned_data["data_used"])
        # Keep the declared order, whatever order the browser sent.
        return [value for value in EventData.values if value in chosen]
