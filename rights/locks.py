"""Which worker runs a job right now: PostgreSQL advisory locks, held by a live database session.

A worker that dies loses its connection and with it the lock, so the next worker that gets the
job's message (a redelivery, or the reaper's) takes it over at once; a live worker keeps it, so one
run, step or chunk is never worked on by two workers at the same time. SQLite (`make run` without
PostgreSQL) has no such locks and runs one worker, so there the lock is always granted.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection

INT4 = 2**31


def _keys(kind: str, pk: int) -> tuple[int, int]:
    # Two int4 keys: the kind of job, and the id (an id past 2**31 only shares a key, which delays, never doubles).
    return zlib.crc32(kind.encode()) % INT4, pk % INT4


@contextmanager
def exclusive(kind: str, pk: int) -> Iterator[bool]:
    """Hold the lock on job (`kind`, `pk`) for the block; yields False, holding nothing, when a live worker has it."""
    if connection.vendor != "postgresql":
        yield True
        return
    keys = _keys(kind, pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", keys)
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", keys)
            except DatabaseError:
                pass  # the session is gone, and its lock with it


def is_held(kind: str, pk: int) -> bool:
    """Whether a live session holds the lock on job (`kind`, `pk`) now."""
    if connection.vendor != "postgresql":
        return False
    key1, key2 = _keys(kind, pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = %s AND objid = %s "
            "AND objsubid = 2 AND granted)",
            [key1, key2],
        )
        return bool(cursor.fetchone()[0])
