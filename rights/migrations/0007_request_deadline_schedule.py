"""Schedule the rights-request deadline job (RGT-16): warnings, overdue flags, unverified requests closed."""

from django.db import migrations

TASK_NAME = "Rights requests: warn before the 15-day deadline, flag overdue, close unverified"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    hourly, _ = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.get_or_create(name=TASK_NAME, defaults={"task": "rights.request_deadlines", "interval": hourly})


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0006_rights_requests"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
