"""The SMS outbox is "text messages": it shows as such in admin and on erasure receipts."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('interactions', '0004_rewrite_moved_model_labels'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='smsmessage',
            options={'ordering': ['-sent_at', '-id'], 'verbose_name': 'text message', 'verbose_name_plural': 'text messages'},
        ),
    ]
