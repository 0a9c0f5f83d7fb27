"""Generation tokens: what a worker may keep in memory, and when it must stop using it (issue 14).

Some parts of member pages are the same for every member and change far less often than they are
shown: the best sellers on the home page, the posts staff featured. A worker keeps them in its own
memory (`Kept`), filed under the current token of their generation, a random value in Redis. Whatever
changes that data calls `bump()`, which stores a new token (again once the transaction commits): every
worker's kept copy becomes unreachable on its next request, and none can be found again by a token
reused after Redis lost the key.

The token is one Redis key per generation, read with the page state's one MGET on signed-in pages
(portal.request_context). While Redis is unreachable `current()` is None: nothing is kept or reused,
callers read the database; a bump that could not reach Redis is deleted once Redis is back
(portal.cache), which again starts a new generation.

Rows erased by the erasure engine's SQL fire no model signals; the engine sends `rows_erased`
instead, so a generation that depends on such rows bumps on that too.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar, cast

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

T = TypeVar("T")

# Sent by the erasure engine after each batch of rows it deleted or rewrote with its own SQL (once the
# batch's transaction ended): sender is the model, `pks` the primary keys of the rows.
rows_erased = Signal()

MAX_KEPT = 256


def cache_key(name: str) -> str:
    return f"generation:{name}"


def current(name: str) -> str | None:
    """The generation's token now, starting one if Redis has none; None while Redis is unreachable."""
    key = cache_key(name)
    token = cache.get(key)
    if token is None:
        token = secrets.token_hex(8)
        if not cache.add(key, token, None):  # another worker started it first, or Redis is down
            token = cache.get(key)
    return token if isinstance(token, str) else None


def bump(name: str) -> None:
    """Start a new generation now, and again once the current transaction commits.

    The first is for the rest of this transaction (a page rendered after the change in the same
    request); the second for every worker, which may have kept the old rows under the first token
    before the change was visible to it.
    """

    def start() -> None:
        cache.set(cache_key(name), secrets.token_hex(8), None)

    start()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(start)


def cached(name: str, key: str, compute: Callable[[], T], *, timeout: int) -> T:
    """A value cached in Redis under `key` (one member's, say) that is valid only in the generation it was read in.

    For data with a key per member whose rows the erasure engine may remove without model signals: the
    model signals drop `key`, the engine's `rows_erased` bumps the generation for every key at once.
    `timeout` bounds what a page view that read the rows just before a change may write back after it.
    """
    token = current(name)
    stored = cache.get(key)
    if token is not None and isinstance(stored, tuple) and len(stored) == 2 and stored[0] == token:
        return cast(T, stored[1])
    value = compute()
    if token is not None:
        cache.set(key, (token, value), timeout)
    return value


class Kept(Generic[T]):
    """Values this worker keeps under one generation's current token, at most MAX_KEPT of them.

    A kept value is shared by every request the worker serves: compute it as an immutable
    value (a tuple, not a list) and never change what it holds.
    """

    def __init__(self, generation: str) -> None:
        self.generation = generation
        self._values: dict[tuple[str, Hashable], T] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        token = current(self.generation)
        if token is None:
            return compute()
        try:
            return self._values[(token, key)]
        except KeyError:
            pass
        value = compute()
        if len(self._values) >= MAX_KEPT:
            self._values.clear()
        self._values[(token, key)] = value
        return value
