from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    SORT_CHOICES = [
        ("general", _("General sorting")),
        ("sales", _("Sales")),
        ("price", _("Price: low to high")),
        ("price_desc", _("Price: high to low")),
    ]

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def clean_sort(self) -> str:
        return self.cleaned_data.get("sort") or "general"
