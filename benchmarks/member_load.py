"""What loading the signed-in member costs per call (issue 14): `Member.objects.get(pk=…)`, as
`ModelBackend.get_user` calls it on every signed-in request, against the ORM's general path and a bare
round trip of the same SELECT.

Runs in a throw-away test database (created and dropped here). `make bench` runs it with the suite's
DATABASE_URL and REDIS_URL.
"""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

CALLS = 2000


def per_call(label: str, fn, calls: int = CALLS) -> float:
    for _ in range(50):
        fn()
    started = time.perf_counter()
    for _ in range(calls):
        fn()
    micros = (time.perf_counter() - started) / calls * 1e6
    print(f"{label:<52} {micros:9.1f} µs per call")
    return micros


def main() -> None:
    from members.models import Member

    member = Member.objects.create_user(
        "bench", "bench password 123", nickname="Bench", date_of_birth=datetime.date(1990, 5, 17)
    )
    pk = member.pk
    print(f"database: {connection.vendor}, {CALLS} calls each")
    fast = per_call("Member.objects.get(pk=pk)", lambda: Member.objects.get(pk=pk))
    orm = per_call("Member.objects.all().get(pk=pk) (the ORM's path)", lambda: Member.objects.all().get(pk=pk))
    sql, params = Member.objects.filter(pk=pk).query.sql_with_params()

    def round_trip():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchone()

    bare = per_call("the same SELECT through a bare cursor", round_trip)
    print(f"get(pk=…) over the bare round trip: {fast - bare:.1f} µs (the ORM's path: {orm - bare:.1f} µs)")


if __name__ == "__main__":
    old = setup_databases(verbosity=0, interactive=False)
    try:
        main()
    finally:
        teardown_databases(old, verbosity=0)
