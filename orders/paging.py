"""A page of a list read with one query of page size + 1 rows, without the COUNT a Paginator runs.

My Orders only links the previous and the next page, so whether a next page exists is all it needs to
know; that row more tells it. A page number past the end (or below 1) is the rare case: it is answered
as Django's Paginator.get_page answers it (the last page), with its COUNT.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class PageWithoutCount:
    """The part of django.core.paginator.Page that a previous/next pager uses."""

    def __init__(self, rows: list[Any], *, number: int, has_next: bool) -> None:
        self.object_list, self.number, self._has_next = rows, number, has_next

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_without_count(queryset: QuerySet, per_page: int, number: str | None) -> PageWithoutCount | Page:
    """Page `number` (as given in the query string) of `queryset`, `per_page` rows a page."""
    try:
        page_number = int(number) if number else 1
    except ValueError:
        page_number = 1  # Paginator.get_page answers a page number that is not a number with the first page
    if page_number >= 1:
        start = (page_number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        if rows or page_number == 1:
            return PageWithoutCount(rows[:per_page], number=page_number, has_next=len(rows) > per_page)
    return Paginator(queryset, per_page).get_page(number)
