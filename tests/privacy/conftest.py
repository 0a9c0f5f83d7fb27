"""Fixtures of the privacy tests: a clean cache (the ledger caches per member id, and ids restart with a new
test database), request contexts, and policy versions."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from privacy.models import PolicyVersion
from privacy.policy_versions import RECENT_MATERIAL_CACHE_KEY, REQUIRED_CACHE_KEY
from rights.selectors import BANNER_CACHE_KEY


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    # The policy banner's answer as the seeded database has it (no material version): pages cost no
    # query for it, as on a warm site. Saving or publishing a version drops it.
    cache.set(RECENT_MATERIAL_CACHE_KEY, (None, "", None), None)
    cache.set(BANNER_CACHE_KEY, [], None)  # no incident announcement either
    yield
    cache.clear()
    # Leave the cache as the rolled-back database has it (no material version), so that the
    # next test's first request costs no extra query.
    cache.set(REQUIRED_CACHE_KEY, (None, "", None), None)


@pytest.fixture
def material_version(db) -> PolicyVersion:
    """A published material version in force since yesterday."""
    return PolicyVersion.objects.create(
        label="2026 V2",
        effective_on=timezone.localdate() - datetime.timedelta(days=1),
        text="[Introduction]\nWe now share order data with a new logistics partner.\n",
        text_zh="[Introduction]\n我们现在与新的物流合作伙伴共享订单数据。\n",
        changes_recipients=True,
        is_material=True,
        published_at=timezone.now(),
    )
