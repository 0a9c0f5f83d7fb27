"""Merge: the reaper of stalled runs and the rights requests, both built on 0003."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('rights', '0005_resume_stalled_schedule'),
        ('rights', '0011_dashboard_permission'),
    ]

    operations = [
    ]
