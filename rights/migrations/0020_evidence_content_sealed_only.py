"""DEF-02: the plain proof-document column goes; the sealed one (filled by 0019) takes its name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("rights", "0019_seal_existing_evidence")]

    operations = [
        migrations.RemoveField(model_name="requestevidence", name="content"),
        migrations.RenameField(model_name="requestevidence", old_name="sealed_content", new_name="content"),
    ]
