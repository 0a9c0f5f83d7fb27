"""Add the platform's sellers to the partner register: they receive order data for delivery (TRX-15)."""

from django.db import migrations

CODE = "sellers"


def seed(apps, schema_editor):
    apps.get_model("privacy", "Partner").objects.get_or_create(
        code=CODE,
        defaults={
            "name": "Sellers on the platform",
            "kind": "seller",
            "description": "The store that sold the goods: items, consignee delivery details and remarks, "
            "for delivery and after-sales (section III(V)1).",
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("privacy", "Partner").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0007_payment_status_poll_schedule"),
        ("privacy", "0004_seed_partners"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
