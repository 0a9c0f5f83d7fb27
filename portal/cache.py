"""A Redis cache that fails soft, so pages keep rendering while Redis is down.

A failed call is logged and answered as a miss (reads return the default, writes
report that nothing was stored). After a failure the cache stays out of the way
for a few seconds instead of waiting on a dead server for every call.

A write or delete dropped during an outage would leave the old value in Redis
once it is back (a signed-out session, a withdrawn consent): the keys are
remembered and deleted before the cache answers anything again.

Inside `request_memo()` (one per request, see portal.request_context) keys read
with `prefetch()` in one round trip are answered from memory for the rest of
the request; writing or deleting such a key through this cache drops it there
(or, for `set`, replaces it). Only the default key version is memoized.
"""

import contextlib
import functools
import logging
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0
# Beyond this many keys written during one outage, every key of this cache is dropped instead.
MAX_UNSYNCED_KEYS = 10_000
EVERY_KEY = "*"
RATE_LIMIT_LOCK_PREFIX = "allauth:rl:"

_MISSING = object()
_request_memo: ContextVar[dict | None] = ContextVar("portal_cache_request_memo", default=None)


@contextlib.contextmanager
def request_memo() -> Iterator[None]:
    """Answer prefetched keys from memory until the block ends (the end of the request)."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def _one_key(key, *args, **kwargs) -> Iterable[str]:
    return [key]


def _data_keys(data, *args, **kwargs) -> Iterable[str]:
    return list(data)


def _listed_keys(keys, *args, **kwargs) -> Iterable[str]:
    return list(keys)


def _every_key(*args, **kwargs) -> Iterable[str]:
    return [EVERY_KEY]


def _soft(fallback, *, writes=None):
    """Run the Redis call; on a Redis error return fallback(*args) instead.

    `writes` names the keys a call changes; a change that could not reach Redis is
    remembered so that the stale entry is deleted once Redis answers again.
    """

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if writes is not None:
                self._forget_in_memo(writes(*args, **kwargs))
            if time.monotonic() < self._down_until or not self._resync():
                if writes is not None:
                    self._remember_unsynced(writes(*args, **kwargs))
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as exc:
                self._mark_down(exc)
                if writes is not None:
                    self._remember_unsynced(writes(*args, **kwargs))
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


def _add_when_down(key, *args, **kwargs):
    # allauth's rate limiter takes a lock with add() before it reads a rate. With Redis down
    # there is no rate to read and refusing the lock would answer every sign-in with 429;
    # every other add() (TOTP and token replay guards) still fails closed.
    return key.startswith(RATE_LIMIT_LOCK_PREFIX) and key.endswith(":lock")


def _all_keys_failed(data, timeout=DEFAULT_TIMEOUT, version=None):
    return list(data)


def _missing_key(key, delta=1, version=None):
    raise ValueError(f"Key {key!r} not found (cache unavailable).")


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a redis.Redis object for every call; one per pool serves them all."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._unsynced: set[str] = set()

    _redis_get = _soft(_default)(RedisCache.get)
    _redis_get_many = _soft(_empty_dict)(RedisCache.get_many)
    _redis_set = _soft(_false, writes=_one_key)(RedisCache.set)
    add = _soft(_add_when_down, writes=_one_key)(RedisCache.add)
    touch = _soft(_false)(RedisCache.touch)
    delete = _soft(_false, writes=_one_key)(RedisCache.delete)
    has_key = _soft(_false)(RedisCache.has_key)
    set_many = _soft(_all_keys_failed, writes=_data_keys)(RedisCache.set_many)
    delete_many = _soft(_none, writes=_listed_keys)(RedisCache.delete_many)
    incr = _soft(_missing_key, writes=_one_key)(RedisCache.incr)
    clear = _soft(_false, writes=_every_key)(RedisCache.clear)

    def get(self, key, default=None, version=None):
        memo = _request_memo.get()
        if memo is not None and version is None and key in memo:
            value = memo[key]
            return default if value is _MISSING else value
        return self._redis_get(key, default, version)

    def get_many(self, keys, version=None):
        memo = _request_memo.get()
        if memo is None or version is not None:
            return self._redis_get_many(keys, version)
        found = {key: memo[key] for key in keys if key in memo and memo[key] is not _MISSING}
        rest = [key for key in keys if key not in memo]
        if rest:
            found.update(self._redis_get_many(rest, version))
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        memo = _request_memo.get()
        prefetched = memo is not None and version is None and key in memo
        stored = self._redis_set(key, value, timeout, version)
        if prefetched:
            memo[key] = value
        return stored

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read `keys` in one round trip; until the request ends, reads of them need no other."""
        memo = _request_memo.get()
        if memo is None:
            return
        wanted = [key for key in keys if key not in memo]
        if not wanted:
            return
        found = self._redis_get_many(wanted)
        for key in wanted:
            memo[key] = found.get(key, _MISSING)

    def is_available(self) -> bool:
        """Whether Redis answers a PING now (used by /healthz)."""
        try:
            return bool(self._cache.get_client(write=True).ping())  # type: ignore[attr-defined]  # a cached_property the stubs omit
        except (RedisError, OSError):
            return False

    def _mark_down(self, exc: Exception) -> None:
        self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
        logger.warning("Redis cache unavailable (%s); serving without cache for %ss.", exc, RETRY_AFTER_SECONDS)

    def _forget_in_memo(self, keys: Iterable[str]) -> None:
        memo = _request_memo.get()
        if memo:
            for key in keys:
                if key == EVERY_KEY:
                    memo.clear()
                else:
                    memo.pop(key, None)

    def _remember_unsynced(self, keys: Iterable[str]) -> None:
        if EVERY_KEY in self._unsynced:
            return
        self._unsynced.update(keys)
        if EVERY_KEY in self._unsynced or len(self._unsynced) > MAX_UNSYNCED_KEYS:
            self._unsynced = {EVERY_KEY}

    def _resync(self) -> bool:
        """Delete what was changed while Redis was down; False (and down again) if Redis still fails."""
        if not self._unsynced:
            return True
        try:
            if EVERY_KEY in self._unsynced:
                # Only this cache's keys: the Celery broker may share the Redis database.
                client = self._cache.get_client(write=True)  # type: ignore[attr-defined]  # a cached_property the stubs omit
                stale = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
                for start in range(0, len(stale), 1000):
                    client.delete(*stale[start : start + 1000])
            else:
                RedisCache.delete_many(self, list(self._unsynced))
        except (RedisError, OSError) as exc:
            self._mark_down(exc)
            return False
        logger.warning("Redis cache back; dropped %s entries changed while it was down.", len(self._unsynced))
        self._unsynced = set()
        return True
