"""RGT-11: a closure request that customer service files for the member, and its staff action."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('rights', '0013_export_resumed_at'),
    ]

    operations = [
        migrations.AlterField(
            model_name='rightsrequest',
            name='type',
            field=models.CharField(choices=[('copy', 'A copy of my data'), ('correction', 'Correct my data'), ('deletion', 'Delete my data'), ('automated_decision', 'Review of an automated decision'), ('consent', 'Change a permission for me'), ('complaint', 'Complaint to the personal-information protection working group'), ('children', "Children's data"), ('closure', 'Close my account')], max_length=30, verbose_name='type'),
        ),
        migrations.AlterField(
            model_name='staffaction',
            name='kind',
            field=models.CharField(choices=[('correction', 'Correction of data'), ('consent', 'Change of a permission'), ('closure', 'Closure of the account')], max_length=20, verbose_name='kind'),
        ),
    ]
