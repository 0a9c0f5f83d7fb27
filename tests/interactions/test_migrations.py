"""Alert settings, marketing and the SMS outbox moved from privacy and members to interactions without copying a row:
rows written under the old apps are read through the new models, and every stored name of a moved model follows."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from interactions.models import (
    AlertSetting,
    MarketingCall,
    MarketingMessage,
    MarketingPopup,
    PopupDismissal,
    SmsMessage,
)
from privacy.models import StaffAccessLog
from rights.models import ErasureStep, LegalHold, RetentionRun

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("privacy", "0011_necessary_purposes_transactions_and_legal_retention"),
    ("members", "0012_security_event_device_fingerprint_and_profile_changes"),
    ("interactions", "0002_push_notifications"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _write_old_rows(old, member_id: int) -> dict:
    """Rows as the old apps wrote them, through the historical models of that state."""
    now = timezone.now()
    setting = old.get_model("privacy", "AlertSetting").objects.create(
        member_id=member_id, category="events", channel="sms", is_enabled=False, updated_at=now
    )
    message = old.get_model("privacy", "MarketingMessage").objects.create(
        member_id=member_id, channel="email", address="alice@example.com", subject="Spring sale", sent_at=now
    )
    call = old.get_model("privacy", "MarketingCall").objects.create(
        topic="Spring sale", member_id=member_id, phone="+8613800138001", queued_at=now
    )
    popup = old.get_model("privacy", "MarketingPopup").objects.create(
        title="Sale", body="Half price", starts_at=now, ends_at=now + datetime.timedelta(days=1)
    )
    old.get_model("privacy", "PopupDismissal").objects.create(member_id=member_id, popup_id=popup.pk, dismissed_at=now)
    sms = old.get_model("members", "SmsMessage").objects.create(
        member_id=member_id, phone="+8613800138001", body="Your code is 123456.", sent_at=now
    )
    old.get_model("privacy", "StaffAccessLog").objects.create(
        staff_id=member_id,
        member_id=member_id,
        object_label=f"privacy.MarketingCall #{call.pk}",
        fields=["phone"],
        reason="Ticket 7",
    )
    old.get_model("privacy", "LegalHold").objects.create(
        target_label="privacy.MarketingMessage", target_id=message.pk, reason="Dispute", set_by_id=member_id
    )
    old.get_model("privacy", "RetentionRun").objects.create(rule="privacy.PopupDismissal", action="delete", cutoff=now)
    run = old.get_model("privacy", "ErasureRun").objects.create(member_id=member_id, reason="closed")
    old.get_model("privacy", "ErasureStep").objects.create(run=run, position=0, model_label="members.SmsMessage")
    return {"setting": setting.pk, "message": message.pk, "call": call.pk, "popup": popup.pk, "sms": sms.pk}


def _old_content_types(old) -> dict:
    """Grants on the old content types; for one model post_migrate has already made the new content type."""
    ContentTypeThen = old.get_model("contenttypes", "ContentType")
    PermissionThen = old.get_model("auth", "Permission")
    group = old.get_model("auth", "Group").objects.create(name="marketing_staff")
    made = {}
    for model in ("alertsetting", "marketingcall"):
        content_type, _ = ContentTypeThen.objects.get_or_create(app_label="privacy", model=model)
        permission, _ = PermissionThen.objects.get_or_create(
            content_type=content_type, codename=f"view_{model}", defaults={"name": f"Can view {model}"}
        )
        group.permissions.add(permission)
        made[model] = content_type.pk
    ContentTypeThen.objects.filter(app_label="interactions", model="alertsetting").delete()
    early, _ = ContentTypeThen.objects.get_or_create(app_label="interactions", model="marketingcall")
    PermissionThen.objects.get_or_create(
        content_type=early, codename="view_marketingcall", defaults={"name": "Can view marketing call"}
    )
    return made


def test_moved_models_keep_their_rows_and_every_stored_label_follows_them(member):
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE)
    ids = _write_old_rows(old, member.pk)
    content_types = _old_content_types(old)

    _migrate(leaves)
    ContentType.objects.clear_cache()

    assert not AlertSetting.objects.get(pk=ids["setting"]).is_enabled
    assert MarketingMessage.objects.get(pk=ids["message"]).address == "alice@example.com"
    assert MarketingCall.objects.get(pk=ids["call"]).member_id == member.pk
    assert PopupDismissal.objects.get(popup_id=ids["popup"]).popup == MarketingPopup.objects.get(pk=ids["popup"])
    assert SmsMessage.objects.get(pk=ids["sms"]).body == "Your code is 123456."
    assert list(StaffAccessLog.objects.values_list("object_label", flat=True)) == [
        f"interactions.MarketingCall #{ids['call']}"
    ]
    assert list(LegalHold.objects.values_list("target_label", flat=True)) == ["interactions.MarketingMessage"]
    assert list(RetentionRun.objects.values_list("rule", flat=True)) == ["interactions.PopupDismissal"]
    assert list(ErasureStep.objects.values_list("model_label", flat=True)) == ["interactions.SmsMessage"]
    # Content types: renamed in place where interactions had none, merged where it had one; grants follow.
    assert not ContentType.objects.filter(app_label="privacy", model__in=["alertsetting", "marketingcall"]).exists()
    assert not ContentType.objects.filter(app_label="members", model="smsmessage").exists()
    assert ContentType.objects.get(app_label="interactions", model="alertsetting").pk == content_types["alertsetting"]
    assert set(
        Group.objects.get(name="marketing_staff").permissions.values_list("content_type__app_label", "codename")
    ) == {
        ("interactions", "view_alertsetting"),
        ("interactions", "view_marketingcall"),
    }
    assert Permission.objects.filter(content_type__app_label="interactions", codename="view_marketingcall").count() == 1
