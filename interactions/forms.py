"""Forms of section II(VI): the Alert Settings switches."""

from django import forms

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
