"""The SMS outbox becomes the development backend of interactions' SMS channel; its table stays (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0012_security_event_device_fingerprint_and_profile_changes"),
        ("interactions", "0003_move_alerts_marketing_and_sms_outbox"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="SmsMessage")],
        ),
    ]
