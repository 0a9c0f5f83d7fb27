"""SHR-15: stop collection for a closed feature and erase or anonymize its data through the engine."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rights.cessation import cease_service


class Command(BaseCommand):
    help = "Close a feature (an app label): refuse further collection and erase its registered data."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("feature", help="The app label of the feature, e.g. interactions.")

    def handle(self, *args: Any, feature: str, **options: Any) -> None:
        try:
            ceased = cease_service(feature)
        except LookupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{ceased.name} ceased: {ceased.rows_deleted} rows deleted, {ceased.rows_anonymized} anonymized, "
            f"{ceased.rows_kept} kept under a retention rule"
        )
