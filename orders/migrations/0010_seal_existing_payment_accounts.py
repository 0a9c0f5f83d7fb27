"""Data migration (DEF-02): encrypt Alipay accounts, payers' accounts and numbers and customs ID names kept in plain
text, and fill the keyed digests the Alipay accounts are looked up by.

Set-based batches (privacy.encryption.rewrite_rows); a value already sealed is left alone, so it can run twice.
"""

from django.db import migrations

from privacy.encryption import keyed_digest, rewrite_rows, seal, seal_if_plain, unseal

ALIPAY_PURPOSE = "orders.alipay_account"
PLAIN_COLUMNS = [("orders_payment", "payer_account"), ("orders_payment", "payer_phone"), ("orders_order", "customs_id_name")]
ALIPAY_COLUMNS = [("orders_alipayaccount", "account"), ("orders_alipaychangerequest", "new_account")]


def seal_with_digest(value: str) -> tuple[str, str] | None:
    if unseal(value):
        return None
    return seal(value), keyed_digest(value, purpose=ALIPAY_PURPOSE)


def seal_existing(apps, schema_editor):
    for table, column in PLAIN_COLUMNS:
        rewrite_rows(
            table=table, read=column, write=(column,), transform=seal_if_plain, using=schema_editor.connection
        )
    for table, column in ALIPAY_COLUMNS:
        rewrite_rows(
            table=table,
            read=column,
            write=(column, f"{column}_digest"),
            transform=seal_with_digest,
            using=schema_editor.connection,
        )


class Migration(migrations.Migration):
    dependencies = [("orders", "0009_encrypt_payment_accounts_with_lookup_digests")]

    operations = [migrations.RunPython(seal_existing, migrations.RunPython.noop, elidable=True)]
