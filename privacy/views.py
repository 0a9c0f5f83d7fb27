"""Public privacy pages: the policy and the list of personal information collected (POL-10)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from privacy.categories import CATEGORY_INFO
from privacy.registry import registry
from privacy.selectors import current_policy


@require_GET
def collected_information(request: HttpRequest) -> HttpResponse:
    sections = [
        {
            "category": category,
            "description": CATEGORY_INFO[category].description,
            "items": [
                {
                    "name": registration.field_label(name),
                    "where": registration.model._meta.verbose_name_plural,
                    "purpose": pi.purpose,
                    "is_sensitive": pi.sensitive,
                    "is_necessary": pi.is_necessary,
                    "retention": registration.retention,
                }
                for registration, name, pi in entries
            ],
        }
        for category, entries in registry.by_category().items()
    ]
    return render(request, "privacy/collected_information.html", {"sections": sections})


@require_GET
def policy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/policy.html", {"policy": current_policy()})
