"""Alert settings and marketing leave privacy for interactions; their tables stay (state only, no data copied)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0011_necessary_purposes_transactions_and_legal_retention"),
        ("interactions", "0003_move_alerts_marketing_and_sms_outbox"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="PopupDismissal"),
                migrations.DeleteModel(name="MarketingPopup"),
                migrations.DeleteModel(name="MarketingCall"),
                migrations.DeleteModel(name="MarketingMessage"),
                migrations.DeleteModel(name="AlertSetting"),
            ],
        ),
    ]
