"""The engine's models moved from privacy to rights without copying data: rows, labels and permissions follow."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("privacy", "0011_necessary_purposes_transactions_and_legal_retention"), ("rights", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The state of every app as the database now has it.
    applied = MigrationExecutor(connection).loader.applied_migrations
    return executor.loader.project_state(list(applied), at_end=True).apps


@pytest.mark.django_db(transaction=True)
def test_moving_the_engine_to_rights_keeps_rows_and_rewrites_their_labels():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    try:
        Member = old.get_model("members", "Member")
        ContentType = old.get_model("contenttypes", "ContentType")
        Permission = old.get_model("auth", "Permission")
        Group = old.get_model("auth", "Group")
        staff = Member.objects.create(member_name="officer", phone="+8613800138009", is_staff=True)
        member = Member.objects.create(member_name="alice", phone="+8613800138001")
        hold = old.get_model("privacy", "LegalHold").objects.create(
            target_label="privacy.LegalHold", target_id=1, reason="Court order 42", set_by=staff
        )
        run = old.get_model("privacy", "RetentionRun").objects.create(
            rule="privacy.LegalHold", action="delete", cutoff="2020-01-01T00:00:00Z"
        )
        erasure = old.get_model("privacy", "ErasureRun").objects.create(member=member, reason="closed")
        old.get_model("privacy", "ErasureStep").objects.create(run=erasure, position=1, model_label="privacy.LegalHold")
        old.get_model("privacy", "StaffAccessLog").objects.create(
            staff=staff, member=member, object_label=f"privacy.LegalHold #{hold.pk}", reason="ticket 7"
        )
        old.get_model("privacy", "StaffAccessLog").objects.create(
            staff=staff, member=member, object_label="orders.Order #9", reason="ticket 8"
        )
        content_type, _ = ContentType.objects.get_or_create(app_label="privacy", model="legalhold")
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename="view_legalhold", defaults={"name": "Can view legal hold"}
        )
        group = Group.objects.create(name="old_officers")
        group.permissions.add(permission)

        new = migrate(latest)

        assert new.get_model("rights", "LegalHold").objects.get(pk=hold.pk).target_label == "rights.LegalHold"
        assert new.get_model("rights", "RetentionRun").objects.get(pk=run.pk).rule == "rights.LegalHold"
        step = new.get_model("rights", "ErasureStep").objects.get(run_id=erasure.pk)
        assert step.model_label == "rights.LegalHold"
        labels = set(new.get_model("privacy", "StaffAccessLog").objects.values_list("object_label", flat=True))
        assert labels == {f"rights.LegalHold #{hold.pk}", "orders.Order #9"}
        moved = new.get_model("contenttypes", "ContentType").objects.get(pk=content_type.pk)
        assert (moved.app_label, moved.model) == ("rights", "legalhold")
        kept = new.get_model("auth", "Group").objects.get(name="old_officers").permissions.get()
        assert (kept.content_type_id, kept.codename) == (content_type.pk, "view_legalhold")
    finally:
        migrate(latest)


@pytest.mark.django_db
def test_the_access_log_stays_append_only_after_the_move(member, other_member):
    """The relabelling migration switches the trigger off only inside its own transaction."""
    from django.db import DatabaseError, transaction

    from privacy.models import StaffAccessLog

    log = StaffAccessLog.objects.create(staff=other_member, member=member, object_label="orders.Order #1", reason="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        StaffAccessLog.objects.filter(pk=log.pk).update(reason="rewritten")


@pytest.mark.django_db(transaction=True)
def test_proof_documents_stored_before_encryption_are_sealed_and_read_back_unchanged():
    from django.utils import timezone

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    old = migrate([("rights", "0018_evidence_sealed_content")])
    try:
        member = old.get_model("members", "Member").objects.create(member_name="alice", phone="+8613800138001")
        now = timezone.now()
        request = old.get_model("rights", "RightsRequest").objects.create(
            member_id=member.pk, type="correction", received_at=now, due_at=now
        )
        evidence = old.get_model("rights", "RequestEvidence").objects.create(
            request_id=request.pk, file_name="p.pdf", content_type="application/pdf", size=9, content=b"%PDF-1.4\n"
        )

        new = migrate(latest)

        assert bytes(new.get_model("rights", "RequestEvidence").objects.get(pk=evidence.pk).content) == b"%PDF-1.4\n"
        with connection.cursor() as cursor:
            cursor.execute("SELECT content FROM rights_requestevidence WHERE id = %s", [evidence.pk])
            assert "%PDF" not in cursor.fetchone()[0]
    finally:
        migrate(latest)
