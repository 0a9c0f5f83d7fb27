"""Schedule the live-channel ranking (INT-12) and the sweep of deleted videos' files in django-celery-beat, where staff can change or pause it."""

from django.db import migrations

TASK_NAME = "Live-channel ranking"
SWEEP_NAME = "Files of deleted short videos"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_ten_minutes, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME, defaults={"task": "publishing.rank_live_channels", "interval": every_ten_minutes}
    )
    daily, _ = IntervalSchedule.objects.get_or_create(every=1, period="days")
    PeriodicTask.objects.get_or_create(
        name=SWEEP_NAME, defaults={"task": "publishing.sweep_orphan_videos", "interval": daily}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[TASK_NAME, SWEEP_NAME]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0002_live_channels_and_short_videos"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
