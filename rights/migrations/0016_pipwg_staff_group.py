"""Data migration (SEC-10): the staff group of the PI protection working group.

Its permissions are kept in step with members/roles.py after every migrate; this creates the group itself, so it
exists (and staff can be added to it) from the moment the queue it owns does.
"""

from django.db import migrations

GROUP = "pipwg"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("rights", "0015_security_incidents_and_staff_training"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
