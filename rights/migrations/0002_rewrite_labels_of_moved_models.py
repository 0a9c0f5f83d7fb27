"""Stored labels that named the engine's models under `privacy` now name them under `rights`.

Content types (and so permissions and staff groups), retention-run rules, erasure-step labels,
legal-hold targets and staff access-log records all store a model label as text.
"""

from django.db import migrations

MOVED = ["LegalHold", "RetentionRun", "RetentionChunk", "ErasureRun", "ErasureStep", "Tombstone", "CeasedService"]
ACCESS_LOG_TRIGGER = "pgtrigger_staff_access_log_append_only_c06ca"


def relabel(apps, schema_editor, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for name in MOVED:
        model = name.lower()
        stale = ContentType.objects.filter(app_label=old, model=model).first()
        if stale is None:
            continue
        current = ContentType.objects.filter(app_label=new, model=model).first()
        if current is None:
            ContentType.objects.filter(pk=stale.pk).update(app_label=new)
            continue
        # Both exist (a migrate already created the new one): keep the old one's permissions, which groups hold.
        Permission.objects.filter(content_type=current).delete()
        ContentType.objects.filter(pk=current.pk).delete()
        ContentType.objects.filter(pk=stale.pk).update(app_label=new)

    RetentionRun = apps.get_model("rights", "RetentionRun")
    ErasureStep = apps.get_model("rights", "ErasureStep")
    LegalHold = apps.get_model("rights", "LegalHold")
    for name in MOVED:
        RetentionRun.objects.filter(rule=f"{old}.{name}").update(rule=f"{new}.{name}")
        ErasureStep.objects.filter(model_label=f"{old}.{name}").update(model_label=f"{new}.{name}")
        LegalHold.objects.filter(target_label=f"{old}.{name}").update(target_label=f"{new}.{name}")

    StaffAccessLog = apps.get_model("privacy", "StaffAccessLog")
    table = StaffAccessLog._meta.db_table
    quoted = schema_editor.quote_name(table)
    is_postgres = schema_editor.connection.vendor == "postgresql"
    with schema_editor.connection.cursor() as cursor:
        if is_postgres:
            # The access log is append-only; the relabel is the one sanctioned rewrite, inside this transaction.
            cursor.execute(f"ALTER TABLE {quoted} DISABLE TRIGGER {ACCESS_LOG_TRIGGER}")
        for name in MOVED:
            cursor.execute(
                f"UPDATE {quoted} SET object_label = %s || substr(object_label, %s) "  # noqa: S608
                f"WHERE object_label LIKE %s",
                [f"{new}.{name} ", len(f"{old}.{name} ") + 1, f"{old}.{name} #%"],
            )
        if is_postgres:
            cursor.execute(f"ALTER TABLE {quoted} ENABLE TRIGGER {ACCESS_LOG_TRIGGER}")


def forwards(apps, schema_editor):
    relabel(apps, schema_editor, old="privacy", new="rights")


def backwards(apps, schema_editor):
    relabel(apps, schema_editor, old="rights", new="privacy")


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0001_initial"),
        ("privacy", "0012_move_engine_to_rights"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
