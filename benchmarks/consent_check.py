"""What the consent check costs per call: answered from the Redis cache, from the ledger, and with Redis down.

Runs in a throw-away test database (created and dropped here), with a member
holding a realistic history. `make bench` runs it with the suite's DATABASE_URL and REDIS_URL.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

CALLS = 2000
HISTORY = 200


def per_call(label: str, fn, calls: int = CALLS) -> float:
    fn()
    started = time.perf_counter()
    for _ in range(calls):
        fn()
    micros = (time.perf_counter() - started) / calls * 1e6
    print(f"{label:<48} {micros:9.1f} µs per call")
    return micros


def main() -> None:
    from members.models import Member
    from privacy import consent
    from privacy.models import ConsentEvent, PolicyVersion
    from privacy.purposes import Purpose

    member = Member.objects.create_user("bench", "bench password 123")
    version = PolicyVersion.objects.current()
    purposes = [p for p in Purpose if p not in {Purpose.ACCOUNT, Purpose.PRIVACY_POLICY} and p.value != "guardian"]
    ConsentEvent.objects.bulk_create(
        ConsentEvent(
            member=member,
            purpose=purposes[i % len(purposes)],
            scope="x" if "login" in purposes[i % len(purposes)] or "event" in purposes[i % len(purposes)] else "",
            is_granted=bool(i % 2),
            policy_version=version,
            channel="web",
        )
        for i in range(HISTORY)
    )
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"database: {connection.vendor}, cache: {backend}, history: {HISTORY} events")
    check = lambda: consent.has_consent(member, Purpose.PERSONALISED_RECOMMENDATIONS)  # noqa: E731

    cache.delete(consent.state_cache_key(member.pk))
    cached = per_call("has_consent, cached (Redis)", check)

    def uncached():
        cache.delete(consent.state_cache_key(member.pk))
        return check()

    # The delete is a Redis round trip of its own; subtract it.
    delete_only = per_call("  (cache delete alone, subtracted below)", lambda: cache.delete("bench-nothing"))
    miss = per_call("has_consent, uncached (ledger + cache fill)", uncached, calls=500) - delete_only
    print(f"{'has_consent, uncached, net of the delete':<48} {miss:9.1f} µs per call")

    from portal.cache import ResilientRedisCache

    # Nothing listens on port 1: every cache call fails fast and the ledger answers.
    consent.cache = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    per_call("has_consent, Redis down (ledger every call)", check, calls=200)
    print(f"cache speed-up: {miss / cached:.0f}x")


if __name__ == "__main__":
    old = setup_databases(verbosity=0, interactive=False)
    try:
        main()
    finally:
        teardown_databases(old, verbosity=0)
