"""RGT-07: after a backup is restored, erase again every member erased before it."""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from rights.erasure import reapply_tombstones
from rights.models import Tombstone


class Command(BaseCommand):
    help = "Erase again the members in the tombstone list (run after every database restore)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--ids-file",
            help="A JSON list of erased member ids exported from the live database (--export), "
            "for a restore whose own tombstone table is older than the backup.",
        )
        parser.add_argument("--export", help="Write the tombstone list to this JSON file and stop.")

    def handle(self, *args: Any, ids_file: str | None = None, export: str | None = None, **options: Any) -> None:
        if export:
            ids = sorted(Tombstone.objects.values_list("member_id", flat=True))
            Path(export).write_text(json.dumps(ids), encoding="utf-8")
            self.stdout.write(f"{len(ids)} tombstones written to {export}")
            return
        extra = json.loads(Path(ids_file).read_text(encoding="utf-8")) if ids_file else []
        erased = reapply_tombstones(extra_ids=[int(i) for i in extra])
        self.stdout.write(f"{len(erased)} restored members erased again: {', '.join(map(str, erased)) or '-'}")
