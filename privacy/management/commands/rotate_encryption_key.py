"""Re-encrypt every sealed column under the current IDENTITY_ENCRYPTION_KEY (DEF-02, SEC-06 key rotation).

Put the new key in IDENTITY_ENCRYPTION_KEY and the old one in IDENTITY_ENCRYPTION_OLD_KEYS, deploy, run this,
then drop the old key. Batches commit one by one; a rerun after a stop re-encrypts only what is left.
"""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from privacy.encryption import reseal_if_old, rewrite_rows, sealed_columns


class Command(BaseCommand):
    help = "Re-encrypt every encrypted column under the current key, in committed batches (resumable)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per batch and transaction.")

    def handle(self, *args: Any, batch_size: int = 500, **options: Any) -> None:
        if not settings.IDENTITY_ENCRYPTION_OLD_KEYS:
            raise CommandError("IDENTITY_ENCRYPTION_OLD_KEYS is empty: there is no old key to rotate from.")
        if settings.IDENTITY_LOOKUP_KEY == settings.IDENTITY_ENCRYPTION_KEY:
            # Lookup digests and pseudonyms were made with the key in use before; changing it would orphan them.
            raise CommandError(
                "Set IDENTITY_LOOKUP_KEY to the key the lookup digests were made with (until now the encryption key)."
            )
        for model, field in sealed_columns():
            changed = rewrite_rows(
                table=model._meta.db_table,
                read=field.column,
                write=(field.column,),
                transform=reseal_if_old,
                batch_size=batch_size,
            )
            self.stdout.write(f"{model._meta.label}.{field.name}: {changed} re-encrypted")
