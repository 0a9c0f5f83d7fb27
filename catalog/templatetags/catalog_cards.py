"""`commodities|cards_key`: everything the commodity cards show, the key their list is kept under ({% fragment %})."""

from collections.abc import Iterable

from django import template

register = template.Library()


@register.filter
def cards_key(commodities: Iterable) -> tuple:
    # Every value _cards.html shows or links to; a changed price, title, store or category is a new key.
    return tuple(
        (
            c.pk,
            c.title,
            str(c.price),
            c.sales_count,
            c.is_cross_border,
            c.category_id,
            c.category.name,
            c.store.slug,
            c.store.name,
        )
        for c in commodities
    )
