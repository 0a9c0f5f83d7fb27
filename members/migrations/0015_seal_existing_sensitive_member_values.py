"""Data migration (DEF-02): encrypt the birth dates, guardians' names and numbers and real names written in plain text.

Set-based batches (privacy.encryption.rewrite_rows); a value already sealed is left alone, so it can run twice.
"""

from django.db import migrations

from privacy.encryption import rewrite_rows, seal_if_plain

COLUMNS = [
    ("members_member", "date_of_birth"),
    ("members_guardianconsent", "guardian_name"),
    ("members_guardianconsent", "guardian_phone"),
    ("members_identityverification", "real_name"),
]


def seal_existing(apps, schema_editor):
    for table, column in COLUMNS:
        rewrite_rows(
            table=table, read=column, write=(column,), transform=seal_if_plain, using=schema_editor.connection
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0014_encrypt_sensitive_member_fields")]

    operations = [migrations.RunPython(seal_existing, migrations.RunPython.noop, elidable=True)]
