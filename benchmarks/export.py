"""Benchmark (not a test): the copy-of-my-data job (RGT-03) for a big and a small member, against COPY.

Builds, in a database of its own (portal_bench_export, created and dropped here), a member with 100,000
browsing-history rows and 1,000 orders, and one with 1,000 history rows; then runs the export job for each in a
child process (the code a Celery worker runs) and prints:
  - the job's peak memory for the big member against the small one (target: at most 1.5x), and
  - its throughput in rows/s against PostgreSQL's `COPY (SELECT ...) TO STDOUT` of the same rows, in the same
    run (target: at least 0.3x).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python benchmarks/export.py [--history N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "portal_bench_export"

SETUP = """
from decimal import Decimal
from django.utils import timezone
from catalog.models import CommodityCategory, Commodity, Store
from members.models import Member
from orders.models import Order
store = Store.objects.create(name="Bench store", slug="bench-store")
category = CommodityCategory.objects.create(name="Tea", slug="tea")
Commodity.objects.create(store=store, category=category, title="Longjing", price=Decimal("10"))
for name, phone in (("big", "+8613800000001"), ("small", "+8613800000002")):
    member = Member.objects.create_user(name, None, phone=phone)
Order.objects.create(number="TEMPLATE", buyer=Member.objects.get(member_name="big"), status="completed",
    total_amount=99, consignee_name="x", consignee_phone="x", delivery_address="x", completed_at=timezone.now())
"""

BUILD = """
import json, time
from django.urls import reverse
from members.models import Member
from rights.exports import build_export, start_export
# A worker has loaded its URLconf long before a job; this process loads it here, outside the timing.
reverse("home")
member = Member.objects.get(member_name="{name}")
export = start_export(member=member)
started = time.perf_counter()
export = build_export(export.pk)
print(json.dumps({{"seconds": time.perf_counter() - started, "rows": export.rows, "bytes": export.size}}))
"""


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def child(args: list[str], env: dict) -> tuple[float, str]:
    """Run `args` as a child; return its own peak resident memory (MB) and its last line of output."""
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{' '.join(args[:3])} failed")
    return usage.ru_maxrss / 1024, output.strip().splitlines()[-1]


def copy_rows(db: psycopg.Connection, member_id: int) -> tuple[int, float]:
    """Stream the big member's history and orders with COPY ... TO STDOUT; return (rows, seconds)."""
    started = time.perf_counter()
    rows = 0
    for table, column in (("catalog_browsinghistory", "member_id"), ("orders_order", "buyer_id")):
        query = f"COPY (SELECT * FROM {table} WHERE {column} = {int(member_id)} ORDER BY id) TO STDOUT"
        with db.cursor().copy(query) as copy:
            for _row in copy.rows():
                rows += 1
    return rows, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--history", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000)
    parser.add_argument("--small-history", type=int, default=1_000)
    options = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
    if not base_url.startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL.")
    with psycopg.connect(with_database(base_url, "postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BENCH_DB}")
    exports = tempfile.mkdtemp(prefix="bench-exports-")
    env = {
        **os.environ,
        "DATABASE_URL": with_database(base_url, BENCH_DB),
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "CELERY_BROKER_URL": "memory://",
        "RIGHTS_EXPORT_ROOT": exports,
    }
    env.pop("REDIS_URL", None)  # the job needs no broker; keep the benchmark off the shared Redis
    python = str(ROOT / ".venv" / "bin" / "python")
    try:
        subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        subprocess.run([python, "manage.py", "shell", "-c", SETUP], cwd=ROOT, env=env, check=True)  # noqa: S603
        with psycopg.connect(with_database(base_url, BENCH_DB), autocommit=True) as db:
            ids = dict(db.execute("SELECT member_name, id FROM members_member").fetchall())
            commodity = db.execute("SELECT id FROM catalog_commodity").fetchone()[0]
            for name, count in (("big", options.history), ("small", options.small_history)):
                db.execute(
                    "INSERT INTO catalog_browsinghistory (member_id, commodity_id, viewed_at) "
                    "SELECT %s, %s, now() - g * interval '1 minute' FROM generate_series(1, %s) AS g",
                    [ids[name], commodity, count],
                )
            columns = [
                row[0]
                for row in db.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = 'orders_order' AND column_name <> 'id' ORDER BY ordinal_position"
                )
            ]
            overrides = {
                "number": "'B' || g",
                "consignee_name": "'Consignee ' || g",
                "delivery_address": "g || ' Wensan Road, Xihu District, Hangzhou'",
            }
            select = ", ".join(overrides.get(c, f"t.{c}") for c in columns)
            db.execute(
                f"INSERT INTO orders_order ({', '.join(columns)}) "  # column names from the catalog
                f"SELECT {select} FROM orders_order t, generate_series(1, %s) AS g WHERE t.number = 'TEMPLATE'",
                [options.orders],
            )
            db.execute("DELETE FROM orders_order WHERE number = 'TEMPLATE'")
            db.execute("VACUUM ANALYZE")

        small_rss, small_out = child([python, "manage.py", "shell", "-c", BUILD.format(name="small")], env)
        big_rss, big_out = child([python, "manage.py", "shell", "-c", BUILD.format(name="big")], env)
        small, big = json.loads(small_out), json.loads(big_out)
        with psycopg.connect(with_database(base_url, BENCH_DB), autocommit=True) as db:
            copied, copy_seconds = copy_rows(db, ids["big"])

        job_rate = big["rows"] / big["seconds"]
        copy_rate = copied / copy_seconds
        print(f"big member:   {big['rows']:,} rows in {big['seconds']:.2f} s, ZIP {big['bytes'] / 1e6:.1f} MB")
        print(f"small member: {small['rows']:,} rows in {small['seconds']:.2f} s, ZIP {small['bytes'] / 1e6:.2f} MB")
        print(
            f"peak memory:  {big_rss:.0f} MB big, {small_rss:.0f} MB small: {big_rss / small_rss:.2f}x (target <= 1.5x)"
        )
        print(f"export job:   {job_rate:>10,.0f} rows/s")
        print(f"COPY:         {copy_rate:>10,.0f} rows/s ({copied:,} rows, {copy_seconds:.2f} s)")
        print(f"ratio:        {job_rate / copy_rate:.2f} of COPY (target >= 0.3)")
    finally:
        with psycopg.connect(with_database(base_url, "postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        for path in Path(exports).glob("*"):
            path.unlink()
        Path(exports).rmdir()


if __name__ == "__main__":
    main()
