"""Stored names of the models that moved to interactions follow them: content types (and so permissions and
staff groups' permissions), admin log entries, and the model labels kept in the staff access log, legal holds,
retention runs and erasure steps.

The label columns are rewritten by table name, so this works whichever app holds those models by the time it runs.
"""

from django.conf import settings
from django.db import migrations

MOVED = {
    "privacy": ["alertsetting", "marketingmessage", "marketingcall", "marketingpopup", "popupdismissal"],
    "members": ["smsmessage"],
}
LABELS = {
    "privacy.AlertSetting": "interactions.AlertSetting",
    "privacy.MarketingMessage": "interactions.MarketingMessage",
    "privacy.MarketingCall": "interactions.MarketingCall",
    "privacy.MarketingPopup": "interactions.MarketingPopup",
    "privacy.PopupDismissal": "interactions.PopupDismissal",
    "members.SmsMessage": "interactions.SmsMessage",
}
# (table, column, how the label is stored): exact labels, or "label #pk" for the staff access log.
LABEL_COLUMNS = [
    ("privacy_retentionrun", "rule", "exact"),
    ("privacy_erasurestep", "model_label", "exact"),
    ("privacy_legalhold", "target_label", "exact"),
    ("privacy_staffaccesslog", "object_label", "prefix"),
]
ACCESS_LOG_TRIGGER = "privacy.StaffAccessLog:staff_access_log_append_only"


def _move_content_types(apps, renames: dict[str, str]) -> None:
    """{old app label: new app label} for the moved models' content types, merging into one already created."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    LogEntry = apps.get_model("admin", "LogEntry")
    Member = apps.get_model(settings.AUTH_USER_MODEL)
    for old_app, new_app in renames.items():
        for model in MOVED[old_app]:
            old = ContentType.objects.filter(app_label=old_app, model=model).first()
            if old is None:
                continue
            new = ContentType.objects.filter(app_label=new_app, model=model).first()
            if new is None:
                ContentType.objects.filter(pk=old.pk).update(app_label=new_app)
                continue
            # post_migrate already made the new one: keep it, and hand it the old one's grants and log entries.
            for permission in Permission.objects.filter(content_type=old):
                kept = Permission.objects.filter(content_type=new, codename=permission.codename).first()
                if kept is None:
                    Permission.objects.filter(pk=permission.pk).update(content_type=new)
                    continue
                for through, owner in [
                    (Group.permissions.through, "group_id"),
                    (Member.user_permissions.through, Member._meta.model_name + "_id"),
                ]:
                    owners = through.objects.filter(permission_id=kept.pk).values_list(owner, flat=True)
                    through.objects.filter(permission_id=permission.pk).exclude(**{f"{owner}__in": owners}).update(
                        permission_id=kept.pk
                    )
                Permission.objects.filter(pk=permission.pk).delete()
            LogEntry.objects.filter(content_type=old).update(content_type=new)
            ContentType.objects.filter(pk=old.pk).delete()


def _rewrite_labels(schema_editor, labels: dict[str, str]) -> None:
    connection = schema_editor.connection
    qn = connection.ops.quote_name
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, column, kind in LABEL_COLUMNS:
            if table not in tables:
                continue
            for old, new in labels.items():
                if kind == "exact":
                    sql = f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE {qn(column)} = %s"  # noqa: S608
                    cursor.execute(sql, [new, old])
                else:
                    sql = (
                        f"UPDATE {qn(table)} SET {qn(column)} = %s || SUBSTR({qn(column)}, %s) "  # noqa: S608
                        f"WHERE {qn(column)} LIKE %s"
                    )
                    cursor.execute(sql, [new, len(old) + 1, old + " #%"])


def _with_access_log_writable(schema_editor, rewrite) -> None:
    # The staff access log refuses UPDATE to everyone (pgtrigger Protect); renaming a label is the exception.
    if schema_editor.connection.vendor == "postgresql":
        import pgtrigger

        with pgtrigger.ignore(ACCESS_LOG_TRIGGER):
            rewrite()
    else:
        rewrite()


def forwards(apps, schema_editor):
    _move_content_types(apps, {"privacy": "interactions", "members": "interactions"})
    _with_access_log_writable(schema_editor, lambda: _rewrite_labels(schema_editor, LABELS))


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_app, models in MOVED.items():
        for model in models:
            if not ContentType.objects.filter(app_label=old_app, model=model).exists():
                ContentType.objects.filter(app_label="interactions", model=model).update(app_label=old_app)
    reverse = {new: old for old, new in LABELS.items()}
    _with_access_log_writable(schema_editor, lambda: _rewrite_labels(schema_editor, reverse))


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0003_move_alerts_marketing_and_sms_outbox"),
        ("privacy", "0012_move_alerts_marketing_to_interactions"),
        ("members", "0013_move_sms_outbox_to_interactions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
