"""POL-07: every job that processes personal data declares its purpose, and only registered purposes can be declared."""

import pytest

from portal.celery import app
from privacy.purposes import PROCESSING_JOBS, Purpose, UnknownPurpose, processes


def test_declaring_a_purpose_missing_from_the_registry_raises_before_the_job_can_run():
    # clause: POL-07
    with pytest.raises(UnknownPurpose):

        @processes("train_recommendation_model", description="Trains a model on browsing history.")
        def train():
            raise AssertionError("never defined")

    assert not any(name.endswith("train") for name in PROCESSING_JOBS)


def test_a_job_must_declare_at_least_one_purpose():
    # clause: POL-07
    with pytest.raises(UnknownPurpose):
        processes(description="No purpose at all.")


def test_a_registered_purpose_may_be_named_by_its_code():
    # clause: POL-07
    @processes("marketing_email", description="A job declared with the purpose's code.")
    def send():
        return "sent"

    try:
        assert send.processing_job.purposes == (Purpose.MARKETING_EMAIL,)
        assert send() == "sent"  # the job itself is unchanged
    finally:
        PROCESSING_JOBS.pop(send.processing_job.name)


def test_every_celery_task_declares_its_processing_purpose():
    """The list of every registered processing job and its purposes; a task without a declaration fails here."""
    # clause: POL-07
    app.loader.import_default_modules()
    tasks = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    declared = {name: getattr(task.run, "processing_job", None) for name, task in tasks.items()}

    assert [name for name, job in declared.items() if job is None] == []
    assert {name: sorted(p.value for p in job.purposes) for name, job in declared.items()} == {
        "interactions.channel_developer_feed": ["account"],
        "interactions.joint_event_partner_sync": ["joint_event_sharing"],
        "members.recalculate_levels": ["account"],
        "orders.payment_status_poll": ["transactions"],
        "orders.price_drop_alerts": ["transactions"],
        "orders.tracking_sync": ["transactions"],
        "portal.heartbeat": [],
        "publishing.remove_orphaned_pictures": ["legal_retention"],
        "privacy.erase_member": ["legal_retention"],
        "publishing.rank_live_channels": [],
        "publishing.sweep_orphan_videos": ["legal_retention"],
        "privacy.sweep_all": [],
        "privacy.sweep_chunk": ["legal_retention"],
        "privacy.sweep_rule": [],
        "rights.resume_stalled": [],
        "rights.build_export": ["account"],
        "rights.deliver_incident_notice": ["account"],
        "rights.expire_exports": ["account"],
        "rights.request_deadlines": [],
        "rights.send_deletion_notice": ["legal_retention"],
        "rights.start_due_closures": ["legal_retention"],
        "support.export_training_set": [],
    }


def test_marketing_senders_declare_the_channel_purpose_they_need():
    # clause: POL-07, INT-02
    purposes = {name.rsplit(".", 1)[-1]: job.purposes for name, job in PROCESSING_JOBS.items()}

    assert purposes["send_marketing_email"] == (Purpose.MARKETING_EMAIL,)
    assert purposes["send_marketing_sms"] == (Purpose.MARKETING_SMS,)
    assert purposes["refresh_call_list"] == (Purpose.MARKETING_PHONE,)
