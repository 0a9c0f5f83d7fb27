"""SHR-10: de-identified order statistics for an approved research project, through privacy.sharing."""

import csv
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from orders.statistics import ORDER_STATISTICS_COLUMNS, order_rows
from privacy import sharing
from privacy.models import ResearchApproval


class Command(BaseCommand):
    help = "Write de-identified order statistics for the research approval --approval ID as CSV (--output FILE)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--approval", type=int, required=True, help="The research approval's id (admin).")
        parser.add_argument("--output", required=True, help="The CSV file to write.")

    def handle(self, *args: Any, approval: int, output: str, **options: Any) -> None:
        record = ResearchApproval.objects.filter(pk=approval).first()
        if record is None:
            raise CommandError(f"No research approval {approval}: the privacy officer records one in admin first.")
        try:
            rows = sharing.release_for_research(record, rows=order_rows().iterator())
        except sharing.SharingRefused as error:
            raise CommandError(error.messages[0]) from None
        columns = [c for c in ORDER_STATISTICS_COLUMNS if c in set(record.partner.allowed_fields)]
        with open(output, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        self.stderr.write(f"{len(rows)} de-identified rows written to {output} under approval {approval}")
