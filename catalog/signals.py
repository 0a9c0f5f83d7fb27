"""Keep what workers and the cache hold of the catalogue in step with the database (issue 14).

Listed goods, stores and categories appear on the cards every worker keeps (the home page's best
sellers): any change to them starts a new listing generation. A member's blocked categories are
cached per member, and so is whether the member is staff of a store: a change drops that member's entry,
and rows deleted by the erasure engine (no model signals) start a new generation of all of them. Code that changes these rows with
`QuerySet.update()` fires no signal and must call `privacy.generations.bump(LISTING_GENERATION)` itself.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalog.models import Commodity, CommodityCategory, RecommendationBlock, Store, StoreMembership
from catalog.selectors import (
    BLOCKS_GENERATION,
    LISTING_GENERATION,
    STORE_STAFF_GENERATION,
    blocked_cache_key,
    store_staff_cache_key,
)
from privacy import generations

LISTING_MODELS = (Commodity, Store, CommodityCategory)


def _listing_changed(sender: type, **kwargs: Any) -> None:
    generations.bump(LISTING_GENERATION)


for _model in LISTING_MODELS:
    post_save.connect(_listing_changed, sender=_model, dispatch_uid=f"catalog.listing_saved.{_model.__name__}")
    post_delete.connect(_listing_changed, sender=_model, dispatch_uid=f"catalog.listing_deleted.{_model.__name__}")


def _forget(key: str) -> None:
    cache.delete(key)  # at once for this request, and again once the change is visible to others
    transaction.on_commit(lambda: cache.delete(key))


@receiver(post_save, sender=RecommendationBlock, dispatch_uid="catalog.block_saved")
@receiver(post_delete, sender=RecommendationBlock, dispatch_uid="catalog.block_deleted")
def _block_changed(sender: type[RecommendationBlock], instance: RecommendationBlock, **kwargs: Any) -> None:
    _forget(blocked_cache_key(instance.member_id))


@receiver(post_save, sender=StoreMembership, dispatch_uid="catalog.store_staff_saved")
@receiver(post_delete, sender=StoreMembership, dispatch_uid="catalog.store_staff_deleted")
def _store_staff_changed(sender: type[StoreMembership], instance: StoreMembership, **kwargs: Any) -> None:
    _forget(store_staff_cache_key(instance.member_id))


@receiver(generations.rows_erased, dispatch_uid="catalog.rows_erased")
def _rows_erased(sender: type, **kwargs: Any) -> None:
    if sender is RecommendationBlock:
        generations.bump(BLOCKS_GENERATION)
    elif sender is StoreMembership:
        generations.bump(STORE_STAFF_GENERATION)
    elif sender in LISTING_MODELS:
        generations.bump(LISTING_GENERATION)
