"""Sweep every retention rule now (STO-05), or with --dry-run print what a sweep would change."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from rights.retention import forecast, retention_rules, rule_for, sweep_now


class Command(BaseCommand):
    help = "Delete or anonymize rows past their retention period, rule by rule, in committed batches."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Print what would change; change nothing.")
        parser.add_argument("--rule", help="Only this model's rule, e.g. orders.Order.")

    def handle(self, *args: Any, dry_run: bool = False, rule: str | None = None, **options: Any) -> None:
        if dry_run:
            for item in forecast():
                if rule and item.rule.lower() != rule.lower():
                    continue
                self.stdout.write(
                    f"{item.rule}: {item.action} rows before {item.cutoff:%Y-%m-%d %H:%M}; "
                    f"{item.expired} expired, {item.would_change} would change"
                )
            return
        rules = [rule_for(rule)] if rule else retention_rules()
        for registration in rules:
            run = sweep_now(registration, worker="manage.py")
            self.stdout.write(
                f"{run.rule}: {run.rows_changed} of {run.rows_examined} rows changed in {run.batches} batches ({run.status})"
            )
