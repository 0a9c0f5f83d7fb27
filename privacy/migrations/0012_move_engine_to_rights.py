"""The retention and erasure engine's models now belong to the rights app; their tables stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('privacy', '0011_necessary_purposes_transactions_and_legal_retention'),
        ('rights', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.DeleteModel(
                name='CeasedService',
            ),
            migrations.RemoveField(
                model_name='erasurerun',
                name='member',
            ),
            migrations.RemoveField(
                model_name='erasurestep',
                name='run',
            ),
            migrations.RemoveField(
                model_name='legalhold',
                name='lifted_by',
            ),
            migrations.RemoveField(
                model_name='legalhold',
                name='member',
            ),
            migrations.RemoveField(
                model_name='legalhold',
                name='set_by',
            ),
            migrations.RemoveField(
                model_name='retentionchunk',
                name='run',
            ),
            migrations.DeleteModel(
                name='Tombstone',
            ),
            migrations.DeleteModel(
                name='ErasureRun',
            ),
            migrations.DeleteModel(
                name='ErasureStep',
            ),
            migrations.DeleteModel(
                name='LegalHold',
            ),
            migrations.DeleteModel(
                name='RetentionChunk',
            ),
            migrations.DeleteModel(
                name='RetentionRun',
            ),
            ],
            database_operations=[],
        ),
    ]
