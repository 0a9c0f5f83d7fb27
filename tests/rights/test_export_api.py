"""/api/v1/exports/: the app asks for a copy of the member's data, follows it, and downloads the ZIP."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from orders.models import Address
from publishing.models import Review
from rights.exports import build_export
from rights.models import DataExport, ExportDownload
from tests.rights.rows import row_in_every_registered_model
from tests.rights.test_retention import make_order

pytestmark = pytest.mark.django_db
EXPORTS = "/api/v1/exports/"


def download(client, export_id):
    response = client.get(f"{EXPORTS}{export_id}/download/", HTTP_ACCEPT="application/json")
    return response, (
        zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) if response.status_code == 200 else None
    )


def test_the_app_asks_for_a_copy_follows_it_and_downloads_profile_addresses_orders_and_content(
    client, member, no_job, django_capture_on_commit_callbacks
):
    """RGT-03: a completed copy request produces a downloadable archive with profile, addresses, orders, content."""
    rows = row_in_every_registered_model(member)
    Address.objects.filter(pk=rows["orders.Address"].pk).update(consignee_name="Alice Wang")
    make_order(member, completed_ago=timedelta(days=3), consignee_name="Zhang Wei")
    Review.objects.filter(pk=rows["publishing.Review"].pk).update(text="Lovely tea")
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(EXPORTS, content_type="application/json")
    export_id = asked.json()["id"]
    assert asked.status_code == 202
    assert asked.json()["status"] == "queued"
    assert no_job == [export_id]
    assert client.get(f"{EXPORTS}{export_id}/download/").status_code == 404

    build_export(export_id)
    status = client.get(f"{EXPORTS}{export_id}/").json()
    response, archive = download(client, export_id)

    assert (status["status"], status["percent"], status["is_downloadable"]) == ("ready", 100, True)
    assert response["Content-Type"] == "application/zip"
    account = json.loads(archive.read("account.json"))
    assert account["records"]["members.Member"][0]["member_name"] == "alice"
    assert "password" not in account["records"]["members.Member"][0]
    delivery = json.loads(archive.read("delivery.json"))
    assert any(a["consignee_name"] == "Alice Wang" for a in delivery["records"]["orders.Address"])
    assert "Zhang Wei" in archive.read("csv/orders.Order.csv").decode()
    assert "Lovely tea" in archive.read("content.json").decode()
    assert ExportDownload.objects.filter(export_id=export_id).count() == 1


def test_asking_twice_while_one_is_being_built_returns_the_same_copy(client, member, no_job):
    client.force_login(member)

    first = client.post(EXPORTS, content_type="application/json").json()
    second = client.post(EXPORTS, content_type="application/json").json()

    assert first["id"] == second["id"]
    assert DataExport.objects.count() == 1


def test_another_members_copy_is_404_for_status_and_download(client, member, other_member, no_job):
    client.force_login(other_member)
    theirs = client.post(EXPORTS, content_type="application/json").json()["id"]
    build_export(theirs)
    client.force_login(member)

    assert client.get(f"{EXPORTS}{theirs}/").status_code == 404
    assert download(client, theirs)[0].status_code == 404
    assert client.get(EXPORTS).json()["count"] == 0
    assert not ExportDownload.objects.exists()


def test_an_expired_copy_cannot_be_downloaded(client, member, no_job):
    client.force_login(member)
    export_id = client.post(EXPORTS, content_type="application/json").json()["id"]
    build_export(export_id)
    DataExport.objects.filter(pk=export_id).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert download(client, export_id)[0].status_code == 404
    assert client.get(f"{EXPORTS}{export_id}/").json()["is_downloadable"] is False


@pytest.mark.parametrize(("body", "field"), [("{not json", "detail"), ('{"format": "pdf"}', "format")])
def test_a_malformed_or_unknown_body_asks_for_nothing(client, member, no_job, body, field):
    client.force_login(member)

    response = client.post(EXPORTS, body, content_type="application/json")

    assert response.status_code == 400
    assert field in response.json()
    assert not DataExport.objects.exists()


def test_the_list_of_copies_takes_a_bounded_number_of_queries(client, member, no_job, django_assert_max_num_queries):
    client.force_login(member)
    for _ in range(3):
        export_id = client.post(EXPORTS, content_type="application/json").json()["id"]
        DataExport.objects.filter(pk=export_id).update(status=DataExport.Status.FAILED)
    client.get(EXPORTS)

    with django_assert_max_num_queries(5):
        assert client.get(EXPORTS).json()["count"] == 3
