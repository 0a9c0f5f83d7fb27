"""Published content on other apps' pages (commodity and store pages) without those apps importing publishing."""

from __future__ import annotations

from typing import Any

from django import template

from publishing import selectors, services

register = template.Library()

ON_COMMODITY_PAGE = 5
QUESTIONS_ON_COMMODITY_PAGE = 10


@register.filter
def public_name(member: Any) -> str:
    """The nickname, never the real name, phone or member name (PUB-02)."""
    return services.public_name(member)


@register.inclusion_tag("publishing/_commodity_section.html", takes_context=True)
def commodity_publications(context: template.Context, commodity: Any) -> dict[str, Any]:
    reviews = selectors.commodity_reviews(commodity)
    return {
        "commodity": commodity,
        "reviews": list(reviews[:ON_COMMODITY_PAGE]),
        "review_count": reviews.count(),
        "questions": list(selectors.commodity_questions(commodity)[:QUESTIONS_ON_COMMODITY_PAGE]),
        "user": context.get("user"),
        "request": context.get("request"),
    }


@register.inclusion_tag("publishing/_store_section.html", takes_context=True)
def store_publications(context: template.Context, store: Any) -> dict[str, Any]:
    return {
        "store": store,
        "reviews": list(selectors.store_reviews(store)[:ON_COMMODITY_PAGE]),
        "user": context.get("user"),
    }
