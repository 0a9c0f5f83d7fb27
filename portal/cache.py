"""A Redis cache that fails soft, so pages keep rendering while Redis is down.

A failed call is logged and answered as a miss (reads return the default, writes
report that nothing was stored). After a failure the cache stays out of the way
for a few seconds instead of waiting on a dead server for every call.
"""

import functools
import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0


def _soft(fallback):
    """Run the Redis call; on a Redis error return fallback(*args) instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as exc:
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning("Redis cache unavailable (%s); serving without cache for %ss.", exc, RETRY_AFTER_SECONDS)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


def _false(*args, **kwargs):
    return False


def _none(*args, **kwargs):
    return None


def _empty_dict(*args, **kwargs):
    return {}


def _all_keys_failed(data, timeout=DEFAULT_TIMEOUT, version=None):
    return list(data)


def _missing_key(key, delta=1, version=None):
    raise ValueError(f"Key {key!r} not found (cache unavailable).")


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    get = _soft(_default)(RedisCache.get)
    add = _soft(_false)(RedisCache.add)
    set = _soft(_false)(RedisCache.set)
    touch = _soft(_false)(RedisCache.touch)
    delete = _soft(_false)(RedisCache.delete)
    has_key = _soft(_false)(RedisCache.has_key)
    get_many = _soft(_empty_dict)(RedisCache.get_many)
    set_many = _soft(_all_keys_failed)(RedisCache.set_many)
    delete_many = _soft(_none)(RedisCache.delete_many)
    incr = _soft(_missing_key)(RedisCache.incr)
    clear = _soft(_false)(RedisCache.clear)

    def is_available(self) -> bool:
        """Whether Redis answers a PING now (used by /healthz)."""
        try:
            return bool(self._cache.get_client(write=True).ping())  # type: ignore[attr-defined]  # a cached_property the stubs omit
        except (RedisError, OSError):
            return False
