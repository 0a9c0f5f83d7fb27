"""Alert settings, marketing and the SMS outbox move from privacy and members to interactions, keeping their tables.

State only: the tables, their rows, constraints and sequences stay as they are (db_table names them).
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('interactions', '0002_push_notifications'),
        ('members', '0012_security_event_device_fingerprint_and_profile_changes'),
        ('privacy', '0011_necessary_purposes_transactions_and_legal_retention'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='MarketingMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('channel', models.CharField(choices=[('email', 'Email'), ('sms', 'SMS')], max_length=10, verbose_name='channel')),
                        ('address', models.CharField(max_length=254, verbose_name='sent to')),
                        ('subject', models.CharField(max_length=200, verbose_name='subject')),
                        ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='sent at')),
                        ('unsubscribed_at', models.DateTimeField(blank=True, null=True, verbose_name='unsubscribed at')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='marketing_messages', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                    ],
                    options={
                        'verbose_name': 'marketing message',
                        'verbose_name_plural': 'marketing messages',
                        'db_table': 'privacy_marketingmessage',
                        'ordering': ['-sent_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='MarketingPopup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=120, verbose_name='title')),
                        ('body', models.TextField(max_length=500, verbose_name='text')),
                        ('link_url', models.CharField(blank=True, help_text='A path on this site, optional.', max_length=200, validators=[django.core.validators.RegexValidator('^/(?![/\\\\])', 'Give a path on this site, starting with one /.')], verbose_name='link')),
                        ('starts_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='shown from')),
                        ('ends_at', models.DateTimeField(verbose_name='shown until')),
                    ],
                    options={
                        'verbose_name': 'marketing pop-up',
                        'verbose_name_plural': 'marketing pop-ups',
                        'db_table': 'privacy_marketingpopup',
                        'ordering': ['-starts_at', '-id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='popup_ends_after_start')],
                    },
                ),
                migrations.CreateModel(
                    name='AlertSetting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('category', models.CharField(choices=[('logistics', 'Logistics'), ('events', 'Event offers'), ('interactions', 'Interactions'), ('service', 'Service notices'), ('security', 'Security notices')], max_length=20, verbose_name='category')),
                        ('channel', models.CharField(choices=[('inbox', 'Messages inbox'), ('email', 'Email'), ('sms', 'SMS'), ('push', 'Push')], max_length=10, verbose_name='channel')),
                        ('is_enabled', models.BooleanField(verbose_name='on')),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='updated at')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='alert_settings', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                    ],
                    options={
                        'verbose_name': 'alert setting',
                        'verbose_name_plural': 'alert settings',
                        'db_table': 'privacy_alertsetting',
                        'constraints': [models.UniqueConstraint(fields=('member', 'category', 'channel'), name='one_alert_setting_per_channel'), models.CheckConstraint(condition=models.Q(models.Q(('category__in', ['security', 'service']), _negated=True), ('is_enabled', True), _connector='OR'), name='mandatory_alerts_stay_on')],
                    },
                ),
                migrations.CreateModel(
                    name='MarketingCall',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('topic', models.CharField(help_text='What the call offers, for example a campaign.', max_length=200, verbose_name='topic')),
                        ('phone', models.CharField(max_length=20, verbose_name='mobile number')),
                        ('queued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='queued at')),
                        ('called_at', models.DateTimeField(blank=True, null=True, verbose_name='called at')),
                        ('outcome', models.CharField(blank=True, choices=[('reached', 'Reached'), ('no_answer', 'No answer')], max_length=20, verbose_name='outcome')),
                        ('called_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='called by')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='marketing_calls', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                    ],
                    options={
                        'verbose_name': 'marketing call',
                        'verbose_name_plural': 'marketing call list',
                        'db_table': 'privacy_marketingcall',
                        'ordering': ['queued_at', 'id'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('called_at__isnull', True)), fields=('member', 'topic'), name='one_open_marketing_call_per_topic')],
                    },
                ),
                migrations.CreateModel(
                    name='PopupDismissal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dismissed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='skipped at')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='popup_dismissals', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                        ('popup', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='dismissals', to='interactions.marketingpopup')),
                    ],
                    options={
                        'verbose_name': 'skipped pop-up',
                        'verbose_name_plural': 'skipped pop-ups',
                        'db_table': 'privacy_popupdismissal',
                        'constraints': [models.UniqueConstraint(fields=('member', 'popup'), name='one_dismissal_per_popup')],
                    },
                ),
                migrations.CreateModel(
                    name='SmsMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('phone', models.CharField(max_length=20, verbose_name='mobile number')),
                        ('body', models.CharField(max_length=300, verbose_name='text')),
                        ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='sent at')),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                    ],
                    options={
                        'verbose_name': 'SMS message (development)',
                        'verbose_name_plural': 'SMS messages (development)',
                        'db_table': 'members_smsmessage',
                        'ordering': ['-sent_at', '-id'],
                        'indexes': [models.Index(fields=['phone', '-sent_at'], name='sms_by_phone')],
                    },
                ),
            ],
        ),
    ]
