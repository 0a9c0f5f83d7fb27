"""The engine's models, taken over from the privacy app with their tables as they are (state only: no data copied)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('privacy', '0011_necessary_purposes_transactions_and_legal_retention'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CeasedService',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(help_text='An app label, e.g. interactions.', max_length=100, unique=True, verbose_name='feature')),
                        ('ceased_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='ceased at')),
                        ('rows_deleted', models.BigIntegerField(default=0, verbose_name='rows deleted')),
                        ('rows_anonymized', models.BigIntegerField(default=0, verbose_name='rows anonymized')),
                        ('rows_kept', models.BigIntegerField(default=0, verbose_name='rows kept')),
                    ],
                    options={
                        'verbose_name': 'ceased service',
                        'verbose_name_plural': 'ceased services',
                        'db_table': 'privacy_ceasedservice',
                    },
                ),
                migrations.CreateModel(
                    name='RetentionRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rule', models.CharField(help_text='The registered model whose rule was swept.', max_length=100, verbose_name='rule')),
                        ('action', models.CharField(max_length=20, verbose_name='action')),
                        ('cutoff', models.DateTimeField(verbose_name='expired before')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('running', 'Running'), ('held', 'Stopped by a legal hold'), ('failed', 'Failed'), ('finished', 'Finished')], default='pending', max_length=20, verbose_name='status')),
                        ('started_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='started at')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                        ('rows_examined', models.BigIntegerField(default=0, verbose_name='rows examined')),
                        ('rows_changed', models.BigIntegerField(default=0, verbose_name='rows changed')),
                        ('batches', models.IntegerField(default=0, verbose_name='batches')),
                        ('interruptions', models.IntegerField(default=0, verbose_name='interruptions')),
                        ('errors', models.JSONField(blank=True, default=list, verbose_name='errors and events')),
                    ],
                    options={
                        'verbose_name': 'retention run',
                        'verbose_name_plural': 'retention runs',
                        'db_table': 'privacy_retentionrun',
                        'ordering': ['-started_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Tombstone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('member_id', models.BigIntegerField(unique=True, verbose_name='member id')),
                        ('erased_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='erased at')),
                    ],
                    options={
                        'verbose_name': 'erasure tombstone',
                        'verbose_name_plural': 'erasure tombstones',
                        'db_table': 'privacy_tombstone',
                        'ordering': ['-erased_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ErasureRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(max_length=200, verbose_name='reason')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('running', 'Running'), ('held', 'Stopped by a legal hold'), ('failed', 'Failed'), ('finished', 'Finished')], default='pending', max_length=20, verbose_name='status')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started at')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('receipt', models.JSONField(blank=True, default=dict, verbose_name='receipt')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='erasure_runs', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                    ],
                    options={
                        'verbose_name': 'erasure run',
                        'verbose_name_plural': 'erasure runs',
                        'db_table': 'privacy_erasurerun',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='RetentionChunk',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('first_id', models.BigIntegerField(verbose_name='first id')),
                        ('last_id', models.BigIntegerField(verbose_name='last id')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('running', 'Running'), ('held', 'Stopped by a legal hold'), ('failed', 'Failed'), ('finished', 'Finished')], default='pending', max_length=20, verbose_name='status')),
                        ('attempts', models.IntegerField(default=0, verbose_name='attempts')),
                        ('worker', models.CharField(blank=True, max_length=200, verbose_name='worker')),
                        ('rows_examined', models.BigIntegerField(default=0, verbose_name='rows examined')),
                        ('rows_changed', models.BigIntegerField(default=0, verbose_name='rows changed')),
                        ('batches', models.IntegerField(default=0, verbose_name='batches')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started at')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='chunks', to='rights.retentionrun', verbose_name='run')),
                    ],
                    options={
                        'verbose_name': 'retention chunk',
                        'verbose_name_plural': 'retention chunks',
                        'db_table': 'privacy_retentionchunk',
                        'ordering': ['run', 'first_id'],
                    },
                ),
                migrations.CreateModel(
                    name='ErasureStep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveIntegerField(verbose_name='position')),
                        ('model_label', models.CharField(max_length=100, verbose_name='record type')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('running', 'Running'), ('held', 'Stopped by a legal hold'), ('failed', 'Failed'), ('finished', 'Finished')], default='pending', max_length=20, verbose_name='status')),
                        ('attempts', models.IntegerField(default=0, verbose_name='attempts')),
                        ('rows_deleted', models.BigIntegerField(default=0, verbose_name='rows deleted')),
                        ('rows_anonymized', models.BigIntegerField(default=0, verbose_name='rows anonymized')),
                        ('rows_kept', models.BigIntegerField(default=0, verbose_name='rows kept')),
                        ('kept_until', models.DateTimeField(blank=True, null=True, verbose_name='kept until')),
                        ('kept_basis', models.TextField(blank=True, verbose_name='kept because')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                        ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='rights.erasurerun', verbose_name='run')),
                    ],
                    options={
                        'verbose_name': 'erasure step',
                        'verbose_name_plural': 'erasure steps',
                        'db_table': 'privacy_erasurestep',
                        'ordering': ['run', 'position'],
                        'constraints': [models.UniqueConstraint(fields=('run', 'position'), name='erasure_step_position_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='LegalHold',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('target_label', models.CharField(blank=True, help_text='A registered model, for example orders.Order.', max_length=100, verbose_name='record type')),
                        ('target_id', models.BigIntegerField(blank=True, null=True, verbose_name='record id')),
                        ('reason', models.CharField(max_length=300, verbose_name='reason')),
                        ('set_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='set at')),
                        ('lifted_at', models.DateTimeField(blank=True, null=True, verbose_name='lifted at')),
                        ('lifted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='lifted by')),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='legal_holds', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                        ('set_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='set by')),
                    ],
                    options={
                        'verbose_name': 'legal hold',
                        'verbose_name_plural': 'legal holds',
                        'db_table': 'privacy_legalhold',
                        'ordering': ['-set_at', '-id'],
                        'indexes': [models.Index(fields=['target_label', 'target_id'], name='legal_hold_target')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('member__isnull', False), ('target_id__isnull', True), ('target_label', '')), models.Q(('member__isnull', True), ('target_id__isnull', False), models.Q(('target_label', ''), _negated=True)), _connector='OR'), name='legal_hold_names_member_or_record'), models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='legal_hold_has_reason')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
