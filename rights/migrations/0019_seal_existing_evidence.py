"""DEF-02: encrypt every proof document stored in plain bytes before the plain column goes."""

from django.db import migrations

BATCH = 200


def seal_evidence(apps, schema_editor):
    RequestEvidence = apps.get_model("rights", "RequestEvidence")
    pending = RequestEvidence.objects.filter(sealed_content="").order_by("id")
    last = 0
    while batch := list(pending.filter(id__gt=last).only("id", "content")[:BATCH]):
        for evidence in batch:
            evidence.sealed_content = bytes(evidence.content)
        RequestEvidence.objects.bulk_update(batch, ["sealed_content"])
        last = batch[-1].id


def unseal_evidence(apps, schema_editor):
    RequestEvidence = apps.get_model("rights", "RequestEvidence")
    for evidence in RequestEvidence.objects.only("id", "sealed_content").iterator():
        evidence.content = evidence.sealed_content
        evidence.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("rights", "0018_evidence_sealed_content")]

    operations = [migrations.RunPython(seal_evidence, unseal_evidence)]
