"""Write the de-identified, encrypted training set of customer-service transcripts (CS-05, POL-09)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from support import tasks, training


class Command(BaseCommand):
    help = "Export closed tickets' conversations, de-identified and encrypted, for training support models."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Hand the export to a Celery worker instead.")

    def handle(self, *args, **options):
        export = training.start_export()
        if options["queue"]:
            transaction.on_commit(lambda: tasks.export_training_set.delay(export.pk))
            self.stdout.write(f"Queued training export {export.pk}.")
            return
        export = training.build_export(export.pk)
        self.stdout.write(
            f"Wrote {training.export_path(export)}: {export.ticket_count} tickets, {export.message_count} messages, "
            f"{export.replaced_count} identifiers replaced."
        )
