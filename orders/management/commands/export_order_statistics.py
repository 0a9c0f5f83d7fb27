"""POL-09: order statistics for analytics, de-identified before they leave the database."""

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from orders.statistics import write_order_statistics


class Command(BaseCommand):
    help = "Write de-identified order statistics as CSV (stdout, or --output FILE)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--output", help="A file to write instead of standard output.")
        parser.add_argument("--since", help="Only orders placed on or after this date (YYYY-MM-DD).")

    def handle(self, *args: Any, output: str | None = None, since: str | None = None, **options: Any) -> None:
        try:
            since_date = datetime.date.fromisoformat(since) if since else None
        except ValueError:
            raise CommandError(f"--since must be a date like 2026-01-31, not {since!r}.") from None
        if output:
            with open(output, "w", newline="", encoding="utf-8") as out:
                count = write_order_statistics(out, since=since_date)
            self.stderr.write(f"{count} orders written to {output}")
        else:
            count = write_order_statistics(self.stdout, since=since_date)
            self.stderr.write(f"{count} orders written")
