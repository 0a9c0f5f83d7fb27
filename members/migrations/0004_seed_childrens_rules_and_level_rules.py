"""Data: the first Children's Personal Information Rules (MIN-02) and the starting level rules (MEM-03)."""

import datetime

from django.db import migrations
from django.utils import timezone

CHILDREN_RULES_TEXT = """These rules explain how the 1688 Platform handles the personal information of children under 14.

1. A child may use the platform only after a parent or guardian has read these rules and consented.
2. All personal information of a child under 14 is treated as sensitive personal information: it is encrypted where stored and every staff access is logged.
3. Personalised advertising and personalised recommendations are off for children and stay off unless the guardian consents.
4. We collect only what the service needs, and keep it no longer than needed.
5. A guardian may ask to see, correct or delete the child's information, or withdraw consent at any time; the child's account is then suspended.
6. Questions about children's information go to our Personal Information Protection working group through the contact page."""

LEVELS = [
    (1, "Member", 0, "0.00", "Standard after-sales support"),
    (2, "Silver", 3, "300.00", "Priority customer service\nFree return shipping once a month"),
    (3, "Gold", 10, "2000.00", "Priority customer service\nFree return shipping\nMember-only discounts"),
]


def seed(apps, schema_editor):
    ChildrenRulesVersion = apps.get_model("members", "ChildrenRulesVersion")
    LevelRule = apps.get_model("members", "LevelRule")
    ChildrenRulesVersion.objects.get_or_create(
        label="2023 V1",
        defaults={
            "effective_on": datetime.date(2023, 9, 25),
            "text": CHILDREN_RULES_TEXT,
            "published_at": timezone.now(),
        },
    )
    for level, name, orders, spent, benefits in LEVELS:
        LevelRule.objects.get_or_create(
            level=level,
            defaults={"name": name, "min_completed_orders": orders, "min_spent": spent, "benefits": benefits},
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0003_profile_levels_sms_outbox_and_guardian_consent")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
