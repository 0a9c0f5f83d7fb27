"""Schedule the payment-status poll (TRX-12) in django-celery-beat, where staff can change or pause it."""

from django.db import migrations

TASK_NAME = "Payment status from Alipay and MYbank"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_five_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME, defaults={"task": "orders.payment_status_poll", "interval": every_five_minutes}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0006_my_alipay_payment_status_notices"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
