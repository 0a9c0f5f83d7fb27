"""Browsing and search history expire; the rest is kept until the member deletes it (STO-01, STO-05)."""

from datetime import timedelta

from catalog.models import BrowsingHistory, Favorite, OperationHistory, SearchHistory
from privacy.registry import DataCategory, Erasure, registry


def test_history_and_search_history_expire_after_180_days_by_deleting_the_row():
    # clause: STO-01, BRW-03
    for model, after in (
        (BrowsingHistory, "viewed_at"),
        (SearchHistory, "searched_at"),
        (OperationHistory, "occurred_at"),
    ):
        retention = registry.get(model).retention
        assert (retention.after, retention.keep, retention.then) == (after, timedelta(days=180), Erasure.DELETE_ROW)


def test_search_history_is_search_data_and_favourites_are_browsing_data():
    assert registry.get(SearchHistory).row.category == DataCategory.SEARCH
    assert registry.get(Favorite).row.category == DataCategory.BROWSING
    assert registry.get(Favorite).row.erase == Erasure.DELETE_ROW
