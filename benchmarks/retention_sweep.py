"""Benchmark (not a test): the retention sweep against one raw SQL UPDATE doing the same masking (DESIGN.md).

Builds N orders (default 1,000,000, half past the three-year retention) in a
database of its own (portal_bench, created and dropped here), copies them to a
second table with the same indexes, then times:
  - the project's sweep, run by `manage.py retention_sweep --rule orders.Order`
    in a child process (the code a Celery worker runs, chunk by chunk), and
  - one raw `UPDATE` of the copy with the same expressions.
Prints rows/s of each, their ratio, and the sweep process's peak memory next to
that of the same command when it has nothing to sweep.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python benchmarks/retention_sweep.py [--rows N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "portal_bench"


def admin_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def bench_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


TEMPLATE_ORDER = """
from django.utils import timezone
from members.models import Member
from orders.models import Order
bench = Member.objects.create_user("bench", None, phone="+8613800000000")
Order.objects.create(number="TEMPLATE", buyer=bench, status="completed", total_amount=99,
    consignee_name="x", consignee_phone="x", delivery_address="x", remarks="leave at the door",
    completed_at=timezone.now())
"""


def child_peak_rss_mb(args: list[str], env: dict) -> tuple[float, str]:
    """Run `args` as a child and return its own peak resident memory (MB) and its output."""
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"{' '.join(args)} failed with exit code {process.returncode}")
    return usage.ru_maxrss / 1024, output.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark database afterwards.")
    options = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
    if not base_url.startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL.")

    with psycopg.connect(admin_url(base_url), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BENCH_DB}")
    env = {**os.environ, "DATABASE_URL": bench_url(base_url), "DJANGO_SETTINGS_MODULE": "portal.settings"}
    env.pop("REDIS_URL", None)  # the sweep needs no broker; keep the benchmark off the shared Redis
    env["CELERY_BROKER_URL"] = "memory://"
    python = str(ROOT / ".venv" / "bin" / "python")
    try:
        started = time.perf_counter()
        subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        print(f"migrated in {time.perf_counter() - started:.1f} s")

        with psycopg.connect(bench_url(base_url), autocommit=True) as db:
            started = time.perf_counter()
            # One member and one template order made by the ORM, so every column (including ones
            # added later) gets its real default; the million rows are copies of the template.
            subprocess.run(  # noqa: S603
                [python, "manage.py", "shell", "-c", TEMPLATE_ORDER], cwd=ROOT, env=env, check=True
            )
            columns = [
                row[0]
                for row in db.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = 'orders_order' AND column_name <> 'id' ORDER BY ordinal_position"
                )
            ]
            # Odd numbers completed four years ago (past retention), even ones a year ago (inside it).
            overrides = {
                "number": "'B' || g",
                "consignee_name": "'Consignee ' || g",
                "consignee_phone": "'+86139' || lpad(g::text, 8, '0')",
                "delivery_address": "g || ' Wensan Road, Xihu District, Hangzhou'",
                "created_at": "now() - interval '5 years'",
                "completed_at": "CASE WHEN g %% 2 = 1 THEN now() - interval '4 years' ELSE now() - interval '1 year' END",
            }
            select = ", ".join(overrides.get(c, f"t.{c}") for c in columns)
            db.execute(
                f"INSERT INTO orders_order ({', '.join(columns)}) "  # column names from the catalog
                f"SELECT {select} FROM orders_order t, generate_series(1, %s) AS g WHERE t.number = 'TEMPLATE'",
                [options.rows],
            )
            db.execute("DELETE FROM orders_order WHERE number = 'TEMPLATE'")
            db.execute("CREATE TABLE orders_copy (LIKE orders_order INCLUDING ALL)")
            db.execute("INSERT INTO orders_copy SELECT * FROM orders_order")
            db.execute("VACUUM ANALYZE orders_order")
            db.execute("VACUUM ANALYZE orders_copy")
            print(f"built {options.rows:,} orders (and their copy) in {time.perf_counter() - started:.1f} s")

        # Baseline memory: the same command, same Django, nothing to sweep.
        idle_rss, _ = child_peak_rss_mb([python, "manage.py", "retention_sweep", "--rule", "interactions.Message"], env)
        started = time.perf_counter()
        sweep_rss, output = child_peak_rss_mb([python, "manage.py", "retention_sweep", "--rule", "orders.Order"], env)
        wall = time.perf_counter() - started
        print(f"sweep: {output} (process wall time {wall:.1f} s)")

        with psycopg.connect(bench_url(base_url), autocommit=True) as db:
            rule_started, rule_finished, changed = db.execute(
                "SELECT started_at, finished_at, rows_changed FROM privacy_retentionrun WHERE rule = 'orders.Order'"
            ).fetchone()
            sweep_seconds = (rule_finished - rule_started).total_seconds()
            started = time.perf_counter()
            raw = db.execute(
                """
                UPDATE orders_copy SET
                  consignee_name = CASE WHEN char_length(consignee_name) <= 2 THEN repeat('*', char_length(consignee_name))
                    ELSE left(consignee_name, 1) || repeat('*', char_length(consignee_name) - 2) || right(consignee_name, 1) END,
                  consignee_phone = CASE WHEN char_length(consignee_phone) <= 2 THEN repeat('*', char_length(consignee_phone))
                    ELSE left(consignee_phone, 1) || repeat('*', char_length(consignee_phone) - 2) || right(consignee_phone, 1) END,
                  delivery_address = CASE WHEN char_length(delivery_address) <= 2 THEN repeat('*', char_length(delivery_address))
                    ELSE left(delivery_address, 1) || repeat('*', char_length(delivery_address) - 2) || right(delivery_address, 1) END,
                  remarks = '',
                  buyer_id = NULL
                WHERE completed_at < now() - interval '1098 days'
                """
            )
            raw_seconds = time.perf_counter() - started
            raw_rows = raw.rowcount
            same = db.execute(
                "SELECT count(*) FROM orders_order o JOIN orders_copy c USING (id) "
                "WHERE (o.consignee_name, o.consignee_phone, o.delivery_address, o.remarks, o.buyer_id) "
                "IS DISTINCT FROM (c.consignee_name, c.consignee_phone, c.delivery_address, c.remarks, c.buyer_id)"
            ).fetchone()[0]

        sweep_rate = changed / sweep_seconds
        raw_rate = raw_rows / raw_seconds
        print(f"rows: {options.rows:,} orders, {changed:,} swept, {raw_rows:,} updated by the raw UPDATE")
        print(f"sweep:       {sweep_rate:>10,.0f} rows/s ({sweep_seconds:.2f} s)")
        print(f"raw UPDATE:  {raw_rate:>10,.0f} rows/s ({raw_seconds:.2f} s)")
        print(f"ratio:       {sweep_rate / raw_rate:.2f} of raw SQL (target at least 0.50)")
        print(f"peak memory: sweep process {sweep_rss:.0f} MB; same command with nothing to sweep {idle_rss:.0f} MB")
        print(f"rows differing between the swept table and the raw-UPDATE copy: {same}")
    finally:
        if not options.keep:
            with psycopg.connect(admin_url(base_url), autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
