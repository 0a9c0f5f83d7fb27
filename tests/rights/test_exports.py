"""A copy of my data (RGT-03): built from the registry into a ZIP, followed by progress, downloaded from a signed link."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from interactions.models import Message
from orders.models import Address
from privacy.registry import registry
from publishing.models import Review
from rights.exports import build_export, expire_exports, export_path, link_token, start_export
from rights.models import DataExport, ExportDownload, RequestStatus
from tests.rights.rows import row_in_every_registered_model
from tests.rights.test_retention import make_order

pytestmark = pytest.mark.django_db


def built(member) -> DataExport:
    export = start_export(member=member)
    return build_export(export.pk)


def open_zip(client, export) -> zipfile.ZipFile:
    response = client.get(reverse("rights:copy-download", args=[link_token(export)]))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_a_completed_copy_holds_profile_addresses_orders_and_published_content(client, member, no_job):
    """RGT-03: a completed copy request produces a downloadable archive with profile, addresses, orders, content."""
    rows = row_in_every_registered_model(member)
    Address.objects.filter(pk=rows["orders.Address"].pk).update(consignee_name="Alice Wang")
    make_order(member, completed_ago=timedelta(days=3), consignee_name="Zhang Wei")
    Review.objects.filter(pk=rows["publishing.Review"].pk).update(text="Lovely tea")
    client.force_login(member)

    export = built(member)
    archive = open_zip(client, export)

    names = archive.namelist()
    assert "README.txt" in names
    account = json.loads(archive.read("account.json"))
    assert account["records"]["members.Member"][0]["member_name"] == "alice"
    assert "password" not in account["records"]["members.Member"][0]
    delivery = json.loads(archive.read("delivery.json"))
    assert any(a["consignee_name"] == "Alice Wang" for a in delivery["records"]["orders.Address"])
    assert "Zhang Wei" in archive.read("csv/orders.Order.csv").decode()
    assert "Lovely tea" in archive.read("content.json").decode()
    # Generated from the registry: every registered model with rows of the member has its CSV.
    for registration in registry:
        assert f"csv/{registration.label}.csv" in names
    assert export.request.status == RequestStatus.FULFILLED


def test_the_page_shows_progress_while_the_job_builds(client, member, no_job, django_capture_on_commit_callbacks):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rights:copy"))
    export = DataExport.objects.get(member=member)
    page = client.get(reverse("rights:copy")).content.decode()
    before = client.get(reverse("rights:copy-progress", args=[export.pk])).json()
    build_export(export.pk)
    after = client.get(reverse("rights:copy-progress", args=[export.pk])).json()

    assert response.status_code == 302 and no_job == [export.pk]
    assert "<progress" in page and "js/export-progress.js" in page
    assert before == {"status": "queued", "percent": 0, "label": "Waiting to start"}
    assert after["status"] == "ready" and after["percent"] == 100


def test_asking_twice_while_it_builds_makes_one_copy(client, member, no_job, django_capture_on_commit_callbacks):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rights:copy"))
        client.post(reverse("rights:copy"))

    assert DataExport.objects.filter(member=member).count() == 1
    assert len(no_job) == 1


def test_the_link_comes_in_a_message_and_every_download_is_logged(client, member, no_job):
    client.force_login(member)
    export = built(member)

    message = Message.objects.get(member=member, title="Your copy of your data is ready")
    link = message.body.rsplit(" ", 1)[-1]
    assert link.startswith("/me/data/copy/download/")
    client.get(link)
    client.get(link)

    assert ExportDownload.objects.filter(export=export).count() == 2


def test_another_member_cannot_follow_or_download_a_copy(client, member, other_member, no_job):
    export = built(member)
    client.force_login(other_member)

    assert client.get(reverse("rights:copy-progress", args=[export.pk])).status_code == 404
    assert client.get(reverse("rights:copy-download", args=[link_token(export)])).status_code == 404
    assert not ExportDownload.objects.exists()


def test_a_visitor_is_sent_to_sign_in_for_the_download(client, member, no_job):
    export = built(member)

    response = client.get(reverse("rights:copy-download", args=[link_token(export)]))

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_an_altered_link_is_refused(client, member, no_job):
    export = built(member)
    client.force_login(member)
    forged = signing.dumps({"export": export.pk, "member": member.pk}, salt="another-salt")

    assert client.get(reverse("rights:copy-download", args=[forged])).status_code == 404
    assert client.get(reverse("rights:copy-download", args=[link_token(export) + "x"])).status_code == 404


def test_the_link_expires_after_seven_days_and_the_file_is_deleted(client, member, no_job):
    export = built(member)
    path = export_path(export)
    client.force_login(member)
    link = reverse("rights:copy-download", args=[link_token(export)])

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert client.get(link).status_code == 404
        assert expire_exports() == 1

    export.refresh_from_db()
    assert export.status == DataExport.Status.EXPIRED
    assert not path.exists()


def test_the_file_of_an_erased_member_is_deleted_by_the_expiry_job(member, no_job):
    export = built(member)
    path = export_path(export)
    DataExport.objects.filter(pk=export.pk).delete()

    expire_exports()

    assert not path.exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_copy(celery_worker, settings, tmp_path):
    from members.models import Member
    from tests.conftest import wait_until

    member = Member.objects.create_user("copier", "correct horse battery", phone="+8613800138077")
    export = start_export(member=member)

    ready = wait_until(lambda: DataExport.objects.filter(pk=export.pk, status="ready").exists(), timeout=30)

    assert ready
    export.refresh_from_db()
    assert zipfile.ZipFile(export_path(export)).testzip() is None


def test_a_copy_whose_message_was_lost_is_built_after_the_reaper_sends_it_again(
    member, no_job, settings, django_capture_on_commit_callbacks
):
    """Issue 16: a copy is one message; the database, not the broker, says it is still unbuilt."""
    from rights.resumption import resume_stalled

    settings.RIGHTS_STALLED_AFTER = 60
    with django_capture_on_commit_callbacks(execute=True):
        export = start_export(member=member)
    no_job.clear()  # the broker lost it: nothing will run it

    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        assert resume_stalled().exports == 0  # too early: it may still be on the queue
    with time_machine.travel(timezone.now() + timedelta(seconds=90)):
        with django_capture_on_commit_callbacks(execute=True):
            first = resume_stalled().exports
        with django_capture_on_commit_callbacks(execute=True):
            again = resume_stalled().exports

    assert (first, again, no_job) == (1, 0, [export.pk])  # sent once per threshold
    assert build_export(no_job[0]).status == DataExport.Status.READY
