"""Merge: the engine moved to rights and the notices to interactions, both out of privacy."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('privacy', '0012_move_alerts_marketing_to_interactions'),
        ('privacy', '0012_move_engine_to_rights'),
    ]

    operations = [
    ]
