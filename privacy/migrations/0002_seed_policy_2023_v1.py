"""Seed the policy in force when the portal opened: 2023 V1, effective 25 September 2023 (POL-11)."""

import datetime
from pathlib import Path

from django.db import migrations
from django.utils import timezone

POLICY_FILE = Path(__file__).resolve().parent.parent / "policies" / "2023-v1.en.txt"


def seed(apps, schema_editor):
    PolicyVersion = apps.get_model("privacy", "PolicyVersion")
    PolicyVersion.objects.get_or_create(
        label="2023 V1",
        defaults={
            "effective_on": datetime.date(2023, 9, 25),
            "text": POLICY_FILE.read_text(encoding="utf-8"),
            "published_at": timezone.now(),
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("privacy", "PolicyVersion").objects.filter(label="2023 V1").delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
