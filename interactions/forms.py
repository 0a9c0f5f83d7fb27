"""Forms of section II(VI): the Alert Settings switches, the Messages page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from interactions.models import AlertCategory, AlertChannel
from interactions.services import MANDATORY


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
